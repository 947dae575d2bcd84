package io.github.bttracker.it.opentracker;

import io.github.bttracker.it.process.StartedProcess;
import io.github.bttracker.testing.ScrapeCounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A real opentracker (the Debian package's build) running on 127.0.0.1 for tests and benchmarks.
 *
 * <p>That build is IPv4-only and whitelist-only: every announced info hash must be whitelisted,
 * at start or later with {@link #whitelist(Collection)}. It listens for HTTP and UDP on one port
 * number chosen at start. {@link #close()} stops the process and deletes its files.
 *
 * <p>When opentracker is not installed, {@link #start(Collection)} throws an
 * {@link IllegalStateException} that says how to install it, so that tests fail rather than skip.
 */
public final class OpenTracker implements AutoCloseable {
    /** How long {@link #start(Collection)} waits for the tracker to serve. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(10);

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(5);
    /** The reload runs in a background thread; signalling again is harmless and covers a lost signal. */
    private static final Duration RESIGNAL_INTERVAL = Duration.ofSeconds(1);

    private final StartedProcess<TrackerProcess, TrackerDirectory> started;
    private final TrackerProcess process;
    private final TrackerDirectory directory;
    private final int port;
    private final Set<String> whitelisted;

    private OpenTracker(StartedProcess<TrackerProcess, TrackerDirectory> started, List<String> whitelist) {
        this.started = started;
        this.process = started.process();
        this.directory = started.directory();
        this.port = started.port();
        this.whitelisted = new LinkedHashSet<>(whitelist);
        started.killAtJvmExit("opentracker");
    }

    /** @return whether an {@code opentracker} executable is on PATH or in /usr/bin or /usr/sbin */
    public static boolean isInstalled() {
        return OpenTrackerBinary.locate().isPresent();
    }

    /**
     * @return the {@code opentracker} executable, from PATH or else /usr/bin or /usr/sbin
     * @throws IllegalStateException if there is none; the message says how to install it
     */
    public static Path binary() {
        return OpenTrackerBinary.require();
    }

    /**
     * Starts a tracker with the default settings.
     *
     * @param whitelistedInfoHashesHex info hashes, 40 hex characters each, the tracker accepts
     * @return the running tracker, ready to answer announces for those hashes
     * @throws IllegalArgumentException if a hash is malformed
     * @throws IllegalStateException if opentracker is not installed, exits early or does not answer
     *     within {@link #DEFAULT_START_TIMEOUT}; the message holds its output
     */
    public static OpenTracker start(Collection<String> whitelistedInfoHashesHex) {
        return builder().whitelist(whitelistedInfoHashesHex).start();
    }

    /** @return a builder for a tracker with settings other than the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return {@code http://127.0.0.1:PORT/announce} */
    public String httpAnnounceUrl() {
        return "http://127.0.0.1:" + port + "/announce";
    }

    /** @return {@code http://127.0.0.1:PORT/scrape} */
    public String httpScrapeUrl() {
        return "http://127.0.0.1:" + port + "/scrape";
    }

    /** @return {@code udp://127.0.0.1:PORT/announce} */
    public String udpAnnounceUrl() {
        return "udp://127.0.0.1:" + port + "/announce";
    }

    /** @return the TCP port of the HTTP tracker, on 127.0.0.1 */
    public int httpPort() {
        return port;
    }

    /** @return the UDP port of the UDP tracker, on 127.0.0.1; the same number as {@link #httpPort()} */
    public int udpPort() {
        return port;
    }

    /** @return the process id of opentracker itself (it does not fork) */
    public long pid() {
        return process.pid();
    }

    /** @return the whitelisted info hashes, lower-case hex, in the order they were added */
    public synchronized Set<String> whitelisted() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(whitelisted));
    }

    /**
     * Adds info hashes to the whitelist of the running tracker: rewrites the file, sends SIGHUP
     * (opentracker re-reads it in a background thread) and returns once the tracker accepts the new
     * hashes. Hashes already listed are ignored.
     *
     * @param infoHashesHex info hashes, 40 hex characters each
     * @throws IllegalArgumentException if a hash is malformed
     * @throws IllegalStateException if the tracker is closed, has died or did not take up the list within 5 s
     */
    public synchronized void whitelist(Collection<String> infoHashesHex) {
        List<String> added = InfoHashHex.normalizeAll(infoHashesHex);
        added.removeAll(whitelisted);
        ensureRunning();
        if (added.isEmpty()) {
            return;
        }
        whitelisted.addAll(added);
        directory.writeWhitelist(whitelisted);
        awaitReload(added.get(added.size() - 1));
    }

    /**
     * Fetches one stats page as text. Useful modes on this build: {@code everything} (XML, see
     * {@link OpenTrackerStats}), {@code peer} and {@code torr} (MRTG style: peers then seeds, or
     * torrents then 0, then a description), {@code top10}, {@code conn}, {@code udp4}, {@code tcp4},
     * {@code scrp}, {@code fscr}, {@code completed}, {@code herr}, {@code renew}, {@code version}.
     * Mode {@code tpbs} never answers (this method then times out after 5 s) and {@code statedump}
     * is gzip-compressed.
     *
     * @param mode the value of the {@code mode} parameter
     * @return the body of the page
     * @throws UncheckedIOException if the tracker does not answer within 5 s
     * @throws IllegalStateException if it answers with an HTTP error (unknown modes get 400 or 500)
     */
    public String stats(String mode) {
        Objects.requireNonNull(mode, "mode");
        LoopbackHttp.Response response = get("/stats?mode=" + URLEncoder.encode(mode, StandardCharsets.UTF_8));
        if (response.status() != 200) {
            throw new IllegalStateException("stats mode '" + mode + "' answered HTTP " + response.status() + ": "
                    + response.text());
        }
        return response.text();
    }

    /**
     * @return the tracker-wide counters, from {@code /stats?mode=everything}
     * @throws UncheckedIOException if the tracker does not answer within 5 s
     */
    public OpenTrackerStats stats() {
        return OpenTrackerStats.parse(stats("everything"));
    }

    /**
     * Scrapes one torrent over HTTP.
     *
     * @param infoHashHex the info hash, 40 hex characters
     * @return its counts; {@link ScrapeCounts#NONE} for a torrent without peers or not whitelisted
     * @throws IllegalArgumentException if the hash is malformed
     * @throws UncheckedIOException if the tracker does not answer within 5 s
     * @throws IllegalStateException if it answers something other than a scrape response
     */
    public ScrapeCounts scrape(String infoHashHex) {
        String query = "/scrape?info_hash=" + InfoHashHex.percentEncoded(infoHashHex);
        LoopbackHttp.Response response = get(query);
        if (response.status() != 200) {
            throw new IllegalStateException("scrape answered HTTP " + response.status() + ": " + response.text());
        }
        return ScrapeResponse.countsOf(response.body(), InfoHashHex.toBytes(infoHashHex));
    }

    /** @return what opentracker printed so far (it prints only warnings and errors) */
    public String log() {
        return directory.readLog();
    }

    /**
     * Stops opentracker by its process id (SIGTERM, then SIGKILL after 5 s), waits until it is
     * gone, and deletes its directory. Calling it again does nothing.
     */
    @Override
    public synchronized void close() {
        started.close();
    }

    @Override
    public String toString() {
        return "OpenTracker[pid=" + pid() + ", port=" + port + "]";
    }

    private void awaitReload(String probeHash) {
        TrackerProbe probe = new TrackerProbe(port);
        long start = System.nanoTime();
        long lastSignal = Long.MIN_VALUE;
        while (true) {
            long now = System.nanoTime();
            if (lastSignal == Long.MIN_VALUE || now - lastSignal >= RESIGNAL_INTERVAL.toNanos()) {
                process.reloadWhitelist();
                lastSignal = now;
            }
            OpenTrackerLauncher.pause();
            if (probe.accepts(probeHash)) {
                return;
            }
            ensureRunning();
            if (System.nanoTime() - start > RELOAD_TIMEOUT.toNanos()) {
                throw new IllegalStateException("opentracker (pid " + pid() + ") did not accept " + probeHash
                        + " within " + RELOAD_TIMEOUT.toMillis() + " ms of reloading its whitelist; its output:\n" + log());
            }
        }
    }

    private LoopbackHttp.Response get(String pathAndQuery) {
        try {
            return LoopbackHttp.get(port, pathAndQuery, REQUEST_TIMEOUT);
        } catch (IOException e) {
            throw new UncheckedIOException("opentracker (pid " + pid() + ") did not answer " + pathAndQuery, e);
        }
    }

    private void ensureRunning() {
        if (started.isClosed()) {
            throw new IllegalStateException(this + " is closed");
        }
        if (!process.isAlive()) {
            throw new IllegalStateException("opentracker (pid " + pid() + ") exited with code "
                    + process.exitValueOrMinusOne() + "; its output:\n" + log());
        }
    }

    /** Settings for a tracker other than the defaults; {@link #start()} launches it. */
    public static final class Builder {
        private final List<String> whitelist = new ArrayList<>();
        private Duration startTimeout = DEFAULT_START_TIMEOUT;
        private Path binary;

        private Builder() {
        }

        /**
         * @param infoHashesHex info hashes, 40 hex characters each, to whitelist at start (added to any given before)
         * @return this builder
         */
        public Builder whitelist(Collection<String> infoHashesHex) {
            whitelist.addAll(InfoHashHex.normalizeAll(infoHashesHex));
            return this;
        }

        /**
         * @param infoHashesHex info hashes, 40 hex characters each, to whitelist at start (added to any given before)
         * @return this builder
         */
        public Builder whitelist(String... infoHashesHex) {
            return whitelist(List.of(infoHashesHex));
        }

        /**
         * @param timeout how long to wait for the tracker to serve; {@link #DEFAULT_START_TIMEOUT} unless set
         * @return this builder
         */
        public Builder startTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("start timeout must be positive: " + timeout);
            }
            this.startTimeout = timeout;
            return this;
        }

        /**
         * @param executable the opentracker to run instead of the one found on PATH
         * @return this builder
         */
        public Builder binary(Path executable) {
            this.binary = Objects.requireNonNull(executable, "executable");
            return this;
        }

        /**
         * @return the running tracker, ready to answer announces for the whitelisted hashes
         * @throws IllegalStateException if opentracker is not installed, exits early or does not
         *     answer in time; the message holds its output
         */
        public OpenTracker start() {
            Path executable = binary == null ? OpenTracker.binary() : OpenTrackerBinary.require(binary);
            List<String> hashes = InfoHashHex.normalizeAll(whitelist);
            return new OpenTracker(OpenTrackerLauncher.launch(executable, hashes, startTimeout), hashes);
        }
    }
}
