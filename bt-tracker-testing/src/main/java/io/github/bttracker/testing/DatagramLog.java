package io.github.bttracker.testing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** What the UDP front end received: every datagram in arrival order, and how many were connect requests. */
final class DatagramLog {
    private final Recordings<RecordedDatagram> datagrams;
    private final AtomicInteger connectCount = new AtomicInteger();

    DatagramLog() {
        this(true);
    }

    /** @param keep false: count only, keep nothing (long runs); take and poll then find nothing */
    DatagramLog(boolean keep) {
        this.datagrams = new Recordings<>("datagram", keep);
    }

    void record(RecordedDatagram datagram) {
        if (datagram.isConnect()) {
            connectCount.incrementAndGet();
        }
        datagrams.record(datagram);
    }

    RecordedDatagram take(Duration timeout) {
        return datagrams.take(timeout);
    }

    RecordedDatagram poll(Duration timeout) {
        return datagrams.poll(timeout);
    }

    RecordedDatagram poll() {
        return datagrams.poll();
    }

    int datagramCount() {
        return datagrams.count();
    }

    int connectCount() {
        return connectCount.get();
    }
}
