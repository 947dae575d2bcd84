package io.github.bttracker.testing.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A bare BEP 15 client over a plain {@link DatagramSocket}, for tests that check what a UDP tracker answers
 * independently of the tracker client under test: it builds requests byte by byte and hands back whatever datagrams
 * arrive, with no retries and no checks of its own beyond {@link #connect}. Not API.
 */
public final class BareUdpClient implements AutoCloseable {
    /** How long {@link #receive()} waits for a datagram. */
    public static final Duration REPLY_TIMEOUT = Duration.ofSeconds(5);
    /** How long to listen before concluding that nothing (more) is coming. */
    public static final Duration SILENCE = Duration.ofMillis(300);
    /** The {@code downloaded} of every announce built here. */
    public static final long DOWNLOADED = 1_000;
    /** The {@code uploaded} of every announce built here. */
    public static final long UPLOADED = 2_000;
    /** The {@code key} of every announce built here. */
    public static final int KEY = 0x1234_5678;

    private final DatagramSocket socket;
    private final InetSocketAddress tracker;

    /**
     * A client on an ephemeral port of {@code address}, for the tracker listening on {@code address} and
     * {@code trackerPort}: bound to the tracker's address, it is of the family (IPv4 or IPv6) the tracker will see.
     */
    public BareUdpClient(InetAddress address, int trackerPort) {
        this.tracker = new InetSocketAddress(address, trackerPort);
        try {
            this.socket = new DatagramSocket(new InetSocketAddress(address, 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This client's own port, the one a tracker records when an announce gives port 0. */
    public int localPort() {
        return socket.getLocalPort();
    }

    /** Sends one datagram to the tracker. */
    public void send(byte[] datagram) {
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, tracker));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next datagram, from anyone; throws {@link AssertionError} if none comes within {@link #REPLY_TIMEOUT}. */
    public Reply receive() {
        return receiveWithin(REPLY_TIMEOUT).orElseThrow(
                () -> new AssertionError("no datagram within " + REPLY_TIMEOUT));
    }

    /** The next datagram, from anyone, or empty if none comes within {@code timeout}. */
    public Optional<Reply> receiveWithin(Duration timeout) {
        byte[] buffer = new byte[UdpProtocol.MAX_DATAGRAM_LENGTH];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        if (!receive(packet, timeout)) {
            return Optional.empty();
        }
        return Optional.of(new Reply((InetSocketAddress) packet.getSocketAddress(),
                Arrays.copyOf(buffer, packet.getLength())));
    }

    /**
     * The next datagram, from anyone, copied into {@code buffer} (which should hold
     * {@link UdpProtocol#MAX_DATAGRAM_LENGTH} bytes): for a client that receives many, without a new buffer and
     * {@link Reply} each.
     *
     * @return the datagram's length, or -1 if none comes within {@code timeout}
     */
    public int receiveInto(byte[] buffer, Duration timeout) {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        return receive(packet, timeout) ? packet.getLength() : -1;
    }

    private boolean receive(DatagramPacket packet, Duration timeout) {
        try {
            socket.setSoTimeout(Math.toIntExact(Math.max(1, timeout.toMillis())));
            socket.receive(packet);
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Throws {@link AssertionError} if anything arrives within {@link #SILENCE}. */
    public void assertNothingArrives() {
        Optional<Reply> reply = receiveWithin(SILENCE);
        if (reply.isPresent()) {
            throw new AssertionError("expected no datagram within " + SILENCE + " but got " + reply.get());
        }
    }

    /** Sends {@code request} and returns the next datagram, whatever it is. */
    public Reply exchange(byte[] request) {
        send(request);
        return receive();
    }

    /**
     * Connects and returns the connection id; throws {@link AssertionError} unless the answer is a connect
     * response (16 bytes) to this transaction.
     */
    public long connect(int transactionId) {
        Reply reply = exchange(connectRequest(transactionId));
        if (reply.action() != UdpProtocol.CONNECT || reply.transactionId() != transactionId
                || reply.bytes().length != 16) {
            throw new AssertionError("not a connect response to transaction " + transactionId + ": " + reply);
        }
        return reply.connectionId();
    }

    /** Sends an announce ({@code ip} 0, {@code numwant} -1, no options) and returns the answer, whatever it is. */
    public Reply announce(long connectionId, int transactionId, byte[] infoHash, byte[] peerId, int event, long left,
            int port) {
        return exchange(
                announceRequest(connectionId, transactionId, infoHash, peerId, event, left, port, 0, -1, new byte[0]));
    }

    /** A connect request. */
    public static byte[] connectRequest(int transactionId) {
        return ByteBuffer.allocate(UdpProtocol.HEADER_LENGTH).putLong(UdpProtocol.PROTOCOL_ID)
                .putInt(UdpProtocol.CONNECT).putInt(transactionId).array();
    }

    /** An announce with {@link #DOWNLOADED}, {@link #UPLOADED} and {@link #KEY}; {@code options} go after it. */
    public static byte[] announceRequest(long connectionId, int transactionId, byte[] infoHash, byte[] peerId,
            int event, long left, int port, int ip, int numWant, byte[] options) {
        return ByteBuffer.allocate(UdpProtocol.ANNOUNCE_LENGTH + options.length)
                .putLong(connectionId).putInt(UdpProtocol.ANNOUNCE).putInt(transactionId)
                .put(infoHash).put(peerId)
                .putLong(DOWNLOADED).putLong(left).putLong(UPLOADED)
                .putInt(event).putInt(ip).putInt(KEY).putInt(numWant).putShort((short) port)
                .put(options)
                .array();
    }

    /** A scrape of these info hashes. */
    public static byte[] scrapeRequest(long connectionId, int transactionId, byte[]... infoHashes) {
        ByteBuffer out = ByteBuffer.allocate(UdpProtocol.HEADER_LENGTH + 20 * infoHashes.length)
                .putLong(connectionId).putInt(UdpProtocol.SCRAPE).putInt(transactionId);
        for (byte[] infoHash : infoHashes) {
            out.put(infoHash);
        }
        return out.array();
    }

    /** BEP 41 options carrying {@code urlData} in URLData chunks of at most {@code chunk} bytes, NOP-separated. */
    public static byte[] urlDataOptions(String urlData, int chunk) {
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
    public record Reply(InetSocketAddress source, byte[] bytes) {
        /** The action field. */
        public int action() {
            return ByteBuffer.wrap(bytes).getInt(0);
        }

        /** The transaction id field. */
        public int transactionId() {
            return ByteBuffer.wrap(bytes).getInt(4);
        }

        /** What follows the action and the transaction id. */
        public ByteBuffer body() {
            return ByteBuffer.wrap(bytes, 8, bytes.length - 8).slice();
        }

        /** The connection id of a connect response. */
        public long connectionId() {
            return body().getLong();
        }

        /** The message of an error response; throws {@link AssertionError} for any other response. */
        public String errorMessage() {
            expectAction(UdpProtocol.ERROR, "an error response");
            return new String(bytes, 8, bytes.length - 8, StandardCharsets.UTF_8);
        }

        /** The fields of an announce response; throws {@link AssertionError} for any other response. */
        public AnnounceReply asAnnounce() {
            expectAction(UdpProtocol.ANNOUNCE, "an announce response");
            ByteBuffer body = body();
            int interval = body.getInt();
            int leechers = body.getInt();
            int seeders = body.getInt();
            byte[] peers = new byte[body.remaining()];
            body.get(peers);
            return new AnnounceReply(interval, leechers, seeders, peers);
        }

        private void expectAction(int action, String what) {
            if (action() != action) {
                throw new AssertionError("action of " + what + " should be " + action + " but was " + action());
            }
        }

        @Override
        public String toString() {
            return "Reply[source=" + source + ", action=" + (bytes.length >= 4 ? action() : -1) + ", length="
                    + bytes.length + "]";
        }
    }

    /** An announce response; {@code peers} are the raw entries, 6 or 18 bytes each. */
    public record AnnounceReply(int interval, int leechers, int seeders, byte[] peers) {
        /** The peers as 6-byte (IPv4) entries, the usual form of an answer over IPv4. */
        public List<InetSocketAddress> ipv4Peers() {
            if (peers.length % 6 != 0) {
                throw new AssertionError(peers.length + " bytes of peers are no whole 6-byte entries");
            }
            List<InetSocketAddress> addresses = new ArrayList<>();
            ByteBuffer entries = ByteBuffer.wrap(peers);
            while (entries.hasRemaining()) {
                byte[] address = new byte[4];
                entries.get(address);
                try {
                    addresses.add(new InetSocketAddress(InetAddress.getByAddress(address),
                            Short.toUnsignedInt(entries.getShort())));
                } catch (UnknownHostException e) {
                    throw new IllegalStateException("4 bytes are always an IPv4 address", e);
                }
            }
            return addresses;
        }
    }
}
