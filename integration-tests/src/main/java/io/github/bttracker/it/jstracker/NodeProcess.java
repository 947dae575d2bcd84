package io.github.bttracker.it.jstracker;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One {@code node server.mjs} process: how it is started and stopped, always through its own handle. */
final class NodeProcess {
    /** How long the tracker gets to exit after SIGTERM before it is killed. */
    private static final long GRACE_SECONDS = 5;
    private static final String NODE = "node";

    private final Process process;

    private NodeProcess(Process process) {
        this.process = process;
    }

    /**
     * Starts the tracker in {@code home} (so Node resolves its packages from home's node_modules)
     * with every socket on {@code port}; stdout and stderr go to the log file.
     */
    static NodeProcess start(Path home, LogDirectory logs, int port, Duration interval) {
        List<String> command = List.of(
                NODE, JsTrackerHome.SERVER_SCRIPT,
                "--port", Integer.toString(port),
                "--host", LoopbackPorts.IPV4.getHostAddress(),
                "--host6", "::1",
                "--interval", Long.toString(interval.toSeconds()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logs.logFile().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        try {
            return new NodeProcess(builder.start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot run `" + String.join(" ", command) + "` in " + home
                    + ": is Node.js (18.3 or later) installed and on PATH?", e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** @return the exit code, or -1 while it runs */
    int exitValueOrMinusOne() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** SIGTERM, up to 5 s to exit, then SIGKILL; returns once the process is gone and reaped. */
    void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        boolean interrupted = false;
        try {
            if (process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        process.destroyForcibly();
        // SIGKILL cannot be ignored, so this wait is short; finish it even if interrupted so no process is left
        while (true) {
            try {
                process.waitFor();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
