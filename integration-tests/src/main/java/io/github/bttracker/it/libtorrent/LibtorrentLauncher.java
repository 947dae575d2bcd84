package io.github.bttracker.it.libtorrent;

import io.github.bttracker.it.process.LoopbackPorts;
import io.github.bttracker.it.process.StartAttempts;
import io.github.bttracker.it.process.StartedProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Starts the driver and waits until libtorrent listens and reports its torrent, retrying when its port was taken. */
final class LibtorrentLauncher {
    /** The driver's exit code when the libtorrent module cannot be imported. */
    private static final int NO_MODULE = 4;

    private LibtorrentLauncher() {
    }

    /** @return a started driver whose torrent libtorrent has added, and what it owns */
    static StartedProcess<DriverProcess, DriverDirectory> launch(Path python, Path saveDir, List<String> what,
                                                                 Duration startTimeout) {
        return StartAttempts.startOnFreePort(List.of(LoopbackPorts.IPV4), DriverDirectory::create,
                (directory, port) -> DriverProcess.start(python, directory, port, saveDir, what),
                (process, directory, port) -> awaitFirstStatus(process, directory, port, startTimeout),
                failure -> failure instanceof PortTaken);
    }

    private static void awaitFirstStatus(DriverProcess process, DriverDirectory directory, int port,
                                         Duration timeout) {
        DriverOutput output = process.output();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (output.status().isEmpty()) {
            if (!process.isAlive() && output.ended()) {
                throw exited(process, directory, port);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the libtorrent driver (pid " + process.pid() + ") did not report its "
                        + "torrent within " + timeout.toMillis() + " ms (listening: " + output.listening() + ")"
                        + describe(process, directory));
            }
            StartAttempts.pause("the libtorrent driver");
        }
    }

    private static IllegalStateException exited(DriverProcess process, DriverDirectory directory, int port) {
        int code = process.exitValueOrMinusOne();
        String kind = process.output().fatalKind().orElse("");
        if (code == NO_MODULE || kind.equals("module")) {
            return new IllegalStateException("python3-libtorrent is not installed: " + LibtorrentPeer.python()
                    + " cannot import libtorrent; " + LibtorrentPeer.INSTALL_HINT + describe(process, directory));
        }
        String message = "the libtorrent driver exited with code " + code + " while starting on 127.0.0.1:" + port
                + describe(process, directory);
        return kind.equals("listen") ? new PortTaken(message) : new IllegalStateException(message);
    }

    static String describe(DriverProcess process, DriverDirectory directory) {
        return "; its output:\n" + process.output().lastLines() + "\nits stderr:\n" + directory.readStderr();
    }

    /** libtorrent could not bind its port; the message holds the driver's output. */
    private static final class PortTaken extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        PortTaken(String message) {
            super(message);
        }
    }
}
