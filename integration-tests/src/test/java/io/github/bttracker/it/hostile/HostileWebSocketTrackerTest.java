package io.github.bttracker.it.hostile;

import static io.github.bttracker.it.hostile.HostileOutcomes.DEADLINE;
import static io.github.bttracker.it.hostile.HostileOutcomes.WAIT_SECONDS;
import static io.github.bttracker.it.hostile.HostileOutcomes.accepted;
import static io.github.bttracker.it.hostile.HostileOutcomes.fails;
import static io.github.bttracker.it.hostile.HostileOutcomes.refused;
import static io.github.bttracker.it.hostile.HostileOutcomes.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.bttracker.TrackerRuntime;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.core.TrackerException.Kind;
import io.github.bttracker.it.hostile.HostileOutcomes.Expected;
import io.github.bttracker.options.HttpOptions;
import io.github.bttracker.options.SafetyOptions;
import io.github.bttracker.options.TrackerClientOptions;
import io.github.bttracker.options.WebSocketOptions;
import io.github.bttracker.spi.WebRtc;
import io.github.bttracker.testing.RecordedMessage;
import io.github.bttracker.testing.WebSocketBehaviour;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A hostile WebSocket (WebTorrent) tracker, over the wire. The runtime has no WebRTC implementation, so an
 * announce is a scrape of the torrent (README): the hostile behaviour answers that scrape message.
 *
 * <p>What the client documents (README, WsConnection): JSON is read with nesting, string and number limits, and
 * garbage is dropped (the request then times out within its deadline); an oversized message drops the connection,
 * and a closed connection is reconnected after about a second, the requests that were sent but not answered going
 * out again on the new connection; replies for torrents nobody asked about are ignored; a {@code failure reason}
 * to the scrape is the announce's refusal.
 *
 * <p>Frame by frame ({@link FrameLevelWebSocketServer}): a ping flood, read or not, and a message that never ends
 * close the connection; meanwhile the other WebSocket tracker on the same runtime (the embedded one) keeps
 * answering, and {@code close()} returns within a bound. Tracker ids of torrents nobody announced are not
 * kept; with a {@link WebRtc}, a flood of relayed offers is answered only up to the cap, and answers to offers this
 * client never sent are dropped.
 */
class HostileWebSocketTrackerTest extends HostileTrackerBase {

    private static final int CAP = SafetyOptions.DEFAULT_MAX_RESPONSE_SIZE;
    @RegisterExtension
    static final HostileOutcomes OUTCOMES = new HostileOutcomes("WebSocket");

    /**
     * One hostile reply, built when its case runs so that no case holds another's text, and the number of
     * connections the client must have opened by the time the request is decided: 1 if it kept its connection, 2
     * if it reconnected.
     */
    record HostileMessage(String name, Supplier<WebSocketBehaviour> behaviour, Expected expected, int connections) {
    }

