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
 */
public sealed interface UdpBehaviour {

    /** The normal answer. */
    static UdpBehaviour normal() {
        return Normal.INSTANCE;
    }

    /** Records the datagram and sends nothing: to the client, the request or its answer was lost. */
    static UdpBehaviour drop() {
        return Drop.INSTANCE;
    }

    /** The normal answer, sent only after {@code delay}. */
    static UdpBehaviour delay(Duration delay) {
        return new Delay(delay);
    }

    /** The normal answer, sent twice, as a network that duplicates packets delivers it. */
    static UdpBehaviour duplicate() {
        return Duplicate.INSTANCE;
    }

    /**
     * Reordering: the normal answer is kept back and sent right after whatever the tracker sends for the next
     * datagram it receives (once that datagram is handled, if nothing goes out for it at once).
     */
    static UdpBehaviour holdUntilNext() {
        return HoldUntilNext.INSTANCE;
    }

    /** An error response (action 3) with this message and the request's transaction id. */
    static UdpBehaviour error(String message) {
        return new ErrorResponse(message);
    }

    /**
     * First this arbitrary datagram (truncated, of a wrong action, with a foreign transaction id...), then the
     * normal answer: a client must throw the first away and still take the second.
     */
    static UdpBehaviour garbageFirst(byte[] datagram) {
        return new GarbageFirst(datagram);
    }

    /** The normal answer with another transaction id; the answer with the right one is never sent. */
    static UdpBehaviour wrongTransactionId() {
        return WrongTransactionId.INSTANCE;
    }

    /**
     * The normal answer, sent from another UDP socket (another port) of the tracker, which a client must treat as
     * a stranger and ignore.
     */
    static UdpBehaviour fromOtherSocket() {
        return FromOtherSocket.INSTANCE;
    }

    /** Exactly these bytes instead of the answer. */
    static UdpBehaviour raw(byte[] datagram) {
        return new Raw(datagram);
    }

    /** Answers normally. */
    enum Normal implements UdpBehaviour {
        INSTANCE
    }

    /** Sends nothing. */
    enum Drop implements UdpBehaviour {
        INSTANCE
    }

    /** Sends the answer twice. */
    enum Duplicate implements UdpBehaviour {
        INSTANCE
    }

    /** Sends the answer after the next datagram's. */
    enum HoldUntilNext implements UdpBehaviour {
        INSTANCE
    }

    /** Sends the answer with a transaction id the client did not use. */
    enum WrongTransactionId implements UdpBehaviour {
        INSTANCE
    }

    /** Sends the answer from a socket the client did not talk to. */
    enum FromOtherSocket implements UdpBehaviour {
        INSTANCE
    }

    /** Sends the answer after a delay. */
    record Delay(Duration delay) implements UdpBehaviour {
        /** Rejects a missing or negative delay. */
        public Delay {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("negative delay: " + delay);
            }
        }
    }

    /** Sends an error response instead of the answer. */
    record ErrorResponse(String message) implements UdpBehaviour {
        /** Rejects a missing message. */
        public ErrorResponse {
            Objects.requireNonNull(message, "message");
        }
    }

    /** Sends a datagram of the test's making, then the answer. */
    record GarbageFirst(byte[] datagram) implements UdpBehaviour {
        /** Takes a copy, so the behaviour cannot change after it was enqueued. */
        public GarbageFirst {
            datagram = checkedCopy(datagram);
        }

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
        /** Takes a copy, so the behaviour cannot change after it was enqueued. */
        public Raw {
            datagram = checkedCopy(datagram);
        }

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
