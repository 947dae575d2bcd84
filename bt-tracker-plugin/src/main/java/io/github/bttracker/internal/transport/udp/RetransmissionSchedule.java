package io.github.bttracker.internal.transport.udp;

import io.github.bttracker.options.UdpRetransmission;
import java.util.concurrent.TimeUnit;

/**
 * How long to wait for an answer to the n-th transmission of a request (n = 0 for the first). BEP 15 prescribes
 * {@code 15 * 2^n} seconds, which recovers a lost datagram only after 15 s; the adaptive schedule starts from the
 * tracker's measured retransmission timeout and doubles it, never waiting longer than BEP 15 would. Either way the
 * caller's deadline caps the wait.
 */
final class RetransmissionSchedule {

    private static final long BEP15_BASE_NANOS = TimeUnit.SECONDS.toNanos(15);
    /** 15 * 2^8 s is over an hour: no deadline in practice lasts that long. */
    private static final int MAX_DOUBLINGS = 8;

    private final UdpRetransmission mode;

    RetransmissionSchedule(UdpRetransmission mode) {
        this.mode = mode;
    }

    long timeoutNanos(int attempt, RoundTripEstimator rtt) {
        int doublings = Math.min(attempt, MAX_DOUBLINGS);
        long bep15 = BEP15_BASE_NANOS << doublings;
        if (mode == UdpRetransmission.STRICT_BEP15) {
            return bep15;
        }
        return Math.min(bep15, rtt.timeoutNanos() << doublings);
    }
}
