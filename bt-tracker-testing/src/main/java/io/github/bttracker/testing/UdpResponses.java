package io.github.bttracker.testing;

import io.github.bttracker.testing.internal.UdpProtocol;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Encodes the responses of BEP 15. Each starts with the action and the transaction id, 4 bytes each. */
final class UdpResponses {
    private static final int RESPONSE_HEADER_LENGTH = 8;
    private static final int TRANSACTION_ID_OFFSET = 4;

    private UdpResponses() {
    }

    static byte[] connect(int transactionId, long connectionId) {
        return header(UdpProtocol.CONNECT, transactionId, 8).putLong(connectionId).array();
    }

    /**
     * @param addressLength 4 for 6-byte peer entries, 16 for 18-byte ones; peers of the other family are left
     *                      out, as a datagram has no room to say which family an entry is
     */
    static byte[] announce(int transactionId, int interval, AnnounceResult result, int addressLength) {
        List<Peer> listed = result.peers().stream()
                .filter(peer -> peer.ip().getAddress().length == addressLength)
                .toList();
        ByteBuffer out = header(UdpProtocol.ANNOUNCE, transactionId, 12 + listed.size() * (addressLength + 2))
                .putInt(interval)
                .putInt(result.incomplete())
                .putInt(result.complete());
        for (Peer peer : listed) {
            out.put(peer.ip().getAddress()).putShort((short) peer.port());
        }
        return out.array();
    }

    /** The counts of every scraped swarm, in request order. */
    static byte[] scrape(int transactionId, List<ScrapeCounts> swarms) {
        ByteBuffer out = header(UdpProtocol.SCRAPE, transactionId, swarms.size() * 12);
        for (ScrapeCounts counts : swarms) {
            out.putInt(counts.complete()).putInt(counts.downloaded()).putInt(counts.incomplete());
        }
        return out.array();
    }

    /** An error with its message as UTF-8 bytes, without terminator. */
    static byte[] error(int transactionId, String message) {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        return header(UdpProtocol.ERROR, transactionId, text.length).put(text).array();
    }

    /** A copy of {@code response} with another transaction id. */
    static byte[] withTransactionId(byte[] response, int transactionId) {
        byte[] copy = response.clone();
        ByteBuffer.wrap(copy).putInt(TRANSACTION_ID_OFFSET, transactionId);
        return copy;
    }

    private static ByteBuffer header(int action, int transactionId, int bodyLength) {
        return ByteBuffer.allocate(RESPONSE_HEADER_LENGTH + bodyLength).putInt(action).putInt(transactionId);
    }
}
