package io.github.bttracker.it.jstracker;

import io.github.bttracker.core.InfoHash;
import io.github.bttracker.it.process.StartedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A JavaScript tracker running in Node.js on loopback, for interoperability tests: the reference
 * one (npm package {@code bittorrent-tracker} 11.2.3) unless another {@link JsTrackerPackage} is
 * asked for.
 *
 * <p>One port number, chosen at start, serves HTTP and WebSocket on 127.0.0.1 and ::1, and UDP on
 * 127.0.0.1 and ::1; nothing is bound to a wildcard address. {@link #close()} stops the process
 * and deletes its log directory. See the package documentation for how this tracker behaves.
 *
 * <p>The npm packages must have been installed with {@code npm ci --ignore-scripts} in the
 * package's directory ({@code integration-tests/js-tracker} for the reference tracker);
 * otherwise {@link #start()} throws an {@link IllegalStateException} that says so, so that tests
 * fail rather than skip.
 */
public final class JsTracker implements AutoCloseable {
    /** How long {@link #start()} waits for the tracker to bind its sockets. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    /** The library's default announce interval for HTTP and UDP; WebSocket clients get a fifth of it. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(10);

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    // HTTP/1.1 explicitly: the default (HTTP/2) adds an h2c upgrade request to every plain-HTTP call
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(REQUEST_TIMEOUT)
            .build();

    private final JsTrackerPackage trackerPackage;
    private final StartedProcess<NodeProcess, LogDirectory> started;
    private final NodeProcess process;
    private final LogDirectory logs;
    private final int port;
    private final Duration interval;
    /** What {@link #log()} returns once the log directory is gone. */
    private String logAtClose = "(the log could not be read before the tracker was closed)";
    private boolean closed;

    private JsTracker(JsTrackerPackage trackerPackage, StartedProcess<NodeProcess, LogDirectory> started,
                      Duration interval) {
        this.trackerPackage = trackerPackage;
        this.started = started;
        this.process = started.process();
        this.logs = started.directory();
        this.port = started.port();
        this.interval = interval;
        started.killAtJvmExit(trackerPackage.directoryName());
    }

    /**
     * Starts the reference tracker with the library's default announce interval, {@link #DEFAULT_INTERVAL}.
     *
     * @return the running tracker, with every socket bound
     * @throws IllegalStateException if the npm packages are not installed (the message says how to
     *     install them), Node.js cannot be run, or the tracker exits or does not bind within
     *     {@link #START_TIMEOUT} (the message holds its output)
     */
    public static JsTracker start() {
        return start(JsTrackerPackage.BITTORRENT_TRACKER);
    }

    /**
     * Starts a tracker of the given package with the library's default announce interval, {@link #DEFAULT_INTERVAL}.
     *
     * @param trackerPackage which tracker to run
     * @return the running tracker, with every socket bound
     * @throws IllegalStateException as for {@link #start()}
     */
    public static JsTracker start(JsTrackerPackage trackerPackage) {
        return start(trackerPackage, DEFAULT_INTERVAL);
    }

    /**
     * Starts a tracker of the given package that tells HTTP and UDP clients to announce every {@code interval}, and
     * WebSocket clients every fifth of it (rounded up to whole seconds).
     *
     * @param trackerPackage which tracker to run
     * @param interval       the announce interval, a whole number of seconds, at least one
     * @return the running tracker, with every socket bound
     * @throws IllegalArgumentException if the interval is not a positive whole number of seconds
     * @throws IllegalStateException as for {@link #start()}
     */
    public static JsTracker start(JsTrackerPackage trackerPackage, Duration interval) {
        Objects.requireNonNull(trackerPackage, "trackerPackage");
        Objects.requireNonNull(interval, "interval");
        if (interval.toSeconds() < 1 || interval.toNanos() % 1_000_000_000L != 0) {
            throw new IllegalArgumentException("the interval must be a positive whole number of seconds: " + interval);
        }
        Path home = JsTrackerHome.locate(trackerPackage);
        return new JsTracker(trackerPackage, JsTrackerLauncher.launch(trackerPackage, home, interval, START_TIMEOUT),
                interval);
    }

    /** @return which tracker this is */
    public JsTrackerPackage trackerPackage() {
        return trackerPackage;
    }

    /** @return {@code http://127.0.0.1:PORT/announce} */
    public String httpAnnounceUrl() {
        return "http://127.0.0.1:" + port + "/announce";
    }

    /** @return {@code http://[::1]:PORT/announce}; announces from there are IPv6 peers ({@code peers6}) */
    public String http6AnnounceUrl() {
        return "http://[::1]:" + port + "/announce";
    }

    /** @return {@code http://127.0.0.1:PORT/scrape} */
    public String httpScrapeUrl() {
        return "http://127.0.0.1:" + port + "/scrape";
    }

    /** @return {@code udp://127.0.0.1:PORT} */
    public String udpAnnounceUrl() {
        return "udp://127.0.0.1:" + port;
    }

    /** @return {@code udp://[::1]:PORT} */
    public String udp6AnnounceUrl() {
        return "udp://[::1]:" + port;
    }

    /** @return {@code ws://127.0.0.1:PORT}; the tracker accepts a WebSocket on any path */
    public String wsAnnounceUrl() {
        return "ws://127.0.0.1:" + port;
    }

    /** @return {@code ws://[::1]:PORT} */
    public String ws6AnnounceUrl() {
        return "ws://[::1]:" + port;
    }

    /** @return {@code http://127.0.0.1:PORT/stats.json} */
    public String statsUrl() {
        return "http://127.0.0.1:" + port + "/stats.json";
    }

    /** @return {@code http://127.0.0.1:PORT/swarm.json?info_hash=HEX}, added by the test harness (serve.mjs) */
    public String swarmUrl(InfoHash infoHash) {
        return "http://127.0.0.1:" + port + "/swarm.json?info_hash=" + infoHash.toHex();
    }

    /** @return the one port number of every socket: TCP and UDP, on 127.0.0.1 and ::1 */
    public int port() {
        return port;
    }

    /** @return the announce interval HTTP and UDP clients are given */
    public Duration interval() {
        return interval;
    }

    /** @return the process id of Node.js itself (it is started directly, not through a shell) */
    public long pid() {
        return process.pid();
    }

    /**
     * @return the counters of {@code /stats.json}
     * @throws IllegalStateException if the tracker is closed or answers with an HTTP error
     * @throws UncheckedIOException if it does not answer within 5 s
     */
    public JsTrackerStats stats() {
        HttpResponse<String> response = get(statsUrl());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(statsUrl() + " answered HTTP " + response.statusCode() + ": " + response.body());
        }
        return JsTrackerStats.parse(response.body());
    }

    /**
     * @param infoHash a torrent
     * @return the tracker's own record of the torrent's swarm (read without touching the peers'
     *     place in its cache), or empty if no peer ever announced the torrent
     * @throws IllegalStateException if the tracker is closed or answers with another HTTP error
     * @throws UncheckedIOException if it does not answer within 5 s
     */
    public Optional<JsTrackerSwarm> swarm(InfoHash infoHash) {
        String url = swarmUrl(infoHash);
        HttpResponse<String> response = get(url);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered HTTP " + response.statusCode() + ": " + response.body());
        }
        return Optional.of(JsTrackerSwarm.parse(response.body()));
    }

    private HttpResponse<String> get(String url) {
        ensureOpen();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("the " + trackerPackage.directoryName() + " (pid " + pid()
                    + ") did not answer " + url + "; its output:\n" + log(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching " + url, e);
        }
    }

    /**
     * @return what the tracker printed so far: the "listening" line, warnings about bad requests
     *     and errors (at most the first 64 KiB); after {@link #close()}, what it printed until it exited
     */
    public synchronized String log() {
        return closed ? logAtClose : logs.readLog();
    }

    /**
     * Stops the tracker through its process handle (SIGTERM, then SIGKILL after 5 s), waits until
     * it is gone, and deletes its log directory. Calling it again does nothing.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            started.close(stopped -> logAtClose = stopped.readLog());
        } finally {
            closed = true;
        }
    }

    @Override
    public String toString() {
        return "JsTracker[" + trackerPackage + ", pid=" + pid() + ", port=" + port + "]";
    }

    private synchronized void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }
}
