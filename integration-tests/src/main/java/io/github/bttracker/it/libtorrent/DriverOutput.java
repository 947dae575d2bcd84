package io.github.bttracker.it.libtorrent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The driver's stdout, read line by line on a thread of its own: the latest status, whether it listens, the fatal
 * line it printed before exiting, and the last lines as printed (for failure messages).
 */
final class DriverOutput {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Lines kept for failure messages: each status line says all there is, so the last few are enough. */
    private static final int KEPT_LINES = 6;

    private final Deque<String> lastLines = new ArrayDeque<>();
    private boolean listening;
    private boolean ended;
    private LibtorrentStatus status;
    private JsonNode fatal;

    /** Starts the thread that reads {@code stdout} until it ends. */
    static DriverOutput readFrom(InputStream stdout, String threadName) {
        DriverOutput output = new DriverOutput();
        Thread reader = new Thread(() -> output.readAll(stdout), threadName);
        reader.setDaemon(true);
        reader.start();
        return output;
    }

    synchronized boolean listening() {
        return listening;
    }

    /** @return whether stdout has ended: the process exited, or is about to */
    synchronized boolean ended() {
        return ended;
    }

    synchronized Optional<LibtorrentStatus> status() {
        return Optional.ofNullable(status);
    }

    /** @return the {@code fatal} line's kind ({@code listen}, {@code module}, {@code torrent}), if one came */
    synchronized Optional<String> fatalKind() {
        return Optional.ofNullable(fatal).map(line -> line.path("kind").asText());
    }

    /** @return the last lines the driver printed, oldest first */
    synchronized String lastLines() {
        return lastLines.isEmpty() ? "(nothing on stdout)" : String.join("\n", lastLines);
    }

    private void readAll(InputStream stdout) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                accept(line);
            }
        } catch (IOException e) {
            // the stream closes when the process is destroyed; what was read stays
        } finally {
            synchronized (this) {
                ended = true;
            }
        }
    }

    private synchronized void accept(String line) {
        lastLines.addLast(line);
        if (lastLines.size() > KEPT_LINES) {
            lastLines.removeFirst();
        }
        JsonNode json;
        try {
            json = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            return;
        }
        switch (json.path("type").asText()) {
            case "listening" -> listening = true;
            case "status" -> status = LibtorrentStatus.parse(json);
            case "fatal" -> fatal = json;
            default -> {
                // a line of another kind is only kept for failure messages
            }
        }
    }
}
