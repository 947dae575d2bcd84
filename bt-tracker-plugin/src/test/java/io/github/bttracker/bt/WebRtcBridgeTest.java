package io.github.bttracker.bt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.bttracker.MemoryPeer;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.internal.runtime.TransportRuntime;
import io.github.bttracker.options.TrackerClientOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bridge between a connected peer and Bt's acceptor, with a socket standing in for Bt's acceptor (what it reads
 * and writes is checked byte for byte) and an in-memory peer. Bt itself behind the bridge is tested with real
 * runtimes and real WebRTC in bt-tracker-webrtc.
 */
class WebRtcBridgeTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final InfoHash HASH = InfoHash.fromHex("00112233445566778899aabbccddeeff00112233");
    static final InfoHash OTHER = InfoHash.fromHex("ffeeddccbbaa99887766554433221100ffeeddcc");
    static final PeerId OURS = PeerId.random("-BT0001-");
    static final PeerId THEIRS = PeerId.random("-WW0300-");

    final TransportRuntime runtime = TransportRuntime.create(TrackerClientOptions.defaults());
    final ServerSocket acceptor = acceptor();

    @AfterEach
    void close() throws IOException {
        acceptor.close();
        runtime.close();
    }

    WebRtcBridge bridge(InetSocketAddress to) {
        return new WebRtcBridge(runtime.eventLoopGroup(), runtime.io(), to, WebRtcBridgeTest::handshakeOf);
    }

    @Test
    void sendsBtsHandshakeFirstAndHoldsThePeersBytesAfterItsHandshakeUntilBtAnswers() throws Exception {
        MemoryPeer peer = new MemoryPeer(HASH, THEIRS);
        bridge(address()).accept(peer);
        // the peer's handshake and its bitfield in one message, as WebTorrent sends them
        byte[] theirs = handshake(HASH, THEIRS);
        byte[] bitfield = {0, 0, 0, 2, 5, (byte) 0xff};
        peer.receive(concat(theirs, bitfield));
        try (Socket bt = accept()) {
            await().atMost(TIMEOUT).until(() -> peer.sent().length >= WebRtcBridge.HANDSHAKE_LENGTH);
            assertThat(peer.sent()).as("the handshake the peer got, before Bt said anything")
                    .isEqualTo(handshakeOf(HASH));

            InputStream in = bt.getInputStream();
            assertThat(in.readNBytes(theirs.length)).isEqualTo(theirs);
            bt.setSoTimeout(300);
            assertThatNothingArrives(in);

            // Bt answers with its handshake (dropped: the peer has it), then a message of its own
            byte[] unchoke = {0, 0, 0, 1, 1};
            bt.getOutputStream().write(concat(handshakeOf(HASH), unchoke));
            bt.setSoTimeout((int) TIMEOUT.toMillis());
            assertThat(in.readNBytes(bitfield.length)).isEqualTo(bitfield);
            await().atMost(TIMEOUT).until(() -> peer.sent().length >= WebRtcBridge.HANDSHAKE_LENGTH + unchoke.length);
            assertThat(peer.sent()).isEqualTo(concat(handshakeOf(HASH), unchoke));
        }
    }

    @Test
    void aHandshakeFromBtForAnotherTorrentClosesThePeer() throws Exception {
        MemoryPeer peer = new MemoryPeer(HASH, THEIRS);
        bridge(address()).accept(peer);
        peer.receive(handshake(HASH, THEIRS));
        try (Socket bt = accept()) {
            bt.getOutputStream().write(handshakeOf(OTHER));
            peer.closed().get(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            assertThat(peer.sent()).isEqualTo(handshakeOf(HASH));
        }
    }

    @Test
    void btClosingTheConnectionClosesThePeer() throws Exception {
        MemoryPeer peer = new MemoryPeer(HASH, THEIRS);
        bridge(address()).accept(peer);
        accept().close();
        peer.closed().get(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void thePeerClosingClosesTheConnectionToBt() throws Exception {
        MemoryPeer peer = new MemoryPeer(HASH, THEIRS);
        bridge(address()).accept(peer);
        try (Socket bt = accept()) {
            await().atMost(TIMEOUT).until(() -> peer.sent().length > 0);
            peer.close();
            bt.setSoTimeout((int) TIMEOUT.toMillis());
            assertThat(bt.getInputStream().read()).as("end of stream").isEqualTo(-1);
        }
    }

    @Test
    void anAcceptorThatIsNotThereClosesThePeer() throws Exception {
        InetSocketAddress gone = address();
        acceptor.close();
        MemoryPeer peer = new MemoryPeer(HASH, THEIRS);
        bridge(gone).accept(peer);
        peer.closed().get(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertThat(peer.sent()).as("nothing claimed to the peer").isEmpty();
    }

    @Test
    void aPeerThatSendsFasterThanBtReadsIsClosedPastTheBound() throws Exception {
        MemoryPeer peer = new MemoryPeer(HASH, THEIRS);
        bridge(address()).accept(peer);
        try (Socket bt = accept()) {
            bt.setReceiveBufferSize(4096);
            peer.receive(handshake(HASH, THEIRS));
            bt.getOutputStream().write(handshakeOf(HASH));
            byte[] chunk = new byte[64 * 1024];
            // Bt reads nothing: what the socket buffers cannot take piles up until the bound
            for (int i = 0; i < 4 * WebRtcBridge.MAX_PENDING_TO_BT / chunk.length && !peer.isClosed(); i++) {
                peer.receive(chunk);
            }
            peer.closed().get(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void readingFromBtPausesWhileThePeerBuffersMoreThanTheLowMark() throws Exception {
        MemoryPeer peer = new MemoryPeer(HASH, THEIRS);
        peer.buffered = WebRtcBridge.PEER_BUFFER_LOW + 1;
        bridge(address()).accept(peer);
        peer.receive(handshake(HASH, THEIRS));
        try (Socket bt = accept()) {
            byte[] block = new byte[WebRtcBridge.READ_SIZE];
            Arrays.fill(block, (byte) 7);
            bt.getOutputStream().write(handshakeOf(HASH));
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < 200; i++) {
                        bt.getOutputStream().write(block);
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            // one read at most goes to the peer while it holds too much; then the bridge stops reading
            await().atMost(TIMEOUT).until(() -> peer.sent().length > WebRtcBridge.HANDSHAKE_LENGTH);
            int paused = peer.sent().length;
            assertThat(paused).isLessThanOrEqualTo(WebRtcBridge.HANDSHAKE_LENGTH + WebRtcBridge.READ_SIZE);
            assertThat(writing).as("Bt's writes back up while the bridge does not read").isNotDone();

            peer.buffered = 0;
            writing.get(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            await().atMost(TIMEOUT).until(() -> peer.sent().length == WebRtcBridge.HANDSHAKE_LENGTH
                    + 200 * block.length);
        }
    }

    void assertThatNothingArrives(InputStream in) throws IOException {
        try {
            int b = in.read();
            throw new AssertionError("Bt got a byte (" + b + ") before it answered the handshake");
        } catch (SocketTimeoutException expected) {
            // nothing within the timeout
        }
    }

    Socket accept() throws IOException {
        acceptor.setSoTimeout((int) TIMEOUT.toMillis());
        return acceptor.accept();
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), acceptor.getLocalPort());
    }

    static ServerSocket acceptor() {
        try {
            return new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static byte[] handshakeOf(InfoHash infoHash) {
        return handshake(infoHash, OURS);
    }

    static byte[] handshake(InfoHash infoHash, PeerId peerId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(19);
        out.writeBytes("BitTorrent protocol".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(new byte[] {0, 0, 0, 0, 0, 0x10, 0, 0});
        out.writeBytes(infoHash.bytes());
        out.writeBytes(peerId.bytes());
        return out.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
