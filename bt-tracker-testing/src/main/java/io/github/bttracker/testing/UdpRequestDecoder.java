package io.github.bttracker.testing;

import io.github.bttracker.testing.UdpRequest.Announce;
import io.github.bttracker.testing.UdpRequest.Connect;
import io.github.bttracker.testing.UdpRequest.Malformed;
import io.github.bttracker.testing.UdpRequest.Scrape;
import io.github.bttracker.testing.internal.UdpProtocol;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Decodes the requests of BEP 15 (with BEP 41 options on announces) from datagrams. */
final class UdpRequestDecoder {

    private UdpRequestDecoder() {
    }

    /** Decodes a datagram; anything that is not a complete request comes back {@link Malformed}. */
    static UdpRequest decode(byte[] datagram) {
        if (datagram.length < UdpProtocol.HEADER_LENGTH) {
            return new Malformed(-1, 0, 0, datagram.length + " bytes, shorter than a "
                    + UdpProtocol.HEADER_LENGTH + "-byte request header");
        }
        // ByteBuffer reads big-endian, the protocol's byte order
        ByteBuffer in = ByteBuffer.wrap(datagram);
        long connectionId = in.getLong();
        int action = in.getInt();
        int transactionId = in.getInt();
        return switch (action) {
            case UdpProtocol.CONNECT -> connectionId == UdpProtocol.PROTOCOL_ID
                    ? new Connect(connectionId, transactionId)
                    : new Malformed(action, transactionId, connectionId,
                            "connect request without the protocol id 0x41727101980");
            case UdpProtocol.ANNOUNCE -> announce(in, connectionId, transactionId);
            case UdpProtocol.SCRAPE -> scrape(in, connectionId, transactionId);
            default -> new Malformed(action, transactionId, connectionId, "unknown action " + action);
        };
    }

    private static UdpRequest announce(ByteBuffer in, long connectionId, int transactionId) {
        if (in.limit() < UdpProtocol.ANNOUNCE_LENGTH) {
            return new Malformed(UdpProtocol.ANNOUNCE, transactionId, connectionId, "announce of " + in.limit()
                    + " bytes, shorter than " + UdpProtocol.ANNOUNCE_LENGTH);
        }
        byte[] infoHash = bytes(in, Ids.LENGTH);
        byte[] peerId = bytes(in, Ids.LENGTH);
        long downloaded = in.getLong();
        long left = in.getLong();
        long uploaded = in.getLong();
        int event = in.getInt();
        int ip = in.getInt();
        int key = in.getInt();
        int numWant = in.getInt();
        int port = Short.toUnsignedInt(in.getShort());
        return new Announce(connectionId, transactionId, infoHash, peerId, downloaded, left, uploaded, event, ip,
                key, numWant, port, Bep41Options.urlData(in));
    }

    private static UdpRequest scrape(ByteBuffer in, long connectionId, int transactionId) {
        int hashBytes = in.remaining();
        if (hashBytes == 0 || hashBytes % Ids.LENGTH != 0) {
            return new Malformed(UdpProtocol.SCRAPE, transactionId, connectionId,
                    "scrape with " + hashBytes + " bytes of info hashes, not a positive multiple of 20");
        }
        List<byte[]> infoHashes = new ArrayList<>();
        while (in.hasRemaining()) {
            infoHashes.add(bytes(in, Ids.LENGTH));
        }
        return new Scrape(connectionId, transactionId, List.copyOf(infoHashes));
    }

    private static byte[] bytes(ByteBuffer in, int length) {
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }
}
