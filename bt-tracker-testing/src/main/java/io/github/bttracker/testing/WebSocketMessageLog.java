package io.github.bttracker.testing;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** What the WebSocket front end received: every message in arrival order, and how many connections it accepted. */
final class WebSocketMessageLog {
    /** false: count only, keep nothing (long runs); the take and poll methods then find nothing. */
    private final boolean keep;
    private final BlockingQueue<RecordedMessage> messages = new LinkedBlockingQueue<>();
    private final AtomicInteger messageCount = new AtomicInteger();
    private final AtomicInteger connectionCount = new AtomicInteger();

    WebSocketMessageLog() {
        this(true);
    }

    WebSocketMessageLog(boolean keep) {
        this.keep = keep;
    }

    /** Counts a newly accepted connection and returns its index, counting from 0. */
    int connectionAccepted() {
        return connectionCount.getAndIncrement();
    }

    void record(RecordedMessage message) {
        messageCount.incrementAndGet();
        if (keep) {
            messages.add(message);
        }
    }

    RecordedMessage take(Duration timeout) {
        RecordedMessage message = poll(timeout);
        if (message == null) {
            throw new IllegalStateException("no WebSocket message reached the tracker within " + timeout);
        }
        return message;
    }

    /** The oldest message, waiting up to {@code timeout} for one; null when none came. */
    RecordedMessage poll(Duration timeout) {
        try {
            return messages.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a WebSocket message", e);
        }
    }

    RecordedMessage poll() {
        return messages.poll();
    }

    int messageCount() {
        return messageCount.get();
    }

    int connectionCount() {
        return connectionCount.get();
    }
}
