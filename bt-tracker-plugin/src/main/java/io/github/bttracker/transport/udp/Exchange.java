package io.github.bttracker.transport.udp;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * One request datagram and its answer: sent, retransmitted on the {@link RetransmissionSchedule} until an answer
 * arrives or the deadline passes. Its future completes with the answer (an error answer included) or with a
 * {@link NoAnswerException}. Confined to the transport's event loop.
 */
final class Exchange {

    /** Writes the request into a buffer, given the transaction id. */
    interface Encoder extends BiConsumer<ByteBuf, Integer> {
    }

    private final TrackerEndpoint endpoint;
    private final int expectedAction;
    private final int size;
    private final Encoder encoder;
    private final CompletableFuture<UdpResponse> done = new CompletableFuture<>();
    private long deadlineNanos;
    private int transactionId;
    private int attempt;
    private long firstSentNanos;
    private ScheduledFuture<?> timer;

    Exchange(TrackerEndpoint endpoint, int expectedAction, int size, Encoder encoder, long deadlineNanos) {
        this.endpoint = endpoint;
        this.expectedAction = expectedAction;
        this.size = size;
        this.encoder = encoder;
        this.deadlineNanos = deadlineNanos;
    }

    CompletableFuture<UdpResponse> start() {
        transactionId = endpoint.channel().dispatcher().register(this);
        firstSentNanos = System.nanoTime();
        transmit();
        return done;
    }

    InetSocketAddress trackerAddress() {
        return endpoint.address();
    }

    int expectedAction() {
        return expectedAction;
    }

    /** Lets a later waiter with more time keep this exchange going (a shared connect). */
    void extendDeadline(long deadlineNanos) {
        this.deadlineNanos = Math.max(this.deadlineNanos, deadlineNanos);
    }

    private void transmit() {
        endpoint.channel().send(endpoint.address(), size, out -> encoder.accept(out, transactionId), this::failed);
        long wait = Math.min(endpoint.timeoutNanos(attempt), deadlineNanos - System.nanoTime());
        timer = endpoint.channel().eventLoop().schedule(this::timedOut, Math.max(0, wait), TimeUnit.NANOSECONDS);
    }

    private void timedOut() {
        if (done.isDone()) {
            return;
        }
        if (System.nanoTime() - deadlineNanos >= 0) {
            finish();
            done.completeExceptionally(new NoAnswerException("no answer from " + endpoint.address() + " after "
                    + (attempt + 1) + " transmission" + (attempt == 0 ? "" : "s")));
            return;
        }
        attempt++;
        transmit();
    }

    void answered(UdpResponse response) {
        if (done.isDone()) {
            return;
        }
        finish();
        if (attempt == 0) {
            endpoint.roundTrip(System.nanoTime() - firstSentNanos);
        }
        done.complete(response);
    }

    /** Ends the exchange without an answer (the caller gave up, or the transport closed). */
    void abandon(Throwable cause) {
        if (done.isDone()) {
            return;
        }
        finish();
        done.completeExceptionally(cause);
    }

    private void failed(Throwable cause) {
        abandon(cause);
    }

    private void finish() {
        if (timer != null) {
            timer.cancel(false);
        }
        endpoint.channel().dispatcher().unregister(transactionId, this);
    }
}
