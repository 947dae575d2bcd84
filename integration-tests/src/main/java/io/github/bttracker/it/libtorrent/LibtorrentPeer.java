package io.github.bttracker.it.libtorrent;

import io.github.bttracker.it.process.StartedProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A real libtorrent peer (Debian's {@code python3-libtorrent}) on 127.0.0.1, seeding or downloading one torrent, for
 * interoperability tests: a driver script ({@code peer.py}, in this package's resources) run by
 * {@code /usr/bin/python3}, which prints what libtorrent reports as one JSON line at a time.
 *
 * <p>It finds peers only through the torrent's trackers: DHT, local service discovery, peer exchange, UPnP and
 * NAT-PMP are off, and it listens on 127.0.0.1 only. {@link #close()} stops the process by its id (SIGTERM, on which
 * libtorrent announces {@code stopped}; SIGKILL after 5 s) and deletes its files; the content stays.
 *
 * <p>When the module is not installed, the factory methods throw an {@link IllegalStateException} that says how to
 * install it, so that tests fail rather than skip.
 */
public final class LibtorrentPeer implements AutoCloseable {
    /** What to do about a missing module; part of every "not installed" failure. */
    static final String INSTALL_HINT =
            "install it with: apt-get update && apt-get install -y python3-libtorrent (Debian/Ubuntu, as root or with sudo)";

    /**
     * The interpreter, Debian's unless this system property names another: a python3 found first on PATH (pyenv's,
     * say) lacks the Debian package's module.
     */
    static final String PYTHON_PROPERTY = "bttracker-it.libtorrent.python";

    /** How long the factory methods wait for libtorrent to listen and report its torrent. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final StartedProcess<DriverProcess, DriverDirectory> started;
    private final DriverProcess process;
    private final DriverDirectory directory;
    private final int port;

    private LibtorrentPeer(StartedProcess<DriverProcess, DriverDirectory> started) {
        this.started = started;
        this.process = started.process();
        this.directory = started.directory();
        this.port = started.port();
        started.killAtJvmExit("libtorrent-peer");
    }

    /**
     * Seeds {@code torrentFile} if {@code dir} holds its content (libtorrent checks it first), else downloads it
     * into {@code dir} and then seeds.
     *
     * @throws IllegalStateException if python3-libtorrent is not installed, or the driver does not start
     */
    public static LibtorrentPeer torrent(Path torrentFile, Path dir) {
        return start(dir, List.of("--torrent", torrentFile.toAbsolutePath().toString()));
    }

    /**
     * Fetches the metadata of a magnet link from the peers its trackers list, then downloads into {@code dir}.
     *
     * @throws IllegalStateException if python3-libtorrent is not installed, or the driver does not start
     */
    public static LibtorrentPeer magnet(String magnetUri, Path dir) {
        return start(dir, List.of("--magnet", Objects.requireNonNull(magnetUri, "magnetUri")));
    }

    /** @return the interpreter that runs the driver */
    public static Path python() {
        return Path.of(System.getProperty(PYTHON_PROPERTY, "/usr/bin/python3"));
    }

    private static LibtorrentPeer start(Path dir, List<String> what) {
        return new LibtorrentPeer(LibtorrentLauncher.launch(python(), dir, what, START_TIMEOUT));
    }

    /**
     * @return the last status libtorrent reported (every half second, and at once after a tracker, peer or state
     *     event)
     * @throws IllegalStateException if the driver has exited; the message holds its output, so that a test waiting
     *     for a status fails at once with the cause
     */
    public LibtorrentStatus status() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the libtorrent peer (pid " + pid() + ") exited with code "
                    + process.exitValueOrMinusOne() + LibtorrentLauncher.describe(process, directory));
        }
        return process.output().status().orElseThrow();
    }

    /** @return the last lines the driver printed, and its stderr: for failure messages */
    public String output() {
        return LibtorrentLauncher.describe(process, directory);
    }

    /** @return the TCP port libtorrent listens on, on 127.0.0.1 */
    public int port() {
        return port;
    }

    /** @return the process id of the driver (libtorrent runs inside it) */
    public long pid() {
        return process.pid();
    }

    /** Stops the driver by its process id, waits until it is gone, and deletes its files. Again does nothing. */
    @Override
    public void close() {
        started.close();
    }

    @Override
    public String toString() {
        return "LibtorrentPeer[pid=" + pid() + ", port=" + port + "]";
    }
}
