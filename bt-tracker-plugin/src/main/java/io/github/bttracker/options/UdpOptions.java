package io.github.bttracker.options;

import java.time.Duration;
import java.util.Objects;

/**
 * UDP trackers (BEP 15): how long connection ids are reused, how requests are retransmitted, how many may be in flight
 * or waiting per tracker address, and the sockets' receive buffer. Immutable and thread-safe; start from
 * {@link #defaults()} and change settings with the {@code with…} methods, each of which returns a copy.
 *
 * <p>Invalid values are refused when the record is made: a count or duration that must be positive and is not throws
 * {@link IllegalArgumentException} with the message {@code "<setting> must be positive: <value>"}; a null throws
 * {@link NullPointerException} with the setting's name as its message.
 *
 * @param connectionIdLifetime how long a connection id is reused by every torrent announcing to one tracker address
 *     before a new connect; positive; default {@link #DEFAULT_CONNECTION_ID_LIFETIME} (1 min, the most BEP 15 allows)
 * @param retransmission the retransmission schedule; not null; default {@link UdpRetransmission#ADAPTIVE}
 * @param initialRetransmitTimeout the retransmission timeout before any round trip to a tracker address was measured;
 *     positive; default {@link #DEFAULT_INITIAL_RETRANSMIT_TIMEOUT} (2 s)
 * @param minRetransmitTimeout floor of the adaptive retransmission timeout; positive; default
 *     {@link #DEFAULT_MIN_RETRANSMIT_TIMEOUT} (1 s)
 * @param maxInFlightPerTracker requests awaiting an answer from one tracker address at once; the rest wait in a queue,
 *     so that bursts do not overflow socket buffers (the tracker's above all); positive; default
 *     {@value #DEFAULT_MAX_IN_FLIGHT_PER_TRACKER}
 * @param maxQueuedRequestsPerTracker requests that may wait in that queue for one tracker address before new ones
 *     fail fast with {@code OVERLOADED}; positive; default {@value #DEFAULT_MAX_QUEUED_REQUESTS_PER_TRACKER}
 * @param receiveBufferSize bytes of receive buffer asked of the OS for each UDP socket (it may grant less);
 *     positive; default {@link #DEFAULT_RECEIVE_BUFFER_SIZE} (4 MiB)
 */
