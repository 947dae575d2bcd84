package io.github.bttracker.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bttracker.MemoryPeer;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.internal.transport.ConnectedPeers;
import io.github.bttracker.options.TrackerClientOptions;
import io.github.bttracker.options.WebSocketOptions;
import io.github.bttracker.spi.ConnectedPeer;
import io.github.bttracker.spi.WebRtc;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How a runtime routes the peers its WebRTC implementation connects: to the sink registered for their torrent, else
 * to the runtime-wide one, else closed; and how it closes them.
 */
class ConnectedPeersTest {

    static final InfoHash ONE = InfoHash.fromHex("1111111111111111111111111111111111111111");
    static final InfoHash TWO = InfoHash.fromHex("2222222222222222222222222222222222222222");

    final PeerSource webRtc = new PeerSource();
    final TransportRuntime runtime = TransportRuntime.create(TrackerClientOptions.defaults()
            .withWebSocket(WebSocketOptions.defaults().withWebRtc(webRtc)));

    @AfterEach
    void close() {
        runtime.close();
    }

    @Test
    void aPeerGoesToTheSinkOfItsTorrentElseToTheFallbackElseItIsClosed() {
        List<ConnectedPeer> ofOne = new CopyOnWriteArrayList<>();
        List<ConnectedPeer> others = new CopyOnWriteArrayList<>();
        runtime.connectedPeers().register(ONE, ofOne::add);

        MemoryPeer unrouted = webRtc.connect(TWO);
        assertThat(unrouted.isClosed()).as("no sink for its torrent, and no fallback").isTrue();

        runtime.connectedPeers().fallback(others::add);
        MemoryPeer one = webRtc.connect(ONE);
        MemoryPeer two = webRtc.connect(TWO);
        assertThat(ofOne).containsExactly(one);
        assertThat(others).containsExactly(two);
        assertThat(runtime.connectedPeers().count(ONE)).isEqualTo(1);
        assertThat(runtime.connectedPeers().count()).isEqualTo(2);

        two.close();
        assertThat(runtime.connectedPeers().count()).as("a closed peer is forgotten").isEqualTo(1);
    }

    @Test
    void closingARegistrationClosesItsTorrentsPeersOnly() {
        List<ConnectedPeer> any = new CopyOnWriteArrayList<>();
        ConnectedPeers.Registration one = runtime.connectedPeers().register(ONE, any::add);
        runtime.connectedPeers().register(TWO, any::add);
        MemoryPeer first = webRtc.connect(ONE);
        MemoryPeer second = webRtc.connect(TWO);

        one.close();
        assertThat(first.isClosed()).isTrue();
        assertThat(second.isClosed()).isFalse();
        assertThat(webRtc.connect(ONE).isClosed()).as("a later peer of that torrent").isTrue();
    }

    @Test
    void aSinkThatThrowsClosesThePeer() {
        runtime.connectedPeers().register(ONE, peer -> {
            throw new IllegalStateException("boom");
        });
        assertThat(webRtc.connect(ONE).isClosed()).isTrue();
        assertThat(runtime.connectedPeers().count()).isZero();
    }

    @Test
    void closingTheRuntimeClosesEveryPeerAndTheOnesThatComeLater() {
        runtime.connectedPeers().fallback(peer -> { });
        MemoryPeer open = webRtc.connect(ONE);
        runtime.close();
        assertThat(open.isClosed()).isTrue();
        assertThat(webRtc.connect(TWO).isClosed()).isTrue();
    }

    @Test
    void aWebRtcServesOneRuntime() {
        assertThatThrownBy(() -> TransportRuntime.create(TrackerClientOptions.defaults()
                .withWebSocket(WebSocketOptions.defaults().withWebRtc(webRtc))))
                .isInstanceOf(IllegalStateException.class);
    }

    /** A WebRTC implementation whose peers are in memory, connected when the test says. */
    static final class PeerSource implements WebRtc {
        private volatile Consumer<ConnectedPeer> sink;

        MemoryPeer connect(InfoHash infoHash) {
            MemoryPeer peer = new MemoryPeer(infoHash, PeerId.random("-WW0300-"));
            sink.accept(peer);
            return peer;
        }

        @Override
        public synchronized void connectedPeers(Consumer<ConnectedPeer> sink) {
            if (this.sink != null) {
                throw new IllegalStateException("taken");
            }
            this.sink = sink;
        }

        @Override
        public CompletableFuture<List<Offer>> createOffers(InfoHash infoHash, int count) {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public CompletableFuture<Signal> answer(InfoHash infoHash, PeerId remotePeer, String offerId, Signal offer) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void answered(InfoHash infoHash, PeerId remotePeer, String offerId, Signal answer) {
        }
    }
}
