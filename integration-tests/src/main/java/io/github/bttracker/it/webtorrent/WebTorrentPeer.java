package io.github.bttracker.it.webtorrent;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One running WebTorrent peer (a {@code node peer.mjs} process, started by {@link WebTorrentNode}) and what it has
 * reported: its torrent once ready, the peers it completed a BitTorrent handshake with, the bytes it moved, and where
 * its download is once done.
 *
 * <p>Its events are read on a thread of its own; every method may be called from any thread. A wait that fails
 * (the process exited, reported an error, or the time ran out) throws an {@link IllegalStateException} whose message
 * says so and names the peer's {@linkplain #directory() directory}, with its events and stderr. {@link #close()} stops
 * the process by its id and keeps the directory.
 */
public final class WebTorrentPeer implements AutoCloseable {

    /** How long {@link #awaitReady()} waits: creating or checking a torrent, and Node's start. */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    /**
     * A peer this one completed the BitTorrent handshake with.
     *
     * @param peerId its peer id, 40 hex digits
     * @param type   how it is connected: {@code webrtc} (peer.mjs allows nothing else)
     */
    public record Wire(String peerId, String type) {
    }

    private final String role;
    private final WebTorrentProcess process;
    private final PeerDirectory directory;
    private final PeerEvents events = new PeerEvents();
    private final Thread reader;
    private final Thread shutdownHook;

