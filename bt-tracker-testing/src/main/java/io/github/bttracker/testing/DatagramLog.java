package io.github.bttracker.testing;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** What the UDP front end received: every datagram in arrival order, and how many were connect requests. */
final class DatagramLog {
    /** false: count only, keep nothing (long runs); the take and poll methods then find nothing. */
    private final boolean keep;
    private final BlockingQueue<RecordedDatagram> datagrams = new LinkedBlockingQueue<>();
    private final AtomicInteger datagramCount = new AtomicInteger();
    private final AtomicInteger connectCount = new AtomicInteger();

    DatagramLog() {
        this(true);
    }

    DatagramLog(boolean keep) {
        this.keep = keep;
    }

    void record(RecordedDatagram datagram) {
        datagramCount.incrementAndGet();
        if (datagram.isConnect()) {
            connectCount.incrementAndGet();
        }
        if (keep) {
            datagrams.add(datagram);
        }
    }

    RecordedDatagram take(Duration timeout) {
        try {
            RecordedDatagram datagram = datagrams.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (datagram == null) {
                throw new IllegalStateException("no datagram reached the tracker within " + timeout);
            }
            return datagram;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a datagram", e);
        }
    }

    RecordedDatagram poll() {
        return datagrams.poll();
    }

    int datagramCount() {
        return datagramCount.get();
    }

    int connectCount() {
        return connectCount.get();
    }
}
