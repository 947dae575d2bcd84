package io.github.bttracker.webrtc;

import static io.github.bttracker.webrtc.ProcessResources.LEAKED_BY_LIBWEBRTC;
import static io.github.bttracker.webrtc.ProcessResources.added;
import static io.github.bttracker.webrtc.ProcessResources.openFileDescriptors;
import static io.github.bttracker.webrtc.ProcessResources.threads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.it.webtorrent.Namespace;
import io.github.bttracker.spi.WebRtc;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 100 peer connections between two {@link NativeWebRtc}s signalling to each other directly, opened and closed ten at
 * a time (an announce carries ten offers): what each leaves behind in the process.
 */
class NativeWebRtcChurnTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final InfoHash HASH = InfoHash.fromHex("c4a1e7d05f3b2a918e7d6c5b4a39281706f5e4d3");
    static final int ROUNDS = 10;
    static final int CONNECTIONS_PER_ROUND = 10;
    /** File descriptors the JVM itself may open meanwhile (a jar, a class file); one per connection is far more. */
    static final int FD_SLACK = 10;

    final PeerId idA = PeerId.random("-BW0001-");
    final PeerId idB = PeerId.random("-BW0001-");
    final List<WebRtcPeer> peersOfA = new CopyOnWriteArrayList<>();
    final List<WebRtcPeer> peersOfB = new CopyOnWriteArrayList<>();

    @Test
    void hundredConnectionsOpenedAndClosedGiveTheirThreadsAndFileDescriptorsBack() throws Exception {
        Namespace.trackerAddress();
        List<String> threadsBefore = threads();
        int fdsBefore = openFileDescriptors();
        NativeWebRtc a = NativeWebRtc.builder().listener(peersOfA::add).build();
        NativeWebRtc b = NativeWebRtc.builder().listener(peersOfB::add).build();
        try {
            // libwebrtc starts its network threads and sockets with the first connection, and keeps them
            openAndClose(a, b, 1);
            List<String> threadsWarm = threads();
            int fdsWarm = openFileDescriptors();

            for (int round = 0; round < ROUNDS; round++) {
                openAndClose(a, b, CONNECTIONS_PER_ROUND);
            }

            assertThat(peersOfA).hasSize(1 + ROUNDS * CONNECTIONS_PER_ROUND);
            assertThat(peersOfB).hasSize(1 + ROUNDS * CONNECTIONS_PER_ROUND);
            // same thread, so that no Awaitility thread is counted
            await().atMost(TIMEOUT).pollInSameThread().untilAsserted(() -> {
                assertThat(added(threadsWarm, threads())).as("threads after one connection: %s", threadsWarm)
                        .isEmpty();
                assertThat(openFileDescriptors()).as("open file descriptors after one connection")
                        .isLessThanOrEqualTo(fdsWarm + FD_SLACK);
            });
        } finally {
            a.close();
            b.close();
        }
        await().atMost(TIMEOUT).pollInSameThread().untilAsserted(() -> {
            assertThat(added(threadsBefore, threads())).as("threads before: %s", threadsBefore)
                    .allMatch(LEAKED_BY_LIBWEBRTC::contains).hasSizeLessThanOrEqualTo(2 * 2);
            assertThat(openFileDescriptors()).as("open file descriptors before")
                    .isLessThanOrEqualTo(fdsBefore + FD_SLACK);
        });
    }

    /** Opens {@code count} connections from A to B, waits for their data channels, closes them from A. */
    void openAndClose(NativeWebRtc a, NativeWebRtc b, int count) throws Exception {
        int openedBefore = peersOfA.size();
        List<WebRtc.Offer> offers = a.createOffers(HASH, count).get(30, TimeUnit.SECONDS);
        assertThat(offers).hasSize(count);
        for (WebRtc.Offer offer : offers) {
            // a peer of its own each time, as in a swarm: a second connection with one peer would be refused
            WebRtc.Signal answer = b.answer(HASH, PeerId.random("-BW0001-"), offer.offerId(), offer.offer())
                    .get(30, TimeUnit.SECONDS);
            assertThat(answer).isNotNull();
            a.answered(HASH, PeerId.random("-BW0001-"), offer.offerId(), answer);
        }
        await().atMost(TIMEOUT).until(() -> peersOfA.size() == openedBefore + count
                && peersOfB.size() == openedBefore + count);
        assertThat(a.connectionCount()).isEqualTo(count);
        assertThat(b.connectionCount()).isEqualTo(count);

        peersOfA.subList(openedBefore, openedBefore + count).forEach(WebRtcPeer::close);

        await().atMost(TIMEOUT).until(() -> a.connectionCount() == 0 && b.connectionCount() == 0);
        assertThat(peersOfA.subList(openedBefore, peersOfA.size()))
                .allSatisfy(peer -> assertThat(peer.closed()).isCompleted());
        await().atMost(TIMEOUT).until(() -> peersOfB.subList(openedBefore, peersOfB.size()).stream()
                .allMatch(peer -> peer.closed().isDone()));
    }
}
