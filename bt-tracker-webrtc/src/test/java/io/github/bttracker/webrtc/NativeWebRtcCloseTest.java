package io.github.bttracker.webrtc;

import static io.github.bttracker.webrtc.ProcessResources.LEAKED_BY_LIBWEBRTC;
import static io.github.bttracker.webrtc.ProcessResources.added;
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
 * Two {@link NativeWebRtc}s signalling to each other directly (the tracker's part done by the test): what close
 * leaves behind.
 */
class NativeWebRtcCloseTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final InfoHash HASH = InfoHash.fromHex("0c1d4f1a3b7a8e55a9e1b2c3d4e5f60718293a4b");

    @Test
    void closeLeavesNoPeerConnectionAndGivesTheThreadsBack() throws Exception {
        Namespace.trackerAddress();
        List<String> threadsBefore = threads();
        List<WebRtcPeer> peersOfA = new CopyOnWriteArrayList<>();
        List<WebRtcPeer> peersOfB = new CopyOnWriteArrayList<>();
        NativeWebRtc a = NativeWebRtc.builder().listener(peersOfA::add).build();
        NativeWebRtc b = NativeWebRtc.builder().listener(peersOfB::add).build();
        try {
            PeerId idA = PeerId.random("-BW0001-");
            PeerId idB = PeerId.random("-BW0001-");
            List<WebRtc.Offer> offers = a.createOffers(HASH, 3).get(30, TimeUnit.SECONDS);
            assertThat(offers).hasSize(3);
            assertThat(offers).allSatisfy(offer -> assertThat(offer.offer().sdp()).contains("a=candidate"));
            WebRtc.Offer first = offers.get(0);
            WebRtc.Signal answer = b.answer(HASH, idA, first.offerId(), first.offer()).get(30, TimeUnit.SECONDS);
            assertThat(answer.type()).isEqualTo("answer");
            a.answered(HASH, idB, first.offerId(), answer);
            await().atMost(TIMEOUT).until(() -> peersOfA.size() == 1 && peersOfB.size() == 1);
            // one open connection each, and A's two offers nobody answered
            assertThat(a.connectionCount()).isEqualTo(3);
            assertThat(b.connectionCount(HASH)).isEqualTo(1);

            a.close();

            assertThat(a.connectionCount()).isZero();
            assertThat(peersOfA.get(0).closed()).isCompleted();
            assertThat(peersOfA.get(0).isClosed()).isTrue();
            // the other side sees its channel close, and closes that connection
            await().atMost(TIMEOUT).until(() -> peersOfB.get(0).closed().isDone());
            await().atMost(TIMEOUT).until(() -> b.connectionCount() == 0);
            // once closed, no more offers and no answers
            assertThat(a.createOffers(HASH, 2).get(30, TimeUnit.SECONDS)).isEmpty();
            assertThat(a.answer(HASH, idB, "x".repeat(20), first.offer()).get(30, TimeUnit.SECONDS)).isNull();
        } finally {
            a.close();
            b.close();
        }
        // libwebrtc's threads end with its factory, but for two idle ones of its audio device module, which
        // webrtc-java 0.14.0 never ends (measured: whatever the order of disposal); same thread, so that no
        // Awaitility thread is counted
        await().atMost(TIMEOUT).pollInSameThread().untilAsserted(() ->
                assertThat(added(threadsBefore, threads())).as("threads before: %s", threadsBefore)
                        .allMatch(LEAKED_BY_LIBWEBRTC::contains).hasSizeLessThanOrEqualTo(2 * 2));
    }
}
