package io.github.bttracker.internal.transport.udp;

import io.netty.buffer.ByteBuf;

/**
 * One announce or scrape packet's worth of work on one tracker address: get a connection id (cached, shared, or new),
 * send the request with it, and retransmit until answered. When the connection id expires before an answer, a fresh
 * one is obtained and the request goes on with it. When the tracker answers with an error to a request that used a
 * cached connection id, the id is dropped and the request tried once more with a new one, since a restarted tracker
 * no longer knows old ids; a second error is the answer. Its {@link Outcome} hears of the answer or why there is none;
 * its in-flight slot at the endpoint is freed then. Confined to the transport's event loop.
 */
final class UdpOperation implements ConnectionIdWaiter, Outcome, Exchange.Encoder {

    /** Writes the request, given the connection id and the transaction id. */
    interface Encoder {
        void encode(ByteBuf out, long connectionId, int transactionId);
    }

    private final TrackerEndpoint endpoint;
    private final int action;
    private final int size;
    private final Encoder encoder;
    private final long deadlineNanos;
    private final Outcome outcome;
    private Exchange current;
    private boolean retriedAfterError;
    private boolean cachedId;
    private long connectionId;
    private boolean holdsSlot;
    private boolean done;

    UdpOperation(TrackerEndpoint endpoint, int action, int size, Encoder encoder, long deadlineNanos,
                 Outcome outcome) {
        this.endpoint = endpoint;
        this.action = action;
        this.size = size;
        this.encoder = encoder;
        this.deadlineNanos = deadlineNanos;
        this.outcome = outcome;
    }

    boolean isDone() {
        return done;
    }

    /** Starts the work; called by the endpoint when this operation gets an in-flight slot. */
    void run() {
        holdsSlot = true;
        if (done) {
            releaseSlot();
            return;
        }
        attempt();
    }

    private void attempt() {
        cachedId = endpoint.hasValidConnectionId();
        endpoint.connectionId(deadlineNanos, this);
    }

    // This operation is its own connection-id waiter, exchange outcome and exchange encoder: one object per request
    // instead of four on the hot path. While an exchange is current, failed() is that exchange's; before, the
    // connect's.

    @Override
    public void connected(long id) {
        if (done) {
            return;
        }
        connectionId = id;
        long until = Math.min(deadlineNanos, endpoint.connectionIdExpiresNanos());
        current = new Exchange(endpoint, action, size, this, until, this);
        current.start();
    }

    @Override
    public void encode(ByteBuf out, int transactionId) {
        encoder.encode(out, connectionId, transactionId);
    }

    @Override
    public void answered(UdpResponse response) {
        answered(response, cachedId);
    }

    @Override
    public void failed(Throwable cause) {
        if (current != null) {
            unanswered(cause);
        } else {
            finish(null, cause);
        }
    }

    private void answered(UdpResponse response, boolean cachedId) {
        current = null;
        if (done) {
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
        finish(response, null);
    }

    private void unanswered(Throwable cause) {
        current = null;
        if (done) {
            return;
        }
        if (cause instanceof NoAnswerException && System.nanoTime() - deadlineNanos < 0) {
            attempt(); // only the connection id ran out: go on with a new one
            return;
        }
        finish(null, cause);
    }

    /** Gives up (deadline, cancellation, closing): the exchange in flight stops and the slot is freed. */
    void abandon(Throwable cause) {
        Exchange exchange = current;
        current = null;
        if (exchange != null) {
            exchange.abandon(cause);
        }
        finish(null, cause);
    }

    private void finish(UdpResponse response, Throwable cause) {
        if (done) {
            return;
        }
        done = true;
        releaseSlot();
        if (cause != null) {
            outcome.failed(cause);
        } else {
            outcome.answered(response);
        }
    }

    private void releaseSlot() {
        if (holdsSlot) {
            holdsSlot = false;
            endpoint.release();
        }
    }
}