    static Stream<Arguments> hostileMessages() {
        return Stream.of(
                hostile("message of maxResponseSize + 1 bytes",
                        () -> WebSocketBehaviour.raw(WebSocketBehaviour.hugeJson(CAP + 1)),
                        accepted("connection dropped, the request re-sent on a new connection and answered",
                                HostileWebSocketTrackerTest::counts), 2),
                hostile("not JSON", () -> WebSocketBehaviour.raw("not json"),
                        fails(Kind.TIMEOUT, "no answer within " + DEADLINE.toMillis() + " ms"), 1),
                hostile("JSON nested 100,000 deep",
                        () -> WebSocketBehaviour.raw(WebSocketBehaviour.nestedJson(100_000)),
                        fails(Kind.TIMEOUT, "no answer within " + DEADLINE.toMillis() + " ms"), 1),
                hostile("flood of 10,000 replies for unknown torrents after the reply",
                        () -> WebSocketBehaviour.flood(10_000),
                        accepted("the reply taken, the flood ignored", HostileWebSocketTrackerTest::counts), 1),
                hostile("failure reason", () -> WebSocketBehaviour.failure("torrent banned"),
                        refused("the tracker refused the scrape: torrent banned"), 1),
                hostile("connection closed mid-request (no close frame)", WebSocketBehaviour::closeConnection,
                        accepted("reconnected, the request re-sent and answered",
                                HostileWebSocketTrackerTest::counts), 2),
                hostile("connection closed mid-request (close frame 1011)",
                        () -> WebSocketBehaviour.closeWith(1011, "internal error"),
                        accepted("reconnected, the request re-sent and answered",
                                HostileWebSocketTrackerTest::counts), 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileMessages")
    void aHostileMessageFailsOrIsSurvivedAndTheNextAnnounceWorks(HostileMessage hostile) throws Exception {
        String url = tracker.wsAnnounceUrl();
        OUTCOMES.run(hostile.name(), () -> {
            tracker.ws().enqueue(hostile.behaviour().get());
            String outcome = HostileOutcomes.observe(url, runtime.announce(url, request(1), DEADLINE),
                    hostile.expected());
            RecordedMessage first = tracker.ws().take();
            assertThat(first.action()).as("without WebRTC an announce is a scrape").isEqualTo("scrape");
            assertThat(tracker.ws().connectionCount()).as("connections opened").isEqualTo(hostile.connections());

            AnnounceResponse next = runtime.announce(url, request(2), DEADLINE).get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(next.isSuccess()).as("the next announce after %s", hostile.name()).isTrue();
            counts(next);
            return outcome;
        });
    }

    /** A tracker that pings back to back: of empty pings, or of the largest a control frame can carry. */
    enum PingFlood {
        EMPTY_PINGS_NEVER_READING_THE_PONGS(0, false),
        PINGS_OF_125_BYTES_NEVER_READING_THE_PONGS(125, false),
        EMPTY_PINGS_READING_THE_PONGS(0, true),
        PINGS_OF_125_BYTES_READING_THE_PONGS(125, true);

        final int payload;
        final boolean reads;

        PingFlood(int payload, boolean reads) {
            this.payload = payload;
            this.reads = reads;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PingFlood.class)
    void aPingFloodClosesTheFloodingConnectionAndOtherTrackersKeepAnswering(PingFlood flood) throws Exception {
        try (FrameLevelWebSocketServer hostile = new FrameLevelWebSocketServer((ch, text) -> {
            ch.config().setAutoRead(flood.reads);
            FrameLevelWebSocketServer.flood(ch,
                    () -> new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[flood.payload])), -1);
        })) {
            CompletableFuture<AnnounceResponse> flooded = runtime.announce(hostile.url(), request(1), DEADLINE);

            await("the flooding connection closed by the client").atMost(BOUND)
                    .until(() -> hostile.opened() >= 1 && hostile.closed() >= 1);
            theOtherWebSocketTrackerAnswers();
            decidedWithinItsDeadline(flooded);
            closesWithinBound(runtime);
        }
    }

    @Test
    void trackerIdsOfTorrentsNobodyAnnouncedAreNotKept() throws Exception {
        // 100 replies of 900 KB tracker ids: 90 MB if they were all kept, in a 64 MiB heap
        String trackerId = "i".repeat(900 * 1024);
        AtomicInteger sent = new AtomicInteger();
        try (FrameLevelWebSocketServer hostile = new FrameLevelWebSocketServer((ch, text) -> {
            ch.writeAndFlush(new TextWebSocketFrame("{\"action\":\"scrape\",\"files\":{}}"));
            if (sent.get() == 0) {
                FrameLevelWebSocketServer.flood(ch, () -> {
                    sent.incrementAndGet();
                    return new TextWebSocketFrame(json.createObjectNode().put("action", "announce")
                            .put("info_hash", randomLatin1()).put("interval", 120)
                            .put("tracker id", trackerId).toString());
                }, 100);
            }
        })) {
            AnnounceResponse first = runtime.announce(hostile.url(), request(1), DEADLINE)
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(first.isSuccess()).isTrue();
            await("the client read all 100 replies").atMost(Duration.ofSeconds(60)).until(() -> sent.get() >= 100);

            AnnounceResponse next = runtime.announce(hostile.url(), request(2), DEADLINE)
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(next.isSuccess()).as("the next announce to the same tracker").isTrue();
            theOtherWebSocketTrackerAnswers();
            assertThat(hostile.opened()).as("connections opened: the one connection survived").isEqualTo(1);
        }
    }

    @Test
    void anEndlessMessageOfEmptyContinuationFramesClosesTheConnection() throws Exception {
        try (FrameLevelWebSocketServer hostile = new FrameLevelWebSocketServer((ch, text) -> {
            ch.writeAndFlush(new TextWebSocketFrame(false, 0, "{"));
            FrameLevelWebSocketServer.flood(ch,
                    () -> new ContinuationWebSocketFrame(false, 0, Unpooled.EMPTY_BUFFER), -1);
        })) {
            CompletableFuture<AnnounceResponse> endless = runtime.announce(hostile.url(), request(1), DEADLINE);

            await("the connection closed by the client").atMost(BOUND)
                    .until(() -> hostile.opened() >= 1 && hostile.closed() >= 1);
            theOtherWebSocketTrackerAnswers();
            decidedWithinItsDeadline(endless);
            closesWithinBound(runtime);
        }
    }

    @Test
    void aMessageDrippingContinuationFramesThatNeverEndsClosesTheConnectionAfterTheReadTimeout() throws Exception {
        TrackerRuntime patient = TrackerRuntime.create(TrackerClientOptions.defaults()
                .withHttp(HttpOptions.defaults().withReadTimeout(Duration.ofSeconds(2))));
        try (FrameLevelWebSocketServer hostile = new FrameLevelWebSocketServer((ch, text) -> {
            ch.writeAndFlush(new TextWebSocketFrame(false, 0, "{"));
            ch.eventLoop().scheduleAtFixedRate(() -> {
                if (ch.isActive()) {
                    ch.writeAndFlush(new ContinuationWebSocketFrame(false, 0, Unpooled.EMPTY_BUFFER));
                }
            }, 50, 50, TimeUnit.MILLISECONDS);
        })) {
            patient.announce(hostile.url(), request(1), Duration.ofSeconds(30));

            await("the connection closed by the client").atMost(BOUND)
                    .until(() -> hostile.opened() >= 1 && hostile.closed() >= 1);
            closesWithinBound(patient);
        } finally {
            patient.close();
        }
    }

    @Test
    void aFloodOfRelayedOffersIsAnsweredOnlyUpToTheCapAndCloseStaysBounded() throws Exception {
        CountingWebRtc webRtc = new CountingWebRtc();
        TrackerRuntime joining = TrackerRuntime.create(TrackerClientOptions.defaults()
                .withWebSocket(WebSocketOptions.defaults().withWebRtc(webRtc)));
        int offers = 100_000;
        AtomicInteger sent = new AtomicInteger();
        try (FrameLevelWebSocketServer hostile = new FrameLevelWebSocketServer((ch, text) -> {
            String infoHash = infoHashOf(text);
            ch.writeAndFlush(new TextWebSocketFrame(announceReply(infoHash)));
            ch.config().setAutoRead(false); // the answers are never read
            FrameLevelWebSocketServer.flood(ch, () -> {
                sent.incrementAndGet();
                ObjectNode offer = json.createObjectNode().put("action", "announce").put("info_hash", infoHash)
                        .put("peer_id", randomLatin1()).put("offer_id", randomLatin1());
                offer.putObject("offer").put("type", "offer").put("sdp", "v=0 hostile offer");
                return new TextWebSocketFrame(offer.toString());
            }, offers);
        })) {
            AnnounceResponse joined = joining.announce(hostile.url(), request(1), DEADLINE)
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(joined.isSuccess()).isTrue();
            await("the client read all " + offers + " offers").atMost(Duration.ofSeconds(60))
                    .until(() -> sent.get() >= offers);

            assertThat(webRtc.answers.get()).as("offers answered of %s relayed", offers).isBetween(1, 100);
            AnnounceResponse other = joining.announce(tracker.wsAnnounceUrl(), request(2), DEADLINE)
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(other.isSuccess()).as("another WebSocket tracker on the same runtime").isTrue();
            closesWithinBound(joining);
        } finally {
            joining.close();
        }
    }

    @Test
    void answersToOffersThisClientNeverSentAreDropped() throws Exception {
        CountingWebRtc webRtc = new CountingWebRtc();
        TrackerRuntime joining = TrackerRuntime.create(TrackerClientOptions.defaults()
                .withWebSocket(WebSocketOptions.defaults().withWebRtc(webRtc)));
        int strays = 1_000;
        try (FrameLevelWebSocketServer hostile = new FrameLevelWebSocketServer((ch, text) -> {
            String infoHash = infoHashOf(text);
            String ourOffer = firstOfferIdOf(text);
            ch.writeAndFlush(new TextWebSocketFrame(announceReply(infoHash)));
            AtomicInteger n = new AtomicInteger();
            FrameLevelWebSocketServer.flood(ch, () -> {
                // a thousand answers to offer ids nobody sent, then the answer to the client's own first offer
                String offerId = n.incrementAndGet() <= strays ? randomLatin1() : ourOffer;
                ObjectNode answer = json.createObjectNode().put("action", "announce").put("info_hash", infoHash)
                        .put("peer_id", randomLatin1()).put("offer_id", offerId);
                answer.putObject("answer").put("type", "answer").put("sdp", "v=0 answer");
                return new TextWebSocketFrame(answer.toString());
            }, strays + 1);
        })) {
            joining.announce(hostile.url(), request(1), DEADLINE).get(WAIT_SECONDS, TimeUnit.SECONDS);

            await("the answer to our own offer").atMost(BOUND).until(() -> !webRtc.answered.isEmpty());
            assertThat(webRtc.answered).as("answers handed to WebRtc.answered").containsExactly(webRtc.firstOfferId());
        } finally {
            joining.close();
        }
    }

    @Test
    void offersForTorrentsThisClientHasNotJoinedAreDropped() throws Exception {
        CountingWebRtc webRtc = new CountingWebRtc();
        TrackerRuntime joining = TrackerRuntime.create(TrackerClientOptions.defaults()
                .withWebSocket(WebSocketOptions.defaults().withWebRtc(webRtc)));
        int strays = 1_000;
        java.util.concurrent.atomic.AtomicBoolean flooded = new java.util.concurrent.atomic.AtomicBoolean();
        try (FrameLevelWebSocketServer hostile = new FrameLevelWebSocketServer((ch, text) -> {
            if (flooded.getAndSet(true)) {
                return; // the client's answer
            }
            String joined = infoHashOf(text);
            ch.writeAndFlush(new TextWebSocketFrame(announceReply(joined)));
            AtomicInteger n = new AtomicInteger();
            FrameLevelWebSocketServer.flood(ch, () -> {
                // a thousand offers for torrents the client never announced, then one for the torrent it joined
                String infoHash = n.incrementAndGet() <= strays ? randomLatin1() : joined;
                ObjectNode offer = json.createObjectNode().put("action", "announce").put("info_hash", infoHash)
                        .put("peer_id", randomLatin1()).put("offer_id", randomLatin1());
                offer.putObject("offer").put("type", "offer").put("sdp", "v=0 offer");
                return new TextWebSocketFrame(offer.toString());
            }, strays + 1);
        })) {
            io.github.bttracker.core.AnnounceRequest request = request(1);
            joining.announce(hostile.url(), request, DEADLINE).get(WAIT_SECONDS, TimeUnit.SECONDS);

            // the offers come in order on one connection: once the last is answered, the others were handled
            await("the offer for the joined torrent").atMost(BOUND).until(() -> webRtc.answers.get() >= 1);
            assertThat(webRtc.answeredFor).as("torrents whose relayed offers went to WebRtc.answer")
                    .containsExactly(request.infoHash());
        } finally {
            joining.close();
        }
    }

    /** A WebRTC implementation that counts: offers named offer-1, offer-2..., every relayed offer answered. */
    private static final class CountingWebRtc implements WebRtc {
        final AtomicInteger answers = new AtomicInteger();
        final Queue<String> answered = new ConcurrentLinkedQueue<>();
        final Queue<InfoHash> answeredFor = new ConcurrentLinkedQueue<>();
        private final AtomicInteger offers = new AtomicInteger();

        @Override
        public CompletableFuture<List<Offer>> createOffers(InfoHash infoHash, int count) {
            List<Offer> list = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                list.add(new Offer(offerId(offers.incrementAndGet()), new Signal("offer", "v=0 our offer")));
            }
            return CompletableFuture.completedFuture(list);
        }

        @Override
        public CompletableFuture<Signal> answer(InfoHash infoHash, PeerId remotePeer, String offerId, Signal offer) {
            answeredFor.add(infoHash);
            answers.incrementAndGet();
            return CompletableFuture.completedFuture(new Signal("answer", "v=0 our answer " + "a".repeat(200)));
        }

        @Override
        public void answered(InfoHash infoHash, PeerId remotePeer, String offerId, Signal answer) {
            answered.add(offerId);
        }

        String firstOfferId() {
            return offerId(1);
        }

        private static String offerId(int n) {
            return String.format("%-20s", "offer-" + n);
        }
    }

    private static final ObjectMapper json = new ObjectMapper();
    private static final Duration BOUND = Duration.ofSeconds(10);

    /** Another WebSocket tracker on the same runtime, the embedded one, still answers. */
    private void theOtherWebSocketTrackerAnswers() throws Exception {
        AnnounceResponse response = runtime.announce(tracker.wsAnnounceUrl(), request(7), DEADLINE)
                .get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(response.isSuccess()).as("an announce to another WebSocket tracker on the same runtime").isTrue();
    }

    /** The request to the hostile tracker succeeded or failed, but within its deadline, not hanging. */
    private static void decidedWithinItsDeadline(CompletableFuture<AnnounceResponse> request) {
        await("the request to the hostile tracker decided").atMost(BOUND).until(request::isDone);
    }

    /** {@code close()} returns within a bound, however the tracker behaves. */
    private static void closesWithinBound(TrackerRuntime closing) {
        CompletableFuture<Void> closed = CompletableFuture.runAsync(closing::close);
        await("close() returning").atMost(Duration.ofSeconds(5)).until(closed::isDone);
    }

    private static String announceReply(String infoHash) {
        return json.createObjectNode().put("action", "announce").put("info_hash", infoHash).put("interval", 120)
                .put("complete", 0).put("incomplete", 1).toString();
    }

    private static String infoHashOf(String message) {
        try {
            return json.readTree(message).path("info_hash").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String firstOfferIdOf(String message) {
        try {
            return json.readTree(message).path("offers").path(0).path("offer_id").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** 20 random characters U+0000-U+00FF: an info hash, peer id or offer id as the protocol writes them. */
    private static String randomLatin1() {
        byte[] bytes = new byte[20];
        ThreadLocalRandom.current().nextBytes(bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** A scrape's answer for a torrent nobody is in: no seeders, no leechers, no peers. */
    private static void counts(AnnounceResponse response) {
        assertThat(response.complete()).hasValue(0);
        assertThat(response.incomplete()).hasValue(0);
        assertThat(response.peers()).isEmpty();
    }

    private static Arguments hostile(String name, Supplier<WebSocketBehaviour> behaviour, Expected expected,
            int connections) {
        return Arguments.of(Named.of(name, new HostileMessage(name, behaviour, expected, connections)));
    }
}