public record UdpOptions(Duration connectionIdLifetime, UdpRetransmission retransmission,
                         Duration initialRetransmitTimeout, Duration minRetransmitTimeout, int maxInFlightPerTracker,
                         int maxQueuedRequestsPerTracker, int receiveBufferSize) {

    /** The default {@link #connectionIdLifetime()}. */
    public static final Duration DEFAULT_CONNECTION_ID_LIFETIME = Duration.ofMinutes(1);
    /** The default {@link #initialRetransmitTimeout()}. */
    public static final Duration DEFAULT_INITIAL_RETRANSMIT_TIMEOUT = Duration.ofSeconds(2);
    /** The default {@link #minRetransmitTimeout()}. */
    public static final Duration DEFAULT_MIN_RETRANSMIT_TIMEOUT = Duration.ofSeconds(1);
    /** The default {@link #maxInFlightPerTracker()}. */
    public static final int DEFAULT_MAX_IN_FLIGHT_PER_TRACKER = 128;
    /** The default {@link #maxQueuedRequestsPerTracker()}. */
    public static final int DEFAULT_MAX_QUEUED_REQUESTS_PER_TRACKER = 100_000;
    /** The default {@link #receiveBufferSize()}. */
    public static final int DEFAULT_RECEIVE_BUFFER_SIZE = 4 * 1024 * 1024;

    /**
     * Checks the values.
     *
     * @param connectionIdLifetime how long a connection id is reused by every torrent announcing to one tracker address
     *     before a new connect; positive; default {@link #DEFAULT_CONNECTION_ID_LIFETIME} (1 min, the most BEP 15
     *     allows)
     * @param retransmission the retransmission schedule; not null; default {@link UdpRetransmission#ADAPTIVE}
     * @param initialRetransmitTimeout the retransmission timeout before any round trip to a tracker address was
     *     measured; positive; default {@link #DEFAULT_INITIAL_RETRANSMIT_TIMEOUT} (2 s)
     * @param minRetransmitTimeout floor of the adaptive retransmission timeout; positive; default
     *     {@link #DEFAULT_MIN_RETRANSMIT_TIMEOUT} (1 s)
     * @param maxInFlightPerTracker requests awaiting an answer from one tracker address at once; the rest wait in a
     *     queue, so that bursts do not overflow socket buffers (the tracker's above all); positive; default
     *     {@value #DEFAULT_MAX_IN_FLIGHT_PER_TRACKER}
     * @param maxQueuedRequestsPerTracker requests that may wait in that queue for one tracker address before new ones
     *     fail fast with {@code OVERLOADED}; positive; default {@value #DEFAULT_MAX_QUEUED_REQUESTS_PER_TRACKER}
     * @param receiveBufferSize bytes of receive buffer asked of the OS for each UDP socket (it may grant less);
     *     positive; default {@link #DEFAULT_RECEIVE_BUFFER_SIZE} (4 MiB)
     * @throws IllegalArgumentException when a count or duration is not positive
     * @throws NullPointerException when {@code retransmission} or a duration is null
     */
    public UdpOptions {
        Checks.positive(connectionIdLifetime, "connectionIdLifetime");
        Objects.requireNonNull(retransmission, "retransmission");
        Checks.positive(initialRetransmitTimeout, "initialRetransmitTimeout");
        Checks.positive(minRetransmitTimeout, "minRetransmitTimeout");
        Checks.positive(maxInFlightPerTracker, "maxInFlightPerTracker");
        Checks.positive(maxQueuedRequestsPerTracker, "maxQueuedRequestsPerTracker");
        Checks.positive(receiveBufferSize, "receiveBufferSize");
    }

    /** @return every setting at its default */
    public static UdpOptions defaults() {
        return new UdpOptions(DEFAULT_CONNECTION_ID_LIFETIME, UdpRetransmission.ADAPTIVE,
                DEFAULT_INITIAL_RETRANSMIT_TIMEOUT, DEFAULT_MIN_RETRANSMIT_TIMEOUT, DEFAULT_MAX_IN_FLIGHT_PER_TRACKER,
                DEFAULT_MAX_QUEUED_REQUESTS_PER_TRACKER, DEFAULT_RECEIVE_BUFFER_SIZE);
    }

    /**
     * A copy with another {@code connectionIdLifetime}, every other setting the same.
     *
     * @param lifetime how long a connection id is reused by every torrent announcing to one tracker address before a
     *     new connect; positive; default {@link #DEFAULT_CONNECTION_ID_LIFETIME} (1 min, the most BEP 15 allows)
     * @return the copy
     * @throws IllegalArgumentException "connectionIdLifetime must be positive: D" for zero or a negative duration
     */
    public UdpOptions withConnectionIdLifetime(Duration lifetime) {
        return new UdpOptions(lifetime, retransmission, initialRetransmitTimeout, minRetransmitTimeout,
                maxInFlightPerTracker, maxQueuedRequestsPerTracker, receiveBufferSize);
    }

    /**
     * A copy with another {@code retransmission}, every other setting the same.
     *
     * @param retransmission the retransmission schedule; not null; default {@link UdpRetransmission#ADAPTIVE}
     * @return the copy
     * @throws NullPointerException "retransmission" when {@code retransmission} is null
     */
    public UdpOptions withRetransmission(UdpRetransmission retransmission) {
        return new UdpOptions(connectionIdLifetime, retransmission, initialRetransmitTimeout, minRetransmitTimeout,
                maxInFlightPerTracker, maxQueuedRequestsPerTracker, receiveBufferSize);
    }

    /**
     * A copy with another {@code initialRetransmitTimeout}, every other setting the same.
     *
     * @param timeout the retransmission timeout before any round trip to a tracker address was measured; positive;
     *     default {@link #DEFAULT_INITIAL_RETRANSMIT_TIMEOUT} (2 s)
     * @return the copy
     * @throws IllegalArgumentException "initialRetransmitTimeout must be positive: D" for zero or a negative
     *     duration
     */
    public UdpOptions withInitialRetransmitTimeout(Duration timeout) {
        return new UdpOptions(connectionIdLifetime, retransmission, timeout, minRetransmitTimeout,
                maxInFlightPerTracker, maxQueuedRequestsPerTracker, receiveBufferSize);
    }

    /**
     * A copy with another {@code minRetransmitTimeout}, every other setting the same.
     *
     * @param timeout floor of the adaptive retransmission timeout; positive; default
     *     {@link #DEFAULT_MIN_RETRANSMIT_TIMEOUT} (1 s)
     * @return the copy
     * @throws IllegalArgumentException "minRetransmitTimeout must be positive: D" for zero or a negative duration
     */
    public UdpOptions withMinRetransmitTimeout(Duration timeout) {
        return new UdpOptions(connectionIdLifetime, retransmission, initialRetransmitTimeout, timeout,
                maxInFlightPerTracker, maxQueuedRequestsPerTracker, receiveBufferSize);
    }

    /**
     * A copy with another {@code maxInFlightPerTracker}, every other setting the same.
     *
     * @param requests requests awaiting an answer from one tracker address at once; the rest wait in a queue, so that
     *     bursts do not overflow socket buffers (the tracker's above all); positive; default
     *     {@value #DEFAULT_MAX_IN_FLIGHT_PER_TRACKER}
     * @return the copy
     * @throws IllegalArgumentException "maxInFlightPerTracker must be positive: N" when {@code requests} is 0 or
     *     less
     */
    public UdpOptions withMaxInFlightPerTracker(int requests) {
        return new UdpOptions(connectionIdLifetime, retransmission, initialRetransmitTimeout, minRetransmitTimeout,
                requests, maxQueuedRequestsPerTracker, receiveBufferSize);
    }

    /**
     * A copy with another {@code maxQueuedRequestsPerTracker}, every other setting the same.
     *
     * @param requests requests that may wait in that queue for one tracker address before new ones fail fast with
     *     {@code OVERLOADED}; positive; default {@value #DEFAULT_MAX_QUEUED_REQUESTS_PER_TRACKER}
     * @return the copy
     * @throws IllegalArgumentException "maxQueuedRequestsPerTracker must be positive: N" when {@code requests} is 0 or
     *     less
     */
    public UdpOptions withMaxQueuedRequestsPerTracker(int requests) {
        return new UdpOptions(connectionIdLifetime, retransmission, initialRetransmitTimeout, minRetransmitTimeout,
                maxInFlightPerTracker, requests, receiveBufferSize);
    }

    /**
     * A copy with another {@code receiveBufferSize}, every other setting the same.
     *
     * @param bytes bytes of receive buffer asked of the OS for each UDP socket (it may grant less); positive; default
     *     {@link #DEFAULT_RECEIVE_BUFFER_SIZE} (4 MiB)
     * @return the copy
     * @throws IllegalArgumentException "receiveBufferSize must be positive: N" when {@code bytes} is 0 or less
     */
    public UdpOptions withReceiveBufferSize(int bytes) {
        return new UdpOptions(connectionIdLifetime, retransmission, initialRetransmitTimeout, minRetransmitTimeout,
                maxInFlightPerTracker, maxQueuedRequestsPerTracker, bytes);
    }
}
