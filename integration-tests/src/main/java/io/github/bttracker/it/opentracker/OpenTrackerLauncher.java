package io.github.bttracker.it.opentracker;

import io.github.bttracker.it.process.LoopbackPorts;
import io.github.bttracker.it.process.StartAttempts;
import io.github.bttracker.it.process.StartedProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Starts opentracker and waits until it serves, retrying when its port was taken meanwhile. */
final class OpenTrackerLauncher {
    /** What opentracker prints when it exits because another process took its port meanwhile. */
    private static final String PORT_TAKEN = "Address already in use";

    private OpenTrackerLauncher() {
    }

    /** @return a started, ready tracker and what it owns */
    static StartedProcess<TrackerProcess, TrackerDirectory> launch(Path binary, List<String> whitelist,
                                                                   Duration startTimeout) {
        return StartAttempts.startOnFreePort(List.of(LoopbackPorts.IPV4), TrackerDirectory::create,
                (directory, port) -> {
                    directory.writeWhitelist(whitelist);
                    return TrackerProcess.start(binary, directory, port);
                },
                (process, directory, port) -> awaitReady(process, directory, port, whitelist, startTimeout),
                OpenTrackerLauncher::isPortTaken);
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
        StartAttempts.pause("opentracker");
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
