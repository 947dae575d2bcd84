package io.github.bttracker.it.process;

import java.util.concurrent.TimeUnit;

/**
 * A process a test started (a third-party tracker), always addressed through its own handle: never by name.
 * Subclasses say how it is started.
 */
public class ChildProcess {

    /** How long the process gets to exit after SIGTERM before it is killed. */
    private static final long GRACE_SECONDS = 5;

    private final Process process;

    protected ChildProcess(Process process) {
        this.process = process;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** @return the exit code, or -1 while it runs */
    public int exitValueOrMinusOne() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** SIGTERM, up to 5 s to exit, then SIGKILL; returns once the process is gone and reaped. */
    public void stop() {
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
