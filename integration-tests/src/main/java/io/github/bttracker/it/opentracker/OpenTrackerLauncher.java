package io.github.bttracker.it.opentracker;

import io.github.bttracker.it.process.LoopbackPorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Starts opentracker and waits until it serves, retrying when its port was taken meanwhile. */
final class OpenTrackerLauncher {
    /** How often to poll a starting tracker. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    /**
     * Another process can take the probed port before opentracker binds it; opentracker then exits
     * with "Address already in use", and a new port usually works.
     */
    private static final int ATTEMPTS = 3;
    private static final String PORT_TAKEN = "Address already in use";

    private OpenTrackerLauncher() {
    }

    /** A started, ready tracker and what it owns. */
    record Launched(TrackerProcess process, TrackerDirectory directory, int port) {
    }

    static Launched launch(Path binary, List<String> whitelist, Duration startTimeout) {
        IllegalStateException portTaken = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            TrackerDirectory directory = TrackerDirectory.create();
            int port = LoopbackPorts.reserve(List.of(LoopbackPorts.IPV4));
            TrackerProcess process = null;
            try {
                directory.writeWhitelist(whitelist);
                process = TrackerProcess.start(binary, directory, port);
                awaitReady(process, directory, port, whitelist, startTimeout);
                return new Launched(process, directory, port);
            } catch (RuntimeException e) {
                cleanUp(process, directory, port, e);
                if (!isPortTaken(e)) {
                    throw e;
                }
                portTaken = (IllegalStateException) e;
            }
        }
        throw portTaken;
    }

    /**
     * Waits for the stats page, then, if there is a whitelist, for its first hash to be accepted:
     * opentracker loads the list in a background thread, so serving HTTP does not mean it is loaded.
     */
    private static void awaitReady(
            TrackerProcess process, TrackerDirectory directory, int port, List<String> whitelist, Duration timeout) {
        TrackerProbe probe = new TrackerProbe(port);
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean statsAnswered = false;
        while (true) {
            if (!process.isAlive()) {
                throw new StartFailure("opentracker exited with code " + process.exitValueOrMinusOne()
                        + " while starting on port " + port + "; its output:\n" + directory.readLog());
            }
            statsAnswered = statsAnswered || probe.statsAnswer();
            if (statsAnswered && (whitelist.isEmpty() || acceptsSteadily(probe, whitelist.get(0)))) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                String waitingFor = statsAnswered ? "to accept whitelisted hash " + whitelist.get(0) : "http://127.0.0.1:"
                        + port + "/stats to answer";
                throw new IllegalStateException("opentracker (pid " + process.pid() + ") did not start within "
                        + timeout.toMillis() + " ms: waited for it " + waitingFor + "; its output:\n" + directory.readLog());
            }
            pause();
        }
    }

    /**
     * Three acceptances in a row, a poll interval apart. Once (in one CI run out of many) a freshly started tracker
     * refused whitelisted hashes for a moment right after its first acceptance; the cause was not found, so a single
     * acceptance is no longer taken as proof that the list is in force.
     */
    private static boolean acceptsSteadily(TrackerProbe probe, String hash) {
        for (int i = 0; i < 3; i++) {
            if (i > 0) {
                pause();
            }
            if (!probe.accepts(hash)) {
                return false;
            }
        }
        return true;
    }

    static void pause() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for opentracker", e);
        }
    }

    private static void cleanUp(TrackerProcess process, TrackerDirectory directory, int port, RuntimeException cause) {
        try {
            if (process != null) {
                process.stop();
            }
            directory.delete();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        } finally {
            LoopbackPorts.release(port);
        }
    }

    private static boolean isPortTaken(RuntimeException e) {
        return e instanceof StartFailure && e.getMessage().contains(PORT_TAKEN);
    }

    /** opentracker exited before it was ready; the message holds its output. */
    private static final class StartFailure extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        StartFailure(String message) {
            super(message);
        }
    }
}
