package io.github.bttracker.it.process;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Starts a child process on a freshly reserved loopback port and waits until it is ready, trying again on a new port
 * when the process could not bind its own: another process can take a probed port before the child binds it, and a
 * new port usually works. A failed attempt is undone before the next: the process stopped, its directory deleted, its
 * port released.
 */
public final class StartAttempts {
    /** How often a launcher polls a starting process. */
    public static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private static final int ATTEMPTS = 3;

    private StartAttempts() {
    }

    /** Starts the process of one attempt, in its fresh directory, on its reserved port. */
    @FunctionalInterface
    public interface Start<D, P> {
        P start(D directory, int port);
    }

    /** Returns once the process of one attempt is ready; throws if it exited or took too long. */
    @FunctionalInterface
    public interface Readiness<P, D> {
        void await(P process, D directory, int port);
    }

    /**
     * @param loopbacks   the addresses the port must be free on (see {@link LoopbackPorts#reserve})
     * @param directories makes the fresh directory of one attempt
     * @param start       starts the process
     * @param readiness   waits until it is ready
     * @param portTaken   whether a failure of {@code start} or {@code readiness} means the port was taken
     * @return the ready process, its directory and its port
     * @throws RuntimeException the first failure that is not a taken port, or the last taken port after three attempts
     */
    public static <P extends ChildProcess, D extends ScratchDirectory> StartedProcess<P, D> startOnFreePort(
            List<InetAddress> loopbacks, Supplier<D> directories, Start<D, P> start, Readiness<P, D> readiness,
            Predicate<RuntimeException> portTaken) {
        RuntimeException lastPortTaken = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            D directory = directories.get();
            int port = LoopbackPorts.reserve(loopbacks);
            P process = null;
            try {
                process = start.start(directory, port);
                readiness.await(process, directory, port);
                return new StartedProcess<>(process, directory, port);
            } catch (RuntimeException e) {
                cleanUp(process, directory, port, e);
                if (!portTaken.test(e)) {
                    throw e;
                }
                lastPortTaken = e;
            }
        }
        throw lastPortTaken;
    }

    /**
     * Waits one {@link #POLL_INTERVAL}.
     *
     * @param waitingFor what is waited for, for the message if interrupted: "opentracker", say
     * @throws IllegalStateException if interrupted (the interrupt flag is set again)
     */
    public static void pause(String waitingFor) {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + waitingFor, e);
        }
    }

    private static void cleanUp(ChildProcess process, ScratchDirectory directory, int port, RuntimeException cause) {
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
}
