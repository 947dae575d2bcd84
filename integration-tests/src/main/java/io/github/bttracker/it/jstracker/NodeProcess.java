package io.github.bttracker.it.jstracker;

import io.github.bttracker.it.process.ChildProcess;
import io.github.bttracker.it.process.LoopbackPorts;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** One {@code node server.mjs} process: how it is started and stopped, always through its own handle. */
final class NodeProcess extends ChildProcess {
    private static final String NODE = "node";

    private NodeProcess(Process process) {
        super(process);
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
}
