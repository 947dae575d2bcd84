package io.github.bttracker.it.jstracker;

import io.github.bttracker.it.process.LoopbackPorts;
import io.github.bttracker.it.process.StartAttempts;
import io.github.bttracker.it.process.StartedProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/** Starts the tracker and waits until it serves, retrying when its port was taken meanwhile. */
final class JsTrackerLauncher {
    /** What server.mjs prints when it exits because another process took its port meanwhile. */
    private static final String PORT_TAKEN = "EADDRINUSE";

    private JsTrackerLauncher() {
    }

    /** @return a started, ready tracker and what it owns: its log directory */
    static StartedProcess<NodeProcess, LogDirectory> launch(JsTrackerPackage trackerPackage, Path home,
                                                            Duration interval, Duration startTimeout) {
        String name = trackerPackage.directoryName();
        return StartAttempts.startOnFreePort(List.of(LoopbackPorts.IPV4, LoopbackPorts.IPV6),
                () -> LogDirectory.create(name),
                (logs, port) -> NodeProcess.start(home, logs, port, interval),
                (process, logs, port) -> awaitReady(name, process, logs, port, startTimeout),
                JsTrackerLauncher::isPortTaken);
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
            StartAttempts.pause("the " + name);
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
