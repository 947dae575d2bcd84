package io.github.bttracker.internal.transport.udp;

import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.InfoHash;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Encoding of BEP 15 requests, with BEP 41 URL data on announces. */
final class UdpRequests {

    /**
     * BEP 15 has no "unknown" value for {@code left}. Like libtorrent, an unknown size is sent as -1 (all bits
     * set): a tracker reading it as unsigned sees a huge remainder, one reading it as signed sees a negative one, and
     * either way the peer counts as a leecher, which is what a client without metadata is.
     */
    static final long UNKNOWN_LEFT = -1L;

    private UdpRequests() {
    }

    static void connect(ByteBuf out, int transactionId) {
        out.writeLong(UdpProtocol.CONNECT_MAGIC)
                .writeInt(UdpProtocol.ACTION_CONNECT)
                .writeInt(transactionId);
    }

    /**
     * @param urlData the announce URL's path and query (BEP 41), or "" to send none
     */
    static void announce(ByteBuf out, long connectionId, int transactionId, AnnounceRequest request, String urlData) {
        out.writeLong(connectionId)
                .writeInt(UdpProtocol.ACTION_ANNOUNCE)
                .writeInt(transactionId)
                .writeBytes(request.infoHash().bytes())
                .writeBytes(request.peerId().bytes())
                .writeLong(request.downloaded())
                .writeLong(request.left().orElse(UNKNOWN_LEFT))
                .writeLong(request.uploaded())
                .writeInt(request.event().udpCode())
                .writeInt(0) // ip: 0 asks the tracker to use the datagram's source address
                .writeInt(request.key().orElse(0))
                .writeInt(Math.min(request.numWant(), UdpProtocol.MAX_NUM_WANT))
                .writeShort(request.port());
        writeUrlData(out, urlData.getBytes(StandardCharsets.UTF_8));
    }

    static void scrape(ByteBuf out, long connectionId, int transactionId, List<InfoHash> infoHashes) {
        if (infoHashes.size() > UdpProtocol.MAX_SCRAPE_HASHES) {
            throw new IllegalArgumentException("at most " + UdpProtocol.MAX_SCRAPE_HASHES + " hashes per packet");
        }
        out.writeLong(connectionId)
                .writeInt(UdpProtocol.ACTION_SCRAPE)
                .writeInt(transactionId);
        infoHashes.forEach(hash -> out.writeBytes(hash.bytes()));
    }

    /** BEP 41: the data in option chunks of at most 255 bytes each. */
    private static void writeUrlData(ByteBuf out, byte[] data) {
        for (int from = 0; from < data.length; from += UdpProtocol.MAX_URL_DATA_CHUNK) {
            int length = Math.min(UdpProtocol.MAX_URL_DATA_CHUNK, data.length - from);
            out.writeByte(UdpProtocol.OPTION_URL_DATA).writeByte(length).writeBytes(data, from, length);
        }
    }

    /** @return the encoded size of an announce carrying {@code urlData}, for buffer allocation */
    static int announceLength(String urlData) {
        int bytes = urlData.getBytes(StandardCharsets.UTF_8).length;
        int chunks = (bytes + UdpProtocol.MAX_URL_DATA_CHUNK - 1) / UdpProtocol.MAX_URL_DATA_CHUNK;
        return UdpProtocol.ANNOUNCE_REQUEST_LENGTH + bytes + 2 * chunks;
    }
}
