package io.github.bttracker.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * A bare BEP 15 client over a plain {@link DatagramSocket}, for the tracker's own tests: builds requests byte by
 * byte and hands back whatever datagrams arrive, with no retries or checks of its own.
 */
final class UdpTestClient implements AutoCloseable {
    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(5);
    /** How long to listen before concluding that nothing (more) is coming. */
    static final Duration SILENCE = Duration.ofMillis(300);
    static final long DOWNLOADED = 1_000;
    static final long UPLOADED = 2_000;
    static final int KEY = 0x1234_5678;

    private final DatagramSocket socket;
    private final InetSocketAddress tracker;

    /** A client on the tracker's loopback address (IPv4 or IPv6) and an ephemeral port. */
    UdpTestClient(EmbeddedTracker tracker) {
        this.tracker = new InetSocketAddress(tracker.address(), tracker.udpPort());
        try {
            this.socket = new DatagramSocket(new InetSocketAddress(tracker.address(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int localPort() {
        return socket.getLocalPort();
    }

    void send(byte[] datagram) {
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, tracker));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next datagram, from anyone; fails the test if none comes within {@link #REPLY_TIMEOUT}. */
    Reply receive() {
        return receiveWithin(REPLY_TIMEOUT).orElseThrow(
                () -> new AssertionError("no datagram within " + REPLY_TIMEOUT));
    }

    /** The next datagram, from anyone, or empty if none comes within {@code timeout}. */
    Optional<Reply> receiveWithin(Duration timeout) {
        byte[] buffer = new byte[UdpProtocol.MAX_DATAGRAM_LENGTH];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.setSoTimeout(Math.toIntExact(Math.max(1, timeout.toMillis())));
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(new Reply((InetSocketAddress) packet.getSocketAddress(),
                Arrays.copyOf(buffer, packet.getLength())));
    }

    /** Asserts that nothing arrives for {@link #SILENCE}. */
    void assertNothingArrives() {
        assertThat(receiveWithin(SILENCE)).isEmpty();
    }

    /** Connects and returns the connection id, checking the answer's action and transaction id. */
    long connect(int transactionId) {
        send(connectRequest(transactionId));
        Reply reply = receive();
        assertThat(reply.action()).isEqualTo(UdpProtocol.CONNECT);
        assertThat(reply.transactionId()).isEqualTo(transactionId);
        assertThat(reply.bytes()).hasSize(16);
        return reply.body().getLong();
    }

    /** Sends an announce and returns the answer, whatever it is. */
    Reply announce(long connectionId, int transactionId, byte[] infoHash, byte[] peerId, int event, long left,
            int port) {
        send(announceRequest(connectionId, transactionId, infoHash, peerId, event, left, port, 0, -1, new byte[0]));
        return receive();
    }

    static byte[] connectRequest(int transactionId) {
        return ByteBuffer.allocate(16).putLong(UdpProtocol.PROTOCOL_ID).putInt(UdpProtocol.CONNECT)
                .putInt(transactionId).array();
    }

    /** An announce with {@link #DOWNLOADED}, {@link #UPLOADED} and {@link #KEY}; {@code options} go after it. */
    static byte[] announceRequest(long connectionId, int transactionId, byte[] infoHash, byte[] peerId, int event,
            long left, int port, int ip, int numWant, byte[] options) {
        return ByteBuffer.allocate(UdpProtocol.ANNOUNCE_LENGTH + options.length)
                .putLong(connectionId).putInt(UdpProtocol.ANNOUNCE).putInt(transactionId)
                .put(infoHash).put(peerId)
                .putLong(DOWNLOADED).putLong(left).putLong(UPLOADED)
                .putInt(event).putInt(ip).putInt(KEY).putInt(numWant).putShort((short) port)
                .put(options)
                .array();
    }

    static byte[] scrapeRequest(long connectionId, int transactionId, byte[]... infoHashes) {
        ByteBuffer out = ByteBuffer.allocate(16 + 20 * infoHashes.length)
                .putLong(connectionId).putInt(UdpProtocol.SCRAPE).putInt(transactionId);
        for (byte[] infoHash : infoHashes) {
            out.put(infoHash);
        }
        return out.array();
    }

    /** BEP 41 options carrying {@code urlData} in URLData chunks of at most {@code chunk} bytes, NOP-separated. */
    static byte[] urlDataOptions(String urlData, int chunk) {
        byte[] bytes = urlData.getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream options = new ByteArrayOutputStream();
        for (int offset = 0; offset < bytes.length; offset += chunk) {
            int length = Math.min(chunk, bytes.length - offset);
            options.write(UdpProtocol.OPTION_URL_DATA);
            options.write(length);
            options.write(bytes, offset, length);
            options.write(UdpProtocol.OPTION_NOP);
        }
        options.write(UdpProtocol.OPTION_END);
        return options.toByteArray();
    }

    @Override
    public void close() {
        socket.close();
    }

    /** A datagram the client received. */
    record Reply(InetSocketAddress source, byte[] bytes) {
        int action() {
            return ByteBuffer.wrap(bytes).getInt(0);
        }

        int transactionId() {
            return ByteBuffer.wrap(bytes).getInt(4);
        }

        /** What follows the action and the transaction id. */
        ByteBuffer body() {
            return ByteBuffer.wrap(bytes, 8, bytes.length - 8).slice();
        }

        /** The message of an error response. */
        String errorMessage() {
            assertThat(action()).as("action of an error response").isEqualTo(UdpProtocol.ERROR);
            return new String(bytes, 8, bytes.length - 8, StandardCharsets.UTF_8);
        }

        /** The fields of an announce response. */
        AnnounceReply asAnnounce() {
            assertThat(action()).as("action of an announce response").isEqualTo(UdpProtocol.ANNOUNCE);
            ByteBuffer body = body();
            int interval = body.getInt();
            int leechers = body.getInt();
            int seeders = body.getInt();
            byte[] peers = new byte[body.remaining()];
            body.get(peers);
            return new AnnounceReply(interval, leechers, seeders, peers);
        }
    }

    /** An announce response; {@code peers} are the raw entries, 6 or 18 bytes each. */
    record AnnounceReply(int interval, int leechers, int seeders, byte[] peers) {
    }
}
