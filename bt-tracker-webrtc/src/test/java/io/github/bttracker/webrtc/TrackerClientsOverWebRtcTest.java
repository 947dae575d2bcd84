package io.github.bttracker.webrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.bttracker.TrackerClient;
import io.github.bttracker.TrackerClientListener;
import io.github.bttracker.TrackerClientOptions;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.it.tracker.EmbeddedTracker;
import io.github.bttracker.transport.TrackerRuntime;
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
 * embedded tracker's WebSocket side and find each other through the offers and answers it relays.
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

        List<WebRtcPeer> peersOfA = new CopyOnWriteArrayList<>();
        ByteArrayOutputStream receivedByA = new ByteArrayOutputStream();
        NativeWebRtc webRtcA = closedAfter(NativeWebRtc.builder().listener(peer -> {
            peer.onData(bytes -> {
                synchronized (receivedByA) {
                    receivedByA.writeBytes(bytes);
                }
            });
            peersOfA.add(peer);
        }).build());
        List<WebRtcPeer> peersOfB = new CopyOnWriteArrayList<>();
        NativeWebRtc webRtcB = closedAfter(NativeWebRtc.builder().listener(peersOfB::add).build());

        PeerId idA = PeerId.random("-BW0001-");
        PeerId idB = PeerId.random("-BW0001-");
        Updates updatesOfA = new Updates();
        TrackerClient a = client(idA, url, webRtcA, updatesOfA);
        a.start();
        // A is in the swarm first: B's announce carries the offers the tracker relays to A, and A answers
        await().atMost(TIMEOUT).until(() -> !updatesOfA.responses.isEmpty());
        TrackerClient b = client(idB, url, webRtcB, new Updates());
        b.start();

        await().atMost(TIMEOUT).until(() -> peersOfA.size() == 1 && peersOfB.size() == 1);
        WebRtcPeer answering = peersOfA.get(0);
        WebRtcPeer offering = peersOfB.get(0);
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
    }

    TrackerClient client(PeerId peerId, String url, NativeWebRtc webRtc, Updates updates) {
        TrackerRuntime runtime = closedAfter(TrackerRuntime.create(TrackerClientOptions.builder()
                .userAgent("webrtc-test/1").webRtc(webRtc).build()));
        TrackerClient client = closedAfter(TrackerClient.builder(HASH, peerId).announce(url).runtime(runtime)
                .build());
        client.addListener(updates);
        return client;
    }

    static final class Updates implements TrackerClientListener {
        final List<AnnounceResponse> responses = new CopyOnWriteArrayList<>();

        @Override
        public void onUpdate(AnnounceResponse response, Optional<Duration> nextAnnounceIn) {
            responses.add(response);
        }
    }
}
