package io.github.bttracker.testing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** What the WebSocket front end received: every message in arrival order, and how many connections it accepted. */
final class WebSocketMessageLog {
    private final Recordings<RecordedMessage> messages;
    private final AtomicInteger connectionCount = new AtomicInteger();

    WebSocketMessageLog() {
        this(true);
    }

    /** @param keep false: count only, keep nothing (long runs); take and poll then find nothing */
    WebSocketMessageLog(boolean keep) {
        this.messages = new Recordings<>("WebSocket message", keep);
    }

    /** Counts a newly accepted connection and returns its index, counting from 0. */
    int connectionAccepted() {
        return connectionCount.getAndIncrement();
    }

    void record(RecordedMessage message) {
        messages.record(message);
    }

    RecordedMessage take(Duration timeout) {
        return messages.take(timeout);
    }

    /** The oldest message, waiting up to {@code timeout} for one; null when none came. */
    RecordedMessage poll(Duration timeout) {
        return messages.poll(timeout);
    }

    RecordedMessage poll() {
        return messages.poll();
    }

    int messageCount() {
        return messages.count();
    }

    int connectionCount() {
        return connectionCount.get();
    }
}
