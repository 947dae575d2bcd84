package io.github.bttracker.it.webtorrent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What one peer.mjs process has said so far, from the JSON lines it prints on stdout (see peer.mjs for each event).
 * One thread {@linkplain #accept(String) feeds} it, any thread reads it or {@linkplain #await waits} on it.
 */
final class PeerEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonNode ready;
    private int announces;
    private final List<WebTorrentPeer.Wire> wires = new ArrayList<>();
    private long uploaded;
    private long downloaded;
    private Path done;
    private final List<String> warnings = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private boolean ended;

    /** Takes one line of stdout; a line that is no event of peer.mjs is kept as an error. */
    synchronized void accept(String line) {
        try {
            take(JSON.readTree(line));
        } catch (Exception e) {
            errors.add("unparsable line on stdout: " + line);
        }
        notifyAll();
    }

    private void take(JsonNode event) {
        switch (event.path("event").asText()) {
            case "ready" -> ready = event;
            case "announced" -> announces++;
            case "wire" -> wires.add(new WebTorrentPeer.Wire(event.path("peer").asText(), event.path("type").asText()));
            case "upload" -> uploaded = event.path("bytes").asLong();
            case "progress" -> downloaded = event.path("downloaded").asLong();
            case "done" -> done = Path.of(event.path("path").asText());
            case "warning" -> warnings.add(event.path("message").asText());
            case "error" -> errors.add(event.path("message").asText());
            default -> errors.add("unknown event on stdout: " + event);
        }
    }

    /** Stdout is closed: the process exited, or is about to. */
    synchronized void end() {
        ended = true;
        notifyAll();
    }

    synchronized Optional<JsonNode> ready() {
        return Optional.ofNullable(ready);
    }

    synchronized int announces() {
        return announces;
    }

    synchronized List<WebTorrentPeer.Wire> wires() {
        return List.copyOf(wires);
    }

    synchronized long uploaded() {
        return uploaded;
    }

    synchronized long downloaded() {
        return downloaded;
    }

    synchronized Optional<Path> done() {
        return Optional.ofNullable(done);
    }

    synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }

    synchronized List<String> errors() {
        return List.copyOf(errors);
    }

    synchronized boolean ended() {
        return ended;
    }

    /**
     * Waits until {@code condition} holds, checked again after each event.
     *
     * @return whether it holds: false once the timeout passed, or stdout ended without it
     * @throws InterruptedException if interrupted while waiting
     */
    synchronized boolean await(Supplier<Boolean> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.get()) {
            long left = deadline - System.nanoTime();
            if (ended || left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
