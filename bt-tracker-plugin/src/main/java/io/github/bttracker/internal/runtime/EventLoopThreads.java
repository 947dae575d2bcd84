package io.github.bttracker.internal.runtime;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The thread factory of a runtime's event loop group: Netty's, daemon threads named {@code bt-tracker-N-M}, and it
 * remembers the threads it made so that closing can wait for them to end. The group's termination future completes
 * in the last lines an event loop thread runs, before the thread has ended: a caller of {@code close()} who then
 * looked for the runtime's threads could still find one alive.
 */
final class EventLoopThreads extends DefaultThreadFactory {

    private final Set<Thread> made = ConcurrentHashMap.newKeySet();

    EventLoopThreads(String prefix) {
        super(prefix, true);
    }

    @Override
    protected Thread newThread(Runnable r, String name) {
        Thread thread = super.newThread(r, name);
        made.add(thread);
        return thread;
    }

    /**
     * Waits until every thread this factory made has ended, or the time is up. An interrupt ends the wait early and
     * is kept in the thread's interrupt status.
     *
     * @return true if they all ended
     */
    boolean awaitEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread thread : made) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                thread.join(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        made.removeIf(thread -> !thread.isAlive());
        return made.isEmpty();
    }
}
