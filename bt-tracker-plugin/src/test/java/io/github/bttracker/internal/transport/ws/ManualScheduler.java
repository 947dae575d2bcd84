package io.github.bttracker.internal.transport.ws;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.PriorityQueue;

/** A {@link WsScheduler} whose time moves only when a test advances it; timers run in time order on that thread. */
final class ManualScheduler implements WsScheduler {

    private record Task(long at, long sequence, Runnable work) {
    }

    private final PriorityQueue<Task> timers =
            new PriorityQueue<>(Comparator.comparingLong(Task::at).thenComparingLong(Task::sequence));
    private final ArrayDeque<Runnable> soon = new ArrayDeque<>();
    private long now = 1_000_000_000L;
    private long sequence;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public Timer schedule(Runnable task, Duration delay) {
        Task t = new Task(now + delay.toNanos(), sequence++, task);
        timers.add(t);
        return () -> timers.remove(t);
    }

    @Override
    public void execute(Runnable task) {
        soon.add(task);
    }

    /** Runs what is due now, then moves time forward by {@code by}, running each timer at its time. */
    void advance(Duration by) {
        long until = now + by.toNanos();
        runSoon();
        while (!timers.isEmpty() && timers.peek().at() <= until) {
            Task t = timers.poll();
            now = t.at();
            t.work().run();
            runSoon();
        }
        now = until;
    }

    /** Runs the tasks handed to {@link #execute}. */
    void runSoon() {
        while (!soon.isEmpty()) {
            soon.poll().run();
        }
    }

    /** How long until the next timer is due, or null if none is set. */
    Duration nextTimer() {
        return timers.isEmpty() ? null : Duration.ofNanos(timers.peek().at() - now);
    }
}
