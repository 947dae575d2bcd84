package io.github.bttracker.testing;

import io.github.bttracker.testing.internal.UdpProtocol;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * How the embedded tracker treats one UDP datagram, for tests to {@link UdpFacet#enqueue enqueue}. Each
 * enqueued behaviour applies to exactly the next datagram the tracker receives, whatever its action (connect,
 * announce, scrape or garbage); with none enqueued the tracker answers normally.
 *
 * <p>{@link #drop()}, {@link #error} and {@link #raw} replace the answer, and the request does not take effect
 * (no connection id is issued, the swarm is not touched), as with {@link TrackerBehaviour#failure} over HTTP. Every
 * other behaviour applies the request as soon as it arrives and only changes how its answer travels.
 *
 * <p>Behaviours are immutable values (arrays are copied in and out), so one may be enqueued many times and from any
 * thread; they run on the tracker's thread. The factories check their arguments when called, with a
 * {@link NullPointerException} or an {@link IllegalArgumentException}.
 */
public sealed interface UdpBehaviour {

    /**
     * The normal answer.
     *
     * @return the behaviour, to enqueue
     */
    static UdpBehaviour normal() {
        return Normal.INSTANCE;
    }

    /**
     * Records the datagram and sends nothing: to the client, the request or its answer was lost.
     *
     * @return the behaviour, to enqueue
     */
    static UdpBehaviour drop() {
        return Drop.INSTANCE;
    }

    /**
     * The normal answer, sent only after {@code delay}.
     *
     * @param delay how long to wait, zero or more
     * @return the behaviour, to enqueue
     */
    static UdpBehaviour delay(Duration delay) {
        return new Delay(delay);
    }

    /**
     * The normal answer, sent twice, as a network that duplicates packets delivers it.
     *
     * @return the behaviour, to enqueue
     */
    static UdpBehaviour duplicate() {
        return Duplicate.INSTANCE;
    }

    /**
     * Reordering: the normal answer is kept back and sent right after whatever the tracker sends for the next
     * datagram it receives (once that datagram is handled, if nothing goes out for it at once).
     *
     * @return the behaviour, to enqueue
     */
    static UdpBehaviour holdUntilNext() {
        return HoldUntilNext.INSTANCE;
    }

    /**
     * An error response (action 3) with this message and the request's transaction id.
     *
     * @param message the error message, not null
     * @return the behaviour, to enqueue
     */
    static UdpBehaviour error(String message) {
        return new ErrorResponse(message);
    }

    /**
     * First this arbitrary datagram (truncated, of a wrong action, with a foreign transaction id...), then the
     * normal answer: a client must throw the first away and still take the second.
     *
     * @param datagram the datagram, copied; at most the largest UDP payload
     * @return the behaviour, to enqueue
     */
    static UdpBehaviour garbageFirst(byte[] datagram) {
        return new GarbageFirst(datagram);
    }

    /**
     * The normal answer with another transaction id; the answer with the right one is never sent.
     *
     * @return the behaviour, to enqueue
     */
    static UdpBehaviour wrongTransactionId() {
        return WrongTransactionId.INSTANCE;
    }

    /**
     * The normal answer, sent from another UDP socket (another port) of the tracker, which a client must treat as
     * a stranger and ignore.
     *
     * @return the behaviour, to enqueue
     */
    static UdpBehaviour fromOtherSocket() {
        return FromOtherSocket.INSTANCE;
    }

    /**
     * Exactly these bytes instead of the answer.
     *
     * @param datagram the datagram, copied; at most the largest UDP payload
     * @return the behaviour, to enqueue
     */
    static UdpBehaviour raw(byte[] datagram) {
        return new Raw(datagram);
    }

    /** Answers normally. */
    enum Normal implements UdpBehaviour {
        /** The only instance. */
        INSTANCE
    }

    /** Sends nothing. */
    enum Drop implements UdpBehaviour {
        /** The only instance. */
        INSTANCE
    }

    /** Sends the answer twice. */
    enum Duplicate implements UdpBehaviour {
        /** The only instance. */
        INSTANCE
    }

    /** Sends the answer after the next datagram's. */
    enum HoldUntilNext implements UdpBehaviour {
        /** The only instance. */
        INSTANCE
    }

    /** Sends the answer with a transaction id the client did not use. */
    enum WrongTransactionId implements UdpBehaviour {
        /** The only instance. */
        INSTANCE
    }

    /** Sends the answer from a socket the client did not talk to. */
    enum FromOtherSocket implements UdpBehaviour {
        /** The only instance. */
        INSTANCE
    }

    /** Sends the answer after a delay. */
    record Delay(Duration delay) implements UdpBehaviour {
        /**
         * Rejects a missing or negative delay.
         *
         * @param delay how long to wait, zero or more
         */
        public Delay {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("negative delay: " + delay);
            }
        }
    }

    /** Sends an error response instead of the answer. */
    record ErrorResponse(String message) implements UdpBehaviour {
        /**
         * Rejects a missing message.
         *
         * @param message the error message, not null
         */
        public ErrorResponse {
            Objects.requireNonNull(message, "message");
        }
    }

    /** Sends a datagram of the test's making, then the answer. */
    record GarbageFirst(byte[] datagram) implements UdpBehaviour {
        /**
         * Takes a copy, so the behaviour cannot change after it was enqueued.
         *
         * @param datagram the datagram, copied; at most the largest UDP payload
         */
        public GarbageFirst {
            datagram = checkedCopy(datagram);
        }

        /** {@return a copy of the datagram} */
        @Override
        public byte[] datagram() {
            return datagram.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof GarbageFirst that && Arrays.equals(datagram, that.datagram);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(datagram);
        }

        @Override
        public String toString() {
            return "GarbageFirst[" + datagram.length + " bytes]";
        }
    }

    /** Sends a datagram of the test's making instead of the answer. */
    record Raw(byte[] datagram) implements UdpBehaviour {
        /**
         * Takes a copy, so the behaviour cannot change after it was enqueued.
         *
         * @param datagram the datagram, copied; at most the largest UDP payload
         */
        public Raw {
            datagram = checkedCopy(datagram);
        }

        /** {@return a copy of the datagram} */
        @Override
        public byte[] datagram() {
            return datagram.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Raw that && Arrays.equals(datagram, that.datagram);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(datagram);
        }

        @Override
        public String toString() {
            return "Raw[" + datagram.length + " bytes]";
        }
    }

    private static byte[] checkedCopy(byte[] datagram) {
        Objects.requireNonNull(datagram, "datagram");
        if (datagram.length > UdpProtocol.MAX_DATAGRAM_LENGTH) {
            throw new IllegalArgumentException("a UDP datagram carries at most " + UdpProtocol.MAX_DATAGRAM_LENGTH
                    + " bytes, not " + datagram.length);
        }
        return datagram.clone();
    }
}
