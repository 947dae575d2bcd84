package io.github.bttracker.it.process;

import java.util.function.Consumer;

/**
 * A child process that started and is ready, with what it owns: its scratch directory and its reserved loopback port.
 * {@link #close()} gives all of it back.
 *
 * @param <P> the process
 * @param <D> its directory
 */
public final class StartedProcess<P extends ChildProcess, D extends ScratchDirectory> {
    private final P process;
    private final D directory;
    private final int port;
    private Thread shutdownHook;
    private boolean closed;

    StartedProcess(P process, D directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    public P process() {
        return process;
    }

    public D directory() {
        return directory;
    }

    /** @return the port reserved for the process (see {@link LoopbackPorts#reserve}) */
    public int port() {
        return port;
    }

    /**
     * Registers a shutdown hook that kills the process (through its handle), so that a test that forgets
     * {@link #close()} still does not leave it running after the JVM.
     *
     * @param name the start of the hook thread's name, which goes on with {@code -PID-shutdown}
     * @throws IllegalStateException if the JVM is already shutting down; the process is then stopped, its directory
     *     deleted and its port released
     */
    public synchronized void killAtJvmExit(String name) {
        ProcessHandle handle = process.handle();
        Thread hook = new Thread(handle::destroyForcibly, name + "-" + handle.pid() + "-shutdown");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            release(directory -> { });
            throw shuttingDown;
        }
        shutdownHook = hook;
    }

    /** @return whether {@link #close()} was called (even if it failed) */
    public synchronized boolean isClosed() {
        return closed;
    }

    /**
     * Stops the process by its id ({@link ChildProcess#stop()}: SIGTERM, then SIGKILL after 5 s), waits until it is
     * gone, deletes its directory, releases its port and removes the shutdown hook. Calling it again does nothing.
     */
    public void close() {
        close(directory -> { });
    }

    /**
     * As {@link #close()}, and hands the directory to {@code whenStopped} once the process has exited and before the
     * directory is deleted: to keep what the process printed until the end, say.
     */
    public synchronized void close(Consumer<? super D> whenStopped) {
        if (closed) {
            return;
        }
        closed = true;
        try {
            release(whenStopped);
        } finally {
            removeShutdownHook();
        }
    }

    private void release(Consumer<? super D> whenStopped) {
        try {
            process.stop();
            whenStopped.accept(directory);
            directory.delete();
        } finally {
            LoopbackPorts.release(port);
        }
    }

    private void removeShutdownHook() {
        if (shutdownHook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting; the hook will run and find the process gone
        }
    }
}
