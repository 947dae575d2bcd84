package io.github.bttracker.testing;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** What one front end received, in arrival order, for a test to take: the queue the three logs share. */
final class Recordings<R> {
    /** What is recorded, for the messages: "request", "datagram", "WebSocket message". */
    private final String what;
    /** false: count only, keep nothing (long runs); take and poll then find nothing. */
    private final boolean keep;
    private final BlockingQueue<R> recorded = new LinkedBlockingQueue<>();
    private final AtomicInteger count = new AtomicInteger();

    Recordings(String what, boolean keep) {
        this.what = what;
        this.keep = keep;
    }

    void record(R item) {
        count.incrementAndGet();
        if (keep) {
            recorded.add(item);
        }
    }

    R take(Duration timeout) {
        R item = poll(timeout);
        if (item == null) {
            throw new IllegalStateException("no " + what + " reached the tracker within " + timeout);
        }
        return item;
    }

    R poll(Duration timeout) {
        try {
            return recorded.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a " + what, e);
        }
    }

    R poll() {
        return recorded.poll();
    }

    int count() {
        return count.get();
    }
}
