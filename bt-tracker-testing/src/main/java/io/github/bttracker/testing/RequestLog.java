package io.github.bttracker.testing;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** What the tracker received: every request in arrival order, and how many connections were accepted. */
final class RequestLog {
    /** false: count only, keep nothing (long runs); the take and poll methods then find nothing. */
    private final boolean keep;
    private final BlockingQueue<RecordedRequest> requests = new LinkedBlockingQueue<>();
    private final AtomicInteger requestCount = new AtomicInteger();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final AtomicInteger lostCount = new AtomicInteger();

    RequestLog() {
        this(true);
    }

    RequestLog(boolean keep) {
        this.keep = keep;
    }

    /** Counts a newly accepted connection and returns its index, counting from 0. */
    int connectionAccepted() {
        return connectionCount.getAndIncrement();
    }

    void record(RecordedRequest request) {
        requestCount.incrementAndGet();
        if (keep) {
            requests.add(request);
        }
    }

    RecordedRequest take(Duration timeout) {
        try {
            RecordedRequest request = requests.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (request == null) {
                throw new IllegalStateException("no request reached the tracker within " + timeout);
            }
            return request;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a request", e);
        }
    }

    RecordedRequest poll() {
        return requests.poll();
    }

    int requestCount() {
        return requestCount.get();
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
