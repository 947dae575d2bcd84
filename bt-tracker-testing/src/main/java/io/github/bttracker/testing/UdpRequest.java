package io.github.bttracker.testing;

import io.github.bttracker.testing.internal.UdpProtocol;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * A UDP datagram as the tracker understood it. Internal: the arrays are not copied, {@link RecordedDatagram} hands
 * out copies.
 */
sealed interface UdpRequest {

    /** The action field, or -1 when the datagram is too short to have one. */
    int action();

    /** The transaction id the answer must echo; 0 when the datagram is too short to have one. */
    int transactionId();

    /** The first 8 bytes: the connection id, or the protocol id of a connect request; 0 when too short. */
    long connectionId();

    /** A connect request (action 0) with the right protocol id. */
    record Connect(long connectionId, int transactionId) implements UdpRequest {
        @Override
        public int action() {
            return UdpProtocol.CONNECT;
        }
    }

    /**
     * An announce request (action 1); fields as received, so {@code left} may be negative (unknown),
     * {@code numWant} -1 (default) and {@code ip} 0 (the sender's).
     *
     * @param urlData the BEP 41 URL data, decoded as ISO-8859-1; empty when none
     */
    record Announce(long connectionId, int transactionId, byte[] infoHash, byte[] peerId, long downloaded,
            long left, long uploaded, int event, int ip, int key, int numWant, int port, String urlData)
            implements UdpRequest {
        @Override
        public int action() {
            return UdpProtocol.ANNOUNCE;
        }

        /** The {@code ip} field as an IPv4 address; empty when 0, which stands for the sender's address. */
        Optional<InetAddress> ipAddress() {
            if (ip == 0) {
                return Optional.empty();
            }
            try {
                return Optional.of(InetAddress.getByAddress(ByteBuffer.allocate(4).putInt(ip).array()));
            } catch (UnknownHostException e) {
                throw new IllegalStateException("4 bytes are always an IPv4 address", e);
            }
        }
    }

    /** A scrape request (action 2) and its info hashes in request order. */
    record Scrape(long connectionId, int transactionId, List<byte[]> infoHashes) implements UdpRequest {
        @Override
        public int action() {
            return UdpProtocol.SCRAPE;
        }
    }

    /**
     * A datagram the tracker cannot make sense of and does not answer.
     *
     * @param problem why, for test failure messages
     */
    record Malformed(int action, int transactionId, long connectionId, String problem) implements UdpRequest {
    }
}
