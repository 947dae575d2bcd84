package io.github.bttracker.webrtc;

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
 * Every announce of a peer carries new offers: once two peers are connected for a torrent, more offers and answers
 * between them open no second connection.
 */
class NativeWebRtcOneConnectionPerPeerTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final InfoHash HASH = InfoHash.fromHex("1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e");
    static final InfoHash OTHER = InfoHash.fromHex("2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f");
    final PeerId idA = PeerId.random("-BW0001-");
    final PeerId idB = PeerId.random("-BW0001-");

    @Test
    void anotherOfferOrAnswerFromAConnectedPeerOpensNoSecondConnection() throws Exception {
        Namespace.trackerAddress();
        List<WebRtcPeer> peersOfA = new CopyOnWriteArrayList<>();
        List<WebRtcPeer> peersOfB = new CopyOnWriteArrayList<>();
        try (NativeWebRtc a = NativeWebRtc.builder().listener(peersOfA::add).build();
                NativeWebRtc b = NativeWebRtc.builder().listener(peersOfB::add).build()) {
            // B offers, A answers: connected
            WebRtc.Offer first = b.createOffers(HASH, 1).get(30, TimeUnit.SECONDS).get(0);
            WebRtc.Signal answer = a.answer(HASH, idB, first.offerId(), first.offer()).get(30, TimeUnit.SECONDS);
            b.answered(HASH, idA, first.offerId(), answer);
            await().atMost(TIMEOUT).until(() -> peersOfA.size() == 1 && peersOfB.size() == 1);

            // B's next announce: A declines its offer
            WebRtc.Offer second = b.createOffers(HASH, 1).get(30, TimeUnit.SECONDS).get(0);
            assertThat(a.answer(HASH, idB, second.offerId(), second.offer()).get(30, TimeUnit.SECONDS))
                    .as("A's answer to a connected peer's offer").isNull();

            // A's next announce, answered by B: the answer closes A's offer
            WebRtc.Offer ofA = a.createOffers(HASH, 1).get(30, TimeUnit.SECONDS).get(0);
            WebRtc.Signal fromB = b.answer(HASH, idA, ofA.offerId(), ofA.offer()).get(30, TimeUnit.SECONDS);
            assertThat(fromB).as("B declines too: it is connected to A").isNull();
            WebRtc.Offer another = a.createOffers(HASH, 1).get(30, TimeUnit.SECONDS).get(0);
            WebRtc.Signal fromC = NativeWebRtcOneConnectionPerPeerTest.answerFromAFreshPeer(another);
            // open with B, and the two offers: ofA waits for an answer that never comes, another gets one from B
            assertThat(a.connectionCount(HASH)).isEqualTo(3);
            a.answered(HASH, idB, another.offerId(), fromC);
            await().atMost(TIMEOUT).until(() -> a.connectionCount(HASH) == 2);

            // the same two peers may connect for another torrent
            WebRtc.Offer forOther = b.createOffers(OTHER, 1).get(30, TimeUnit.SECONDS).get(0);
            assertThat(a.answer(OTHER, idB, forOther.offerId(), forOther.offer()).get(30, TimeUnit.SECONDS))
                    .isNotNull();
            assertThat(peersOfA).hasSize(1);
            assertThat(peersOfB).hasSize(1);
        }
    }

    /** An answer from a third NativeWebRtc that would connect, were it taken. */
    static WebRtc.Signal answerFromAFreshPeer(WebRtc.Offer offer) throws Exception {
        try (NativeWebRtc c = NativeWebRtc.builder().listener(WebRtcPeer::close).build()) {
            return c.answer(HASH, PeerId.random("-BW0001-"), offer.offerId(), offer.offer()).get(30, TimeUnit.SECONDS);
        }
    }
}
