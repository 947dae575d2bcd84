package io.github.bttracker.webrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.bttracker.TrackerClient;
import io.github.bttracker.TrackerClientListener;
import io.github.bttracker.TrackerRuntime;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.it.webtorrent.Namespace;
import io.github.bttracker.options.HttpOptions;
import io.github.bttracker.options.TrackerClientOptions;
import io.github.bttracker.options.WebSocketOptions;
import io.github.bttracker.spi.ConnectedPeer;
import io.github.bttracker.testing.EmbeddedTracker;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two standalone tracker clients, each with its own runtime and {@link NativeWebRtc}, announce one torrent to the
 * embedded tracker's WebSocket side and find each other through the offers and answers it relays: each gets the other
 * as a connected peer ({@link TrackerClientListener#onConnectedPeer}), a duplex byte stream.
 */
class TrackerClientsOverWebRtcTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final InfoHash HASH = InfoHash.fromHex("5b6e43a2c4a0ab4fa23b1f18b3ba09cc8a7d3e21");

    final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    <T extends AutoCloseable> T closedAfter(T resource) {
        resources.add(resource);
        return resource;
    }

    @Test
    void clientsFindEachOtherAndFourMebibytesArriveByteForByte() throws Exception {
        EmbeddedTracker tracker = closedAfter(EmbeddedTracker.builder().bindAddress(Namespace.trackerAddress())
                .start());
        String url = tracker.wsUrl("/announce");

        NativeWebRtc webRtcA = closedAfter(NativeWebRtc.builder().build());
        NativeWebRtc webRtcB = closedAfter(NativeWebRtc.builder().build());

        PeerId idA = PeerId.random("-BW0001-");
        PeerId idB = PeerId.random("-BW0001-");
        Updates updatesOfA = new Updates();
        TrackerClient a = client(idA, url, webRtcA, updatesOfA);
        ByteArrayOutputStream receivedByA = new ByteArrayOutputStream();
        updatesOfA.onData = bytes -> {
            synchronized (receivedByA) {
                receivedByA.writeBytes(bytes);
            }
        };
        a.start();
        // A is in the swarm first: B's announce carries the offers the tracker relays to A, and A answers
        await().atMost(TIMEOUT).until(() -> !updatesOfA.responses.isEmpty());
        Updates updatesOfB = new Updates();
        TrackerClient b = client(idB, url, webRtcB, updatesOfB);
        b.start();

        await().atMost(TIMEOUT).until(() -> !updatesOfA.peers.isEmpty() && !updatesOfB.peers.isEmpty());
        ConnectedPeer answering = updatesOfA.peers.get(0);
        ConnectedPeer offering = updatesOfB.peers.get(0);
        assertThat(answering.infoHash()).isEqualTo(HASH);
        assertThat(answering.remotePeer()).isEqualTo(idB);
        assertThat(offering.infoHash()).isEqualTo(HASH);
        assertThat(offering.remotePeer()).isEqualTo(idA);

        byte[] data = new byte[4 * 1024 * 1024];
        new Random(15).nextBytes(data);
        offering.send(data);
        await().atMost(TIMEOUT).until(() -> {
            synchronized (receivedByA) {
                return receivedByA.size() >= data.length;
            }
        });
        synchronized (receivedByA) {
            assertThat(receivedByA.toByteArray()).isEqualTo(data);
        }

        // destroying a client closes its peers, and the other side sees its own closed
        b.destroy();
        offering.closed().get(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        answering.closed().get(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertThat(offering.isClosed()).isTrue();
        assertThat(answering.isClosed()).isTrue();
        assertThatThrownBy(() -> offering.send(new byte[1])).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void aNativeWebRtcWithAListenerOfItsOwnCannotServeARuntime() {
        NativeWebRtc webRtc = closedAfter(NativeWebRtc.builder().listener(WebRtcPeer::close).build());
        assertThatThrownBy(() -> TrackerRuntime.create(TrackerClientOptions.defaults()
                .withWebSocket(WebSocketOptions.defaults().withWebRtc(webRtc))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("listener set on its builder");
    }

    TrackerClient client(PeerId peerId, String url, NativeWebRtc webRtc, Updates updates) {
        TrackerRuntime runtime = closedAfter(TrackerRuntime.create(TrackerClientOptions.defaults()
                .withHttp(HttpOptions.defaults().withUserAgent("webrtc-test/1"))
                .withWebSocket(WebSocketOptions.defaults().withWebRtc(webRtc))));
        TrackerClient client = closedAfter(TrackerClient.builder(HASH, peerId).announce(url).runtime(runtime)
                .build());
        client.addListener(updates);
        return client;
    }

    static final class Updates implements TrackerClientListener {
        final List<AnnounceResponse> responses = new CopyOnWriteArrayList<>();
        final List<ConnectedPeer> peers = new CopyOnWriteArrayList<>();
        volatile java.util.function.Consumer<byte[]> onData = bytes -> { };

        @Override
        public void onConnectedPeer(ConnectedPeer peer) {
            // on the client's event loop, after the channel opened: what came before waits for the receiver
            peer.onData(onData);
            peers.add(peer);
        }

        @Override
        public void onUpdate(AnnounceResponse response, Optional<Duration> nextAnnounceIn) {
            responses.add(response);
        }
    }
}
