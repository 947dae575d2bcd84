package io.github.bttracker.it.opentracker;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A bare BEP 15 client for checking what opentracker answers over UDP, independent of the
 * project's own UDP transport (which is what later tests compare against opentracker).
 */
final class UdpAnnouncer implements AutoCloseable {
    private static final long PROTOCOL_ID = 0x41727101980L;
    private static final int CONNECT = 0;
    private static final int ANNOUNCE = 1;
    private static final int TIMEOUT_MILLIS = 2000;

    /** The fixed part of an announce answer: action, transaction id, interval, leechers, seeders. */
    static final int ANNOUNCE_HEADER_BYTES = 20;

    private final DatagramSocket socket;
    private final InetSocketAddress tracker;
    private final long connectionId;

    /** A parsed announce answer; {@code raw} is the whole datagram. */
    record Answer(int action, int interval, int leechers, int seeders, List<InetSocketAddress> peers, byte[] raw) {
    }

    UdpAnnouncer(int port) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        socket.setSoTimeout(TIMEOUT_MILLIS);
        this.tracker = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port);
        int transactionId = ThreadLocalRandom.current().nextInt();
        ByteBuffer answer = exchange(ByteBuffer.allocate(16).putLong(PROTOCOL_ID).putInt(CONNECT).putInt(transactionId));
        if (answer.getInt() != CONNECT || answer.getInt() != transactionId) {
            throw new IOException("unexpected connect answer");
        }
        this.connectionId = answer.getLong();
    }

    /** Announces {@code event} (0 none, 1 completed, 2 started, 3 stopped) with {@code numwant=-1}. */
    Answer announce(byte[] infoHash, byte[] peerId, long left, int event, int peerPort) throws IOException {
        int transactionId = ThreadLocalRandom.current().nextInt();
        ByteBuffer request = ByteBuffer.allocate(98)
                .putLong(connectionId).putInt(ANNOUNCE).putInt(transactionId)
                .put(infoHash).put(peerId)
                .putLong(0).putLong(left).putLong(0) // downloaded, left, uploaded
                .putInt(event).putInt(0).putInt(0).putInt(-1) // event, ip (the sender's), key, numwant
                .putShort((short) peerPort);
        ByteBuffer answer = exchange(request);
        byte[] raw = Arrays.copyOf(answer.array(), answer.limit());
        int action = answer.getInt();
        if (answer.getInt() != transactionId) {
            throw new IOException("announce answer for another transaction");
        }
        if (answer.remaining() < ANNOUNCE_HEADER_BYTES - 8) {
            return new Answer(action, -1, -1, -1, List.of(), raw);
        }
        int interval = answer.getInt();
        int leechers = answer.getInt();
        int seeders = answer.getInt();
        List<InetSocketAddress> peers = new ArrayList<>();
        while (answer.remaining() >= 6) {
            byte[] address = new byte[4];
            answer.get(address);
            peers.add(new InetSocketAddress(InetAddress.getByAddress(address), Short.toUnsignedInt(answer.getShort())));
        }
        return new Answer(action, interval, leechers, seeders, peers, raw);
    }

    private ByteBuffer exchange(ByteBuffer request) throws IOException {
        socket.send(new DatagramPacket(request.array(), request.position(), tracker));
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        return ByteBuffer.wrap(buffer, 0, packet.getLength()).slice();
    }

    @Override
    public void close() {
        socket.close();
    }
}
