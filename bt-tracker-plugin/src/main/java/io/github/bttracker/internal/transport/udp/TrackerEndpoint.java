package io.github.bttracker.internal.transport.udp;

import io.github.bttracker.options.UdpOptions;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;

/**
 * What the client knows about one resolved tracker address: its connection id (shared by every torrent for at most
 * {@code connectionIdLifetime}, dropped on an error answer, one connect in flight at a time), its round-trip
 * times, and how many requests are in flight to it (at most {@code maxInFlightPerTracker}; the rest wait in a
 * bounded queue). Confined to the transport's event loop.
 */
final class TrackerEndpoint {

    private final InetSocketAddress address;
    private final UdpChannel channel;
    private final UdpOptions options;
    private final RetransmissionSchedule schedule;
    private final RoundTripEstimator rtt;
    private final ArrayDeque<UdpOperation> waiting = new ArrayDeque<>();
    private long connectionId;
    private long connectionIdExpiresNanos;
    private boolean hasConnectionId;
    private Exchange connecting;
    private final java.util.List<ConnectionIdWaiter> waiters = new java.util.ArrayList<>();
    private int inFlight;

    TrackerEndpoint(InetSocketAddress address, UdpChannel channel, UdpOptions options) {
        this.address = address;
        this.channel = channel;
        this.options = options;
        this.schedule = new RetransmissionSchedule(options.retransmission());
        this.rtt = new RoundTripEstimator(options.initialRetransmitTimeout(), options.minRetransmitTimeout());
    }

    InetSocketAddress address() {
        return address;
    }

    UdpChannel channel() {
        return channel;
    }

    long timeoutNanos(int attempt) {
        return schedule.timeoutNanos(attempt, rtt);
    }

    void roundTrip(long nanos) {
        rtt.sample(nanos);
    }

    /** @return true if a connection id is cached and still valid */
    boolean hasValidConnectionId() {
        return hasConnectionId && System.nanoTime() - connectionIdExpiresNanos < 0;
    }

    /** @return when the cached connection id stops being valid (meaningful only when there is one) */
    long connectionIdExpiresNanos() {
        return connectionIdExpiresNanos;
    }

    /**
     * Hands {@code waiter} the cached connection id at once, or the one the connect in flight will get, or starts a
     * connect; the waiter hears {@link ConnectionIdWaiter#failed} with a {@link NoAnswerException} or a
     * {@link TrackerRefusedException} when the tracker refuses the connect.
     */
    void connectionId(long deadlineNanos, ConnectionIdWaiter waiter) {
        if (hasValidConnectionId()) {
            waiter.connected(connectionId);
            return;
        }
        waiters.add(waiter);
        if (connecting != null) {
            connecting.extendDeadline(deadlineNanos);
            return;
        }
        connecting = new Exchange(this, UdpProtocol.ACTION_CONNECT, UdpProtocol.CONNECT_REQUEST_LENGTH,
                UdpRequests::connect, deadlineNanos, new Outcome() {
                    @Override
                    public void answered(UdpResponse response) {
                        connecting = null;
                        if (response instanceof UdpResponse.Connected c) {
                            connectionId = c.connectionId();
                            connectionIdExpiresNanos = System.nanoTime()
                                    + options.connectionIdLifetime().toNanos();
                            hasConnectionId = true;
                            notifyWaiters(w -> w.connected(c.connectionId()));
                        } else {
                            String message = ((UdpResponse.Failed) response).message();
                            notifyWaiters(w -> w.failed(new TrackerRefusedException(message)));
                        }
                    }

                    @Override
                    public void failed(Throwable cause) {
                        connecting = null;
                        notifyWaiters(w -> w.failed(cause));
                    }
                });
        connecting.start();
    }

    private void notifyWaiters(java.util.function.Consumer<ConnectionIdWaiter> notification) {
        java.util.List<ConnectionIdWaiter> all = new java.util.ArrayList<>(waiters);
        waiters.clear();
        all.forEach(notification);
    }

    /** BEP 15: after an error answer the connection id may be what the tracker objects to; get a new one. */
    void dropConnectionId() {
        hasConnectionId = false;
    }

    /**
     * Runs {@code operation} now if fewer than the maximum are in flight, else queues it.
     *
     * @return false if the queue is full
     */
    boolean submit(UdpOperation operation) {
        if (inFlight < options.maxInFlightPerTracker()) {
            inFlight++;
            operation.run();
            return true;
        }
        if (waiting.size() >= options.maxQueuedRequestsPerTracker()) {
            return false;
        }
        waiting.add(operation);
        return true;
    }

    /** Called when an operation ends: its slot goes to the next one still wanted. */
    void release() {
        inFlight--;
        UdpOperation next;
        while ((next = waiting.poll()) != null) {
            if (!next.isDone()) {
                inFlight++;
                next.run();
                return;
            }
        }
    }

    /** The tracker answered a connect with an error: its message. */
    static final class TrackerRefusedException extends Exception {
        private static final long serialVersionUID = 1L;

        TrackerRefusedException(String message) {
            super(message, null, false, false);
        }
    }
}
