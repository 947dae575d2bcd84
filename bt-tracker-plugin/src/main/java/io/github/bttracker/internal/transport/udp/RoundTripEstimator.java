package io.github.bttracker.internal.transport.udp;

import java.time.Duration;

/**
 * Smoothed round-trip time of one tracker address and the retransmission timeout derived from it, the way TCP does
 * it (RFC 6298): {@code srtt + 4 * rttvar}, clamped to a floor. Fed only with samples of requests answered on their
 * first transmission (Karn's rule: an answer to a retransmitted request cannot be attributed to one send).
 * Confined to the transport's event loop.
 */
final class RoundTripEstimator {

    private final long initialNanos;
    private final long minNanos;
    private long srttNanos = -1;
    private long rttvarNanos;

    RoundTripEstimator(Duration initial, Duration min) {
        this.initialNanos = initial.toNanos();
        this.minNanos = min.toNanos();
    }

    void sample(long rttNanos) {
        if (srttNanos < 0) {
            srttNanos = rttNanos;
            rttvarNanos = rttNanos / 2;
            return;
        }
        rttvarNanos = (3 * rttvarNanos + Math.abs(srttNanos - rttNanos)) / 4;
        srttNanos = (7 * srttNanos + rttNanos) / 8;
    }

    /** @return the timeout of a first transmission: the configured initial value until a sample arrives */
    long timeoutNanos() {
        if (srttNanos < 0) {
            return Math.max(initialNanos, minNanos);
        }
        return Math.max(minNanos, srttNanos + 4 * rttvarNanos);
    }
}