    private WebTorrentPeer(String role, WebTorrentProcess process, PeerDirectory directory) {
        this.role = role;
        this.process = process;
        this.directory = directory;
        this.reader = new Thread(this::readEvents, "webtorrent-" + role + "-" + process.pid() + "-events");
        this.reader.setDaemon(true);
        this.reader.start();
        ProcessHandle handle = process.handle();
        // the node process shares the JVM's network namespace and would keep it alive after the JVM
        this.shutdownHook = new Thread(handle::destroyForcibly, "webtorrent-" + role + "-" + handle.pid() + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    static WebTorrentPeer start(String role, Path home, PeerDirectory directory, List<String> arguments) {
        return new WebTorrentPeer(role, WebTorrentProcess.start(home, directory, arguments), directory);
    }

    /** @return where its events, its stderr and a seeder's .torrent are; kept after {@link #close()} */
    public Path directory() {
        return directory.path();
    }

    /** @return the process id of Node.js itself */
    public long pid() {
        return process.pid();
    }

    /** @return whether the process is still running */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits up to {@link #READY_TIMEOUT} until the peer has its torrent: created or checked (a seeder), or parsed (a
     * leecher of a .torrent; a leecher of a magnet URI once it has the metadata).
     *
     * @return this peer
     */
    public WebTorrentPeer awaitReady() {
        await("get ready", READY_TIMEOUT, () -> events.ready().isPresent());
        return this;
    }

    /** @return the torrent's info hash, 40 lower-case hex digits; after {@link #awaitReady()} */
    public String infoHash() {
        return ready().path("infoHash").asText();
    }

    /** @return the peer id it announces and sends in its handshakes, 40 hex digits; after {@link #awaitReady()} */
    public String peerId() {
        return ready().path("peerId").asText();
    }

    /** @return the torrent's magnet URI, with the trackers the peer announces to */
    public String magnetUri() {
        return ready().path("magnetURI").asText();
    }

    /** @return the .torrent file: the one a seeder of a file wrote, or the one a peer was given */
    public Path torrentFile() {
        JsonNode file = ready().path("torrentFile");
        if (!file.isTextual()) {
            throw new IllegalStateException(describe("has no .torrent file (it was given a magnet URI)"));
        }
        return Path.of(file.asText());
    }

    /** @return the torrent's length in bytes */
    public long length() {
        return ready().path("length").asLong();
    }

    /** @return how many answers to its announces the trackers have sent so far */
    public int announces() {
        return events.announces();
    }

    /** Waits until a tracker has answered an announce: the peer is in the tracker's swarm. */
    public void awaitAnnounced(Duration timeout) {
        await("get an answer to an announce", timeout, () -> events.announces() > 0);
    }

    /** @return the peers it completed a BitTorrent handshake with, in order */
    public List<Wire> wires() {
        return events.wires();
    }

    /** @return the bytes it uploaded, as last reported (at most every 250 ms) */
    public long uploadedBytes() {
        return events.uploaded();
    }

    /** @return the bytes it downloaded, as last reported (at most every 250 ms) */
    public long downloadedBytes() {
        return events.downloaded();
    }

    /** @return the warnings it reported, e.g. a tracker it cannot reach */
    public List<String> warnings() {
        return events.warnings();
    }

    /**
     * Waits until every piece is here and verified; a seeder is done once ready.
     *
     * @return where the torrent's content is: the file, or the directory of a torrent with several
     */
    public Path awaitDone(Duration timeout) {
        await("finish its download", timeout, () -> events.done().isPresent());
        return events.done().orElseThrow();
    }

    /**
     * Waits until the process exits on its own (a leecher told to exit when done).
     *
     * @return its exit code: 0 after done, 1 after an error
     */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.handle().onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS).isAlive()) {
                return process.exitValueOrMinusOne();
            }
        } catch (java.util.concurrent.TimeoutException e) {
            // reported below
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(describe("could not be waited for"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(describe("was being waited for when interrupted"), e);
        }
        throw new IllegalStateException(describe("did not exit within " + timeout.toMillis() + " ms"));
    }

    /**
     * @param what what happened, e.g. "did not finish its download within 60000 ms"
     * @return a message for a failed test: the peer, its pid and state, its directory, its events and stderr
     */
    public String describe(String what) {
        String state = process.isAlive() ? "running" : "exited with " + process.exitValueOrMinusOne();
        return "the WebTorrent " + role + " (pid " + pid() + ", " + state + ") " + what + "; its directory is "
                + directory() + "\nerrors: " + events.errors() + "\nwarnings: " + events.warnings()
                + "\nevents:\n" + directory.readEvents() + "\nstderr:\n" + directory.readLog();
    }

    /**
     * Stops the process by its id: SIGTERM (peer.mjs destroys its client, announcing {@code stopped}, and exits), then
     * SIGKILL after 5 s; returns once it is gone. Its directory stays. Calling it again does nothing.
     */
    @Override
    public void close() {
        process.stop();
        try {
            reader.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway, on a process already gone
        }
    }

    @Override
    public String toString() {
        return "WebTorrentPeer[" + role + ", pid=" + pid() + ", " + directory() + "]";
    }

    private JsonNode ready() {
        return events.ready().orElseThrow(() -> new IllegalStateException(describe("is not ready yet; call awaitReady()")));
    }

    private void await(String what, Duration timeout, Supplier<Boolean> condition) {
        boolean reached;
        try {
            reached = events.await(() -> condition.get() || !events.errors().isEmpty(), timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(describe("was interrupted while waiting for it to " + what), e);
        }
        if (!events.errors().isEmpty()) {
            throw new IllegalStateException(describe("reported an error before it could " + what));
        }
        if (!reached) {
            throw new IllegalStateException(describe(events.ended()
                    ? "exited before it could " + what
                    : "did not " + what + " within " + timeout.toMillis() + " ms"));
        }
    }

    /** Reads stdout line by line until it closes, keeping a copy of each line in the directory. */
    private void readEvents() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.stdout(), StandardCharsets.UTF_8));
             BufferedWriter copy = Files.newBufferedWriter(directory.events(), StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                copy.write(line);
                copy.newLine();
                copy.flush();
                events.accept(line);
            }
        } catch (IOException e) {
            events.accept("(stdout could not be read: " + e + ")");
        } finally {
            events.end();
        }
    }
}
