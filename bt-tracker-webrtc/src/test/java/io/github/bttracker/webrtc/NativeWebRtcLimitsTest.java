package io.github.bttracker.webrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.it.webtorrent.Namespace;
import io.github.bttracker.spi.WebRtc;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How many peer connections a {@link NativeWebRtc} keeps, and for how long. */
class NativeWebRtcLimitsTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final InfoHash HASH = InfoHash.fromHex("9a8b7c6d5e4f30211203f4e5d6c7b8a990817263");
    static final InfoHash OTHER = InfoHash.fromHex("1122334455667788990011223344556677889900");

    @Test
    void limitsPerTorrentAndInTotalCountUnansweredOffers() throws Exception {
        Namespace.trackerAddress();
        try (NativeWebRtc offering = NativeWebRtc.builder().maxConnectionsPerTorrent(2).maxConnections(3).build();
                NativeWebRtc answering = NativeWebRtc.builder().build()) {
            assertThat(offering.createOffers(HASH, 5).get(30, TimeUnit.SECONDS)).hasSize(2);
            // the torrent is full: a relayed offer is declined
            WebRtc.Offer offer = answering.createOffers(OTHER, 1).get(30, TimeUnit.SECONDS).get(0);
            assertThat(offering.answer(HASH, PeerId.random("-BW0001-"), offer.offerId(), offer.offer())
                    .get(30, TimeUnit.SECONDS)).isNull();
            // another torrent gets what is left of the total
            assertThat(offering.createOffers(OTHER, 5).get(30, TimeUnit.SECONDS)).hasSize(1);
            assertThat(offering.connectionCount()).isEqualTo(3);
            assertThat(offering.connectionCount(HASH)).isEqualTo(2);
        }
    }

    @Test
    void connectionsWithoutAnOpenDataChannelEndAfterTheOfferLifetime() throws Exception {
        Namespace.trackerAddress();
        try (NativeWebRtc webRtc = NativeWebRtc.builder().offerLifetime(Duration.ofSeconds(1)).build()) {
            List<WebRtc.Offer> offers = webRtc.createOffers(HASH, 2).get(30, TimeUnit.SECONDS);
            assertThat(offers).hasSize(2);
            await().atMost(TIMEOUT).until(() -> webRtc.connectionCount() == 0);
            // an answer to an expired offer finds nothing to apply to
            webRtc.answered(HASH, PeerId.random("-BW0001-"), offers.get(0).offerId(),
                    new WebRtc.Signal("answer", offers.get(0).offer().sdp()));
            assertThat(webRtc.connectionCount()).isZero();
        }
    }

    @Test
    void unusableOffersAreNotAnswered() throws Exception {
        Namespace.trackerAddress();
        try (NativeWebRtc webRtc = NativeWebRtc.builder().build()) {
            PeerId remote = PeerId.random("-BW0001-");
            CompletableFuture<WebRtc.Signal> garbage = webRtc.answer(HASH, remote, "a".repeat(20),
                    new WebRtc.Signal("offer", "this is not SDP"));
            await().atMost(TIMEOUT).until(garbage::isDone);
            assertThat(garbage).satisfiesAnyOf(f -> assertThat(f).isCompletedExceptionally(),
                    f -> assertThat(f).isCompletedWithValue(null));
            assertThat(webRtc.answer(HASH, remote, "b".repeat(20), new WebRtc.Signal("answer", "v=0"))
                    .get(30, TimeUnit.SECONDS)).isNull();
            await().atMost(TIMEOUT).until(() -> webRtc.connectionCount() == 0);
        }
    }
}
