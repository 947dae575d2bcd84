package io.github.bttracker.it.opentracker;

import io.github.bttracker.it.process.ChildProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One opentracker process: how it is started, signalled and stopped, always by its process id. */
final class TrackerProcess extends ChildProcess {
    private static final long SIGNAL_TIMEOUT_SECONDS = 5;

    /** The user the Debian package creates; opentracker refuses to keep running as root. */
    private static final String DEBIAN_USER = "_opentracker";
    private static final String FALLBACK_USER = "nobody";

    private TrackerProcess(Process process) {
        super(process);
    }

    /**
     * Starts opentracker on 127.0.0.1, TCP and UDP on {@code port}, chrooted into {@code directory}.
     * 127.0.0.1 is blessed as admin address ({@code -A}) because the stats pages answer 403 to
     * everyone else; the blessing does not make opentracker honour {@code ip=} or
     * {@code X-Forwarded-For} in announces.
     */
    static TrackerProcess start(Path binary, TrackerDirectory directory, int port) {
        List<String> command = new ArrayList<>(List.of(
                binary.toString(),
                "-i", "127.0.0.1",
                "-p", Integer.toString(port),
                "-P", Integer.toString(port),
                "-A", "127.0.0.1",
                "-w", TrackerDirectory.WHITELIST,
                "-d", directory.path().toString()));
        if (runningAsRoot()) {
            // as root opentracker chroots, then must switch user or it exits ("Still running with root privileges?!")
            command.add("-u");
            command.add(userToRunAs());
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.path().toFile())
                .redirectErrorStream(true)
                .redirectOutput(directory.logFile().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        try {
            return new TrackerProcess(builder.start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + String.join(" ", command), e);
        }
    }

    /**
     * Sends SIGHUP, on which opentracker re-reads its whitelist (in a background thread, so the new
     * list is in force a little later, not when this returns). The JDK can only send SIGTERM and
     * SIGKILL itself, hence {@code kill}, still addressed by process id.
     */
    void reloadWhitelist() {
        ProcessBuilder kill = new ProcessBuilder("kill", "-HUP", Long.toString(pid()))
                .redirectErrorStream(true);
        try {
            Process signal = kill.start();
            String output = new String(signal.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!signal.waitFor(SIGNAL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                signal.destroyForcibly();
                throw new IllegalStateException("kill -HUP " + pid() + " did not finish");
            }
            if (signal.exitValue() != 0) {
                throw new IllegalStateException("kill -HUP " + pid() + " failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill -HUP " + pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling opentracker", e);
        }
    }

    private static boolean runningAsRoot() {
        try {
            // /proc/self belongs to the effective user of the process looking at it
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static String userToRunAs() {
        try (var lines = Files.lines(Path.of("/etc/passwd"))) {
            return lines.anyMatch(line -> line.startsWith(DEBIAN_USER + ":")) ? DEBIAN_USER : FALLBACK_USER;
        } catch (IOException | UncheckedIOException e) {
            return FALLBACK_USER;
        }
    }
}
