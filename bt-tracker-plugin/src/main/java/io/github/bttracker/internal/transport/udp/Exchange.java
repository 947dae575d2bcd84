package io.github.bttracker.internal.transport.udp;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * One request datagram and its answer: sent, retransmitted on the {@link RetransmissionSchedule} until an answer
 * arrives or the deadline passes. Its {@link Outcome} hears of the answer (an error answer included) or of a
 * {@link NoAnswerException}. Confined to the transport's event loop.
 */
final class Exchange implements UdpChannel.Datagram {

    /** Writes the request into a buffer, given the transaction id. */
    interface Encoder {
        void encode(ByteBuf out, int transactionId);
    }

    private final TrackerEndpoint endpoint;
    private final int expectedAction;
    private final int size;
    private final Encoder encoder;
    private final Outcome outcome;
    private long deadlineNanos;
    private int transactionId;
    private int attempt;
    private long firstSentNanos;
    private ScheduledFuture<?> timer;
    private boolean done;

    Exchange(TrackerEndpoint endpoint, int expectedAction, int size, Encoder encoder, long deadlineNanos,
             Outcome outcome) {
        this.endpoint = endpoint;
        this.expectedAction = expectedAction;
        this.size = size;
        this.encoder = encoder;
        this.deadlineNanos = deadlineNanos;
        this.outcome = outcome;
    }

    void start() {
        transactionId = endpoint.channel().dispatcher().register(this);
        firstSentNanos = System.nanoTime();
        transmit();
    }

    InetSocketAddress trackerAddress() {
        return endpoint.address();
    }

    int expectedAction() {
        return expectedAction;
    }

    /** Lets a later waiter with more time keep this exchange going (a shared connect). */
    void extendDeadline(long deadlineNanos) {
        if (deadlineNanos - this.deadlineNanos > 0) {
            this.deadlineNanos = deadlineNanos;
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void write(ByteBuf out) {
        encoder.encode(out, transactionId);
    }

    @Override
    public void unsendable(Throwable cause) {
        abandon(cause);
    }

    private void transmit() {
        endpoint.channel().send(endpoint.address(), this);
        long wait = Math.min(endpoint.timeoutNanos(attempt), deadlineNanos - System.nanoTime());
        timer = endpoint.channel().eventLoop().schedule(this::timedOut, Math.max(0, wait), TimeUnit.NANOSECONDS);
    }

    private void timedOut() {
        if (done) {
            return;
        }
        if (System.nanoTime() - deadlineNanos >= 0) {
            finish();
            outcome.failed(new NoAnswerException("no answer from " + endpoint.address() + " after "
                    + (attempt + 1) + " transmission" + (attempt == 0 ? "" : "s")));
            return;
        }
        attempt++;
        endpoint.channel().metrics().retransmitted();
        transmit();
    }

    void answered(UdpResponse response) {
        if (done) {
            return;
        }
        finish();
        if (attempt == 0) {
            endpoint.roundTrip(System.nanoTime() - firstSentNanos);
        }
        outcome.answered(response);
    }

    /** Ends the exchange without an answer (a socket error, the caller gave up, or the transport closed). */
    void abandon(Throwable cause) {
        if (done) {
            return;
        }
        finish();
        outcome.failed(cause);
    }

    private void finish() {
        done = true;
        if (timer != null) {
            timer.cancel(false);
        }
        endpoint.channel().dispatcher().unregister(transactionId, this);
    }
}
