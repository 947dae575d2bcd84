package io.github.bttracker.transport.udp;

import io.netty.buffer.ByteBuf;

/**
 * One announce or scrape packet's worth of work on one tracker address: get a connection id (cached, shared, or new),
 * send the request with it, and retransmit until answered. When the connection id expires before an answer, a fresh
 * one is obtained and the request goes on with it. When the tracker answers with an error to a request that used a
 * cached connection id, the id is dropped and the request tried once more with a new one, since a restarted tracker
 * no longer knows old ids; a second error is the answer. Its {@link Outcome} hears of the answer or why there is none;
 * its in-flight slot at the endpoint is freed then. Confined to the transport's event loop.
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
    private final Outcome outcome;
    private Exchange current;
    private boolean retriedAfterError;
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
        boolean cachedId = endpoint.hasValidConnectionId();
        endpoint.connectionId(deadlineNanos, new ConnectionIdWaiter() {
            @Override
            public void connected(long connectionId) {
                if (done) {
                    return;
                }
                long until = Math.min(deadlineNanos, endpoint.connectionIdExpiresNanos());
                current = new Exchange(endpoint, action, size,
                        (out, tx) -> encoder.encode(out, connectionId, tx), until, new Outcome() {
                            @Override
                            public void answered(UdpResponse response) {
                                UdpOperation.this.answered(response, cachedId);
                            }

                            @Override
                            public void failed(Throwable cause) {
                                UdpOperation.this.unanswered(cause);
                            }
                        });
                current.start();
            }

            @Override
            public void failed(Throwable cause) {
                finish(null, cause);
            }
        });
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

    /** Hears when the endpoint has a connection id, or why it could not get one. */
    interface ConnectionIdWaiter {
        void connected(long connectionId);

        void failed(Throwable cause);
    }
}
