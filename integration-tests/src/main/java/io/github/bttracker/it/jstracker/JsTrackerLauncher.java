package io.github.bttracker.it.jstracker;

import io.github.bttracker.it.process.LoopbackPorts;
import java.util.List;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

/** Starts the tracker and waits until it serves, retrying when its port was taken meanwhile. */
final class JsTrackerLauncher {
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    /**
     * Another process can take the probed port before Node binds it; server.mjs then exits with
     * EADDRINUSE, and a new port usually works.
     */
    private static final int ATTEMPTS = 3;
    private static final String PORT_TAKEN = "EADDRINUSE";

    private JsTrackerLauncher() {
    }

    /** A started, ready tracker and what it owns. */
    record Launched(NodeProcess process, LogDirectory logs, int port) {
    }

    static Launched launch(JsTrackerPackage trackerPackage, Path home, Duration interval, Duration startTimeout) {
        String name = trackerPackage.directoryName();
        IllegalStateException portTaken = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            LogDirectory logs = LogDirectory.create(name);
            int port = LoopbackPorts.reserve(List.of(LoopbackPorts.IPV4, LoopbackPorts.IPV6));
            NodeProcess process = null;
            try {
                process = NodeProcess.start(home, logs, port, interval);
                awaitReady(name, process, logs, port, startTimeout);
                return new Launched(process, logs, port);
            } catch (RuntimeException e) {
                cleanUp(process, logs, port, e);
                if (!isPortTaken(e)) {
                    throw e;
                }
                portTaken = (IllegalStateException) e;
            }
        }
        throw portTaken;
    }

    /**
     * Waits for the line server.mjs prints once HTTP (on both addresses), udp4 and udp6 are all
     * bound: polling one endpoint would not tell that the others are ready too.
     */
    private static void awaitReady(String name, NodeProcess process, LogDirectory logs, int port, Duration timeout) {
        Pattern ready = Pattern.compile("(?m)^listening " + port + "$");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (ready.matcher(logs.readLog()).find()) {
                return;
            }
            if (!process.isAlive()) {
                throw new StartFailure("the " + name + " exited with code " + process.exitValueOrMinusOne()
                        + " while starting on port " + port + "; its output:\n" + logs.readLog());
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the " + name + " (pid " + process.pid() + ") did not print 'listening "
                        + port + "' within " + timeout.toMillis() + " ms; its output:\n" + logs.readLog());
            }
            pause(name);
        }
    }

    private static void pause(String name) {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the " + name, e);
        }
    }

    private static void cleanUp(NodeProcess process, LogDirectory logs, int port, RuntimeException cause) {
        try {
            if (process != null) {
                process.stop();
            }
            logs.delete();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        } finally {
            LoopbackPorts.release(port);
        }
    }

    private static boolean isPortTaken(RuntimeException e) {
        return e instanceof StartFailure && e.getMessage().contains(PORT_TAKEN);
    }

    /** The tracker exited before it was ready; the message holds its output. */
    private static final class StartFailure extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        StartFailure(String message) {
            super(message);
        }
    }
}
