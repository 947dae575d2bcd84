package io.github.bttracker.it.jstracker;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A bare BEP 15 client on a plain {@link DatagramSocket}, so that what the JavaScript tracker
 * answers is seen independently of the project's own UDP transport.
 */
final class BareUdpClient implements AutoCloseable {
    /** The protocol id every connect request carries (BEP 15). */
    static final long PROTOCOL_ID = 0x41727101980L;
    /** The fixed part of an announce answer: action, transaction id, interval, leechers, seeders. */
    static final int ANNOUNCE_HEADER_BYTES = 20;

    private static final int CONNECT = 0;
    private static final int ANNOUNCE = 1;
    private static final int EVENT_STARTED = 2;
    private static final int TIMEOUT_MILLIS = 2000;

    private final DatagramSocket socket;
    private final InetSocketAddress tracker;

    /** A connect answer. */
    record Connected(int action, int transactionId, long connectionId) {
    }

    /** An announce answer; {@code peers} is everything after the 20-byte header. */
    record Announced(int action, int transactionId, int interval, int leechers, int seeders, byte[] peers) {
    }

    /** Binds an ephemeral port on {@code loopback}, the family the tracker will see. */
    BareUdpClient(InetAddress loopback, int trackerPort) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(loopback, 0));
        socket.setSoTimeout(TIMEOUT_MILLIS);
        this.tracker = new InetSocketAddress(loopback, trackerPort);
    }

    /** @return this client's own port, the one the tracker records when an announce gives port 0 */
    int localPort() {
        return socket.getLocalPort();
    }

    Connected connect() throws IOException {
        int transactionId = ThreadLocalRandom.current().nextInt();
        ByteBuffer answer = exchange(ByteBuffer.allocate(16).putLong(PROTOCOL_ID).putInt(CONNECT).putInt(transactionId));
        return new Connected(answer.getInt(), answer.getInt(), answer.getLong());
    }

    /** Announces {@code event=started} with {@code numwant=-1} (the tracker's default) from {@code peerPort}. */
    Announced announce(long connectionId, byte[] infoHash, byte[] peerId, long left, int peerPort) throws IOException {
        int transactionId = ThreadLocalRandom.current().nextInt();
        ByteBuffer request = ByteBuffer.allocate(98)
                .putLong(connectionId).putInt(ANNOUNCE).putInt(transactionId)
                .put(infoHash).put(peerId)
                .putLong(0).putLong(left).putLong(0) // downloaded, left, uploaded
                .putInt(EVENT_STARTED)
                .putInt(0) // ip: the sender's
                .putInt(ThreadLocalRandom.current().nextInt()) // key
                .putInt(-1) // numwant
                .putShort((short) peerPort);
        ByteBuffer answer = exchange(request);
        int action = answer.getInt();
        int answeredTransaction = answer.getInt();
        int interval = answer.getInt();
        int leechers = answer.getInt();
        int seeders = answer.getInt();
        byte[] peers = new byte[answer.remaining()];
        answer.get(peers);
        return new Announced(action, answeredTransaction, interval, leechers, seeders, peers);
    }

    /** Sends one datagram and waits (2 s at most) for the next one. */
    private ByteBuffer exchange(ByteBuffer request) throws IOException {
        byte[] out = Arrays.copyOf(request.array(), request.position());
        socket.send(new DatagramPacket(out, out.length, tracker));
        DatagramPacket in = new DatagramPacket(new byte[2048], 2048);
        socket.receive(in);
        return ByteBuffer.wrap(in.getData(), 0, in.getLength());
    }

    @Override
    public void close() {
        socket.close();
    }
}
