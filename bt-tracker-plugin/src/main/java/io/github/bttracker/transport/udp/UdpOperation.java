package io.github.bttracker.transport.udp;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;

/**
 * One announce or scrape packet's worth of work on one tracker address: get a connection id (cached, shared, or new),
 * send the request with it, and retransmit until answered. When the connection id expires before an answer, a fresh
 * one is obtained and the request goes on with it. When the tracker answers with an error to a request that used a
 * cached connection id, the id is dropped and the request tried once more with a new one, since a restarted tracker
 * no longer knows old ids; a second error is the answer. Confined to the transport's event loop.
 */
final class UdpOperation {

    /** Writes the request, given the connection id and the transaction id. */
    interface Encoder {
        void encode(ByteBuf out, long connectionId, int transactionId);
    }

    private final TrackerEndpoint endpoint;
    private final int action;
    private final int size;
    private final Encoder encoder;
    private final long deadlineNanos;
    private final CompletableFuture<UdpResponse> result = new CompletableFuture<>();
    private Exchange current;
    private boolean retriedAfterError;
    private boolean holdsSlot;

    UdpOperation(TrackerEndpoint endpoint, int action, int size, Encoder encoder, long deadlineNanos) {
        this.endpoint = endpoint;
        this.action = action;
        this.size = size;
        this.encoder = encoder;
        this.deadlineNanos = deadlineNanos;
        result.whenComplete((r, e) -> {
            if (holdsSlot) {
                holdsSlot = false;
                endpoint.release();
            }
        });
    }

    /**
     * @return completes with the answer (an error answer included), a {@link NoAnswerException}, or a
     *     {@link TrackerEndpoint.TrackerRefusedException} when the connect was refused
     */
    CompletableFuture<UdpResponse> result() {
        return result;
    }

    boolean isDone() {
        return result.isDone();
    }

    long deadlineNanos() {
        return deadlineNanos;
    }

    /** Starts the work; called by the endpoint when this operation gets an in-flight slot. */
    void run() {
        holdsSlot = true;
        if (result.isDone()) {
            holdsSlot = false;
            endpoint.release();
            return;
        }
        attempt();
    }

    private void attempt() {
        boolean cachedId = endpoint.hasValidConnectionId();
        endpoint.connectionId(deadlineNanos).whenComplete((connectionId, error) -> {
            if (result.isDone()) {
                return;
            }
            if (error != null) {
                result.completeExceptionally(error);
                return;
            }
            long until = Math.min(deadlineNanos, endpoint.connectionIdExpiresNanos());
            current = new Exchange(endpoint, action, size,
                    (out, tx) -> encoder.encode(out, connectionId, tx), until);
            current.start().whenComplete((response, failure) -> answered(response, failure, cachedId));
        });
    }

    private void answered(UdpResponse response, Throwable failure, boolean cachedId) {
        current = null;
        if (result.isDone()) {
            return;
        }
        if (failure instanceof NoAnswerException && System.nanoTime() - deadlineNanos < 0) {
            attempt(); // only the connection id ran out: go on with a new one
            return;
        }
        if (failure != null) {
            result.completeExceptionally(failure);
            return;
        }
        if (response instanceof UdpResponse.Failed) {
            endpoint.dropConnectionId();
            if (cachedId && !retriedAfterError) {
                retriedAfterError = true;
                attempt();
                return;
            }
        }
        result.complete(response);
    }

    /** Gives up (deadline, cancellation, closing): the exchange in flight stops and the slot is freed. */
    void abandon(Throwable cause) {
        if (current != null) {
            current.abandon(cause);
        }
        result.completeExceptionally(cause);
    }
}
