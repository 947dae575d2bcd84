package io.github.bttracker.webrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.it.webtorrent.Namespace;
import io.github.bttracker.spi.WebRtc;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What peers on a WebSocket tracker can relay to a {@link NativeWebRtc}, signalling to it directly (the tracker's
 * part done by the test, without the plugin's own rate limits): descriptions that are not SDP or are broken SDP, a
 * flood of offers, answers to offers never sent, offers beyond the limits. Each stays within the limits, and
 * afterwards a real peer still connects and moves bytes.
 */
class NativeWebRtcHostileSignallingTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final InfoHash HASH = InfoHash.fromHex("de4dbeef00c0ffee1234567890abcdef01234567");
    static final InfoHash OTHER = InfoHash.fromHex("0badf00d0badf00d0badf00d0badf00d0badf00d");
    static final InfoHash THIRD = InfoHash.fromHex("3333333333333333333333333333333333333333");
    static final int PER_TORRENT = 4;
    static final int IN_TOTAL = 6;
    static final int FLOOD = 100_000;
    /** Short, so that what the hostile signalling left open ends within the test. */
    static final Duration LIFETIME = Duration.ofSeconds(4);

    final Random random = new Random(15);
    final PeerId hostileId = PeerId.random("-XX0001-");
    final PeerId targetId = PeerId.random("-BW0001-");
    final PeerId otherId = PeerId.random("-BW0001-");
    final Peers peersOfTarget = new Peers();
    final Peers peersOfOther = new Peers();

    @Test
    void garbageDescriptionsInRelayedOffersAndAnswersOpenNothingAndARealPairStillConnects() throws Exception {
        Namespace.trackerAddress();
        try (NativeWebRtc target = NativeWebRtc.builder().offerLifetime(LIFETIME).listener(peersOfTarget).build();
                NativeWebRtc other = NativeWebRtc.builder().listener(peersOfOther).build()) {
            WebRtc.Offer realOffer = other.createOffers(HASH, 1).get(30, TimeUnit.SECONDS).get(0);
            List<String> garbageOffers = garbage(realOffer.offer().sdp());
            List<CompletableFuture<WebRtc.Signal>> answers = new ArrayList<>();
            for (String sdp : garbageOffers) {
                answers.add(target.answer(HASH, hostileId, offerId(), new WebRtc.Signal("offer", sdp)));
            }
            await().atMost(TIMEOUT).until(() -> answers.stream().allMatch(CompletableFuture::isDone));

            List<WebRtc.Offer> offers = target.createOffers(OTHER, garbageOffers.size()).get(30, TimeUnit.SECONDS);
            assertThat(offers).hasSize(garbageOffers.size());
            WebRtc.Signal realAnswer = other.answer(OTHER, targetId, offers.get(0).offerId(), offers.get(0).offer())
                    .get(30, TimeUnit.SECONDS);
            List<String> garbageAnswers = garbage(realAnswer.sdp());
            for (int i = 0; i < garbageAnswers.size(); i++) {
                target.answered(OTHER, hostileId, offers.get(i).offerId(), new WebRtc.Signal("answer",
                        garbageAnswers.get(i)));
            }

            // refused at once, or (SDP that parses but connects to nothing) ended by the offer lifetime
            await().atMost(TIMEOUT).until(() -> target.connectionCount() == 0);
            assertThat(peersOfTarget.opened).isEmpty();

            connectAndExchange(other, peersOfOther, target, peersOfTarget, HASH);
            connectAndExchange(target, peersOfTarget, other, peersOfOther, HASH);
        }
    }

    @Test
    void offerFloodNeverHoldsMoreConnectionsThanTheLimitAndARealPairStillConnects() throws Exception {
        Namespace.trackerAddress();
        try (NativeWebRtc target = NativeWebRtc.builder().maxConnectionsPerTorrent(PER_TORRENT)
                .offerLifetime(LIFETIME).listener(peersOfTarget).build();
                NativeWebRtc other = NativeWebRtc.builder().listener(peersOfOther).build()) {
            // one real offer relayed 100,000 times, under as many offer ids and peer ids
            WebRtc.Signal realOffer = other.createOffers(HASH, 1).get(30, TimeUnit.SECONDS).get(0).offer();
            AtomicInteger most = new AtomicInteger();
            List<CompletableFuture<WebRtc.Signal>> answers = new ArrayList<>(FLOOD);
            for (int i = 0; i < FLOOD; i++) {
                answers.add(target.answer(HASH, PeerId.random("-XX0001-"), offerId(), realOffer));
                most.accumulateAndGet(target.connectionCount(HASH), Math::max);
            }
            await().atMost(TIMEOUT).until(() -> {
                most.accumulateAndGet(target.connectionCount(HASH), Math::max);
                return answers.stream().allMatch(CompletableFuture::isDone);
            });

            assertThat(most.get()).isLessThanOrEqualTo(PER_TORRENT);
            long answered = answers.stream().filter(f -> !f.isCompletedExceptionally() && f.join() != null).count();
            // the first ones found room; the rest were declined while those waited for a data channel (on a slow
            // machine, a few more once those reached their lifetime)
            assertThat(answered).isBetween(1L, (long) FLOOD / 10);
            assertThat(peersOfTarget.opened).isEmpty();

            await().atMost(TIMEOUT).until(() -> target.connectionCount() == 0);
            connectAndExchange(other, peersOfOther, target, peersOfTarget, HASH);
        }
    }

    @Test
    void offersBeyondTheLimitsAndAnswersToOffersNeverSentChangeNothing() throws Exception {
        Namespace.trackerAddress();
        try (NativeWebRtc target = NativeWebRtc.builder().maxConnectionsPerTorrent(PER_TORRENT)
                .maxConnections(IN_TOTAL).listener(peersOfTarget).build();
                NativeWebRtc other = NativeWebRtc.builder().listener(peersOfOther).build()) {
            // the target's own offers take all of HASH's room, and the rest of the total goes to OTHER
            List<WebRtc.Offer> offersOfHash = target.createOffers(HASH, 10).get(30, TimeUnit.SECONDS);
            assertThat(offersOfHash).hasSize(PER_TORRENT);
            List<WebRtc.Offer> offersOfOther = target.createOffers(OTHER, 10).get(30, TimeUnit.SECONDS);
            assertThat(offersOfOther).hasSize(IN_TOTAL - PER_TORRENT);

            WebRtc.Signal realOffer = other.createOffers(HASH, 1).get(30, TimeUnit.SECONDS).get(0).offer();
            List<CompletableFuture<WebRtc.Signal>> declined = new ArrayList<>();
            for (int i = 0; i < FLOOD; i++) {
                // a full torrent, and a torrent with room of its own when there is none left in total
                declined.add(target.answer(i % 2 == 0 ? HASH : THIRD, PeerId.random("-XX0001-"), offerId(),
                        realOffer));
            }
            await().atMost(TIMEOUT).until(() -> declined.stream().allMatch(CompletableFuture::isDone));
            assertThat(declined).allSatisfy(f -> assertThat(f).isCompletedWithValue(null));

            // answers to ids never sent, and to a real offer's id relayed for another torrent
            WebRtc.Offer answerable = offersOfHash.get(0);
            WebRtc.Signal realAnswer = other.answer(HASH, targetId, answerable.offerId(), answerable.offer())
                    .get(30, TimeUnit.SECONDS);
            for (int i = 0; i < 1000; i++) {
                target.answered(HASH, hostileId, offerId(), realAnswer);
            }
            target.answered(OTHER, hostileId, answerable.offerId(), realAnswer);
            target.answered(THIRD, hostileId, answerable.offerId(), realAnswer);
            // the target's thread has handled all of the above once a later call comes back
            assertThat(target.createOffers(THIRD, 1).get(30, TimeUnit.SECONDS)).isEmpty();
            assertThat(target.connectionCount()).isEqualTo(IN_TOTAL);
            assertThat(target.connectionCount(HASH)).isEqualTo(PER_TORRENT);
            assertThat(peersOfTarget.opened).isEmpty();

            // the real answer to that offer still connects
            target.answered(HASH, otherId, answerable.offerId(), realAnswer);
            await().atMost(TIMEOUT).until(() -> peersOfTarget.opened.size() == 1 && peersOfOther.opened.size() == 1);
            exchange(peersOfTarget.opened.get(0), peersOfOther.opened.get(0));
            assertThat(target.connectionCount()).isEqualTo(IN_TOTAL);
        }
    }

    /** Descriptions that are not SDP, and {@code sdp} broken in ways a peer could send. */
    List<String> garbage(String sdp) {
        byte[] noise = new byte[4096];
        random.nextBytes(noise);
        String noiseText = new String(noise, StandardCharsets.ISO_8859_1);
        return List.of(
                "",
                "this is not SDP",
                "v=0",
                "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n",
                noiseText,
                "v=0\r\n" + "a=x\r\n".repeat(200_000),
                sdp.substring(0, sdp.length() / 2),
                sdp.replaceAll("a=fingerprint:.*\r\n", ""),
                sdp.replaceAll("a=fingerprint:sha-256 ..", "a=fingerprint:sha-256 00"),
                sdp.replaceAll("a=ice-ufrag:.*\r\n", ""),
                sdp.replace("m=application 9 UDP/DTLS/SCTP webrtc-datachannel", "m=application 9 RTP/AVP 0"),
                sdp.replace("m=application", "m=audio"),
                sdp.replaceAll("a=sctp-port:\\d+", "a=sctp-port:99999999999"),
                sdp.replaceAll("a=max-message-size:\\d+", "a=max-message-size:-1"),
                sdp.replaceAll("a=candidate:(\\S+) (\\S+) udp (\\S+) \\S+ \\d+",
                        "a=candidate:$1 $2 udp $3 999.1.1 70000"),
                sdp.replace("\r\n", "\n"),
                sdp.replace("\r\n", "\r\n\0"),
                sdp.lines().map(line -> line.substring(0, line.length() / 2)).collect(Collectors.joining("\r\n")),
                sdp + noiseText);
    }

    /** An offer id as WebTorrent's: 20 characters U+0000-U+00FF. */
    String offerId() {
        byte[] id = new byte[20];
        random.nextBytes(id);
        return new String(id, StandardCharsets.ISO_8859_1);
    }

    /** A real offer from {@code offering}, answered by {@code answering}: both get a peer, bytes go both ways. */
    void connectAndExchange(NativeWebRtc offering, Peers peersOfOffering, NativeWebRtc answering,
            Peers peersOfAnswering, InfoHash infoHash) throws Exception {
        int offeringBefore = peersOfOffering.opened.size();
        int answeringBefore = peersOfAnswering.opened.size();
        List<WebRtc.Offer> offers = offering.createOffers(infoHash, 1).get(30, TimeUnit.SECONDS);
        assertThat(offers).hasSize(1);
        WebRtc.Signal answer = answering.answer(infoHash, targetId, offers.get(0).offerId(), offers.get(0).offer())
                .get(30, TimeUnit.SECONDS);
        assertThat(answer).isNotNull();
        offering.answered(infoHash, otherId, offers.get(0).offerId(), answer);
        await().atMost(TIMEOUT).until(() -> peersOfOffering.opened.size() == offeringBefore + 1
                && peersOfAnswering.opened.size() == answeringBefore + 1);
        exchange(peersOfOffering.opened.get(offeringBefore), peersOfAnswering.opened.get(answeringBefore));
    }

    /** 256 KiB each way between two connected peers, arriving byte for byte. */
    void exchange(Connected one, Connected two) throws Exception {
        byte[] toTwo = new byte[256 * 1024];
        random.nextBytes(toTwo);
        byte[] toOne = new byte[256 * 1024];
        random.nextBytes(toOne);
        one.peer().send(toTwo);
        two.peer().send(toOne);
        await().atMost(TIMEOUT).until(() -> two.receivedBytes().length >= toTwo.length
                && one.receivedBytes().length >= toOne.length);
        assertThat(two.receivedBytes()).isEqualTo(toTwo);
        assertThat(one.receivedBytes()).isEqualTo(toOne);
    }

    /** Keeps the peers a {@link NativeWebRtc} hands out, each with what it received. */
    static final class Peers implements WebRtcPeerListener {
        final List<Connected> opened = new CopyOnWriteArrayList<>();

        @Override
        public void onPeer(WebRtcPeer peer) {
            Connected connected = new Connected(peer, new ByteArrayOutputStream());
            peer.onData(message -> {
                synchronized (connected.received) {
                    connected.received.writeBytes(message);
                }
            });
            opened.add(connected);
        }
    }

    record Connected(WebRtcPeer peer, ByteArrayOutputStream received) {
        byte[] receivedBytes() {
            synchronized (received) {
                return received.toByteArray();
            }
        }
    }
}
