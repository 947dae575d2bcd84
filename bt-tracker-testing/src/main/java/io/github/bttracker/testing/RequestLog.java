package io.github.bttracker.testing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** What the tracker received: every request in arrival order, and how many connections were accepted. */
final class RequestLog {
    private final Recordings<RecordedRequest> requests;
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final AtomicInteger lostCount = new AtomicInteger();

    RequestLog() {
        this(true);
    }

    /** @param keep false: count only, keep nothing (long runs); take and poll then find nothing */
    RequestLog(boolean keep) {
        this.requests = new Recordings<>("request", keep);
    }

    /** Counts a newly accepted connection and returns its index, counting from 0. */
    int connectionAccepted() {
        return connectionCount.getAndIncrement();
    }

    void record(RecordedRequest request) {
        requests.record(request);
    }

    RecordedRequest take(Duration timeout) {
        return requests.take(timeout);
    }

    RecordedRequest poll(Duration timeout) {
        return requests.poll(timeout);
    }

    RecordedRequest poll() {
        return requests.poll();
    }

    int requestCount() {
        return requests.count();
    }

    /** Counts a request that came on a connection the tracker was closing: not recorded, never answered. */
    void lost() {
        lostCount.incrementAndGet();
    }

    int lostCount() {
        return lostCount.get();
    }

    int connectionCount() {
        return connectionCount.get();
    }
}
