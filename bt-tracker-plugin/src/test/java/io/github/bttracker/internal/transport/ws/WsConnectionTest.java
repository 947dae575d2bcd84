package io.github.bttracker.internal.transport.ws;

import static io.github.bttracker.internal.transport.ws.EmbeddedConnector.written;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bttracker.core.AnnounceEvent;
import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.core.TrackerException;
import io.github.bttracker.options.ConnectionOptions;
import io.github.bttracker.options.HttpOptions;
import io.github.bttracker.options.SafetyOptions;
import io.github.bttracker.options.WebSocketOptions;
import io.github.bttracker.spi.WebRtc;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The connection's requests and swarms over its link, with embedded channels and a clock the test advances. */
class WsConnectionTest {

    static final String URL = "ws://tracker.example:8000/announce";
    static final InfoHash A = InfoHash.fromHex("00017f80ff0102030405060708090a0b0c0d0e0f");
    static final InfoHash B = InfoHash.fromHex("1111111111111111111111111111111111111111");
    static final PeerId US = PeerId.fromHex("2d5757303030312d00ff112233445566778899aa");
    static final PeerId THEM = PeerId.fromHex("2d5757303030312d0000000000000000000000ff");
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    final ObjectMapper json = new ObjectMapper();
    final RecordingWebRtc webRtc = new RecordingWebRtc();
    final ManualScheduler clock = new ManualScheduler();
    final EmbeddedConnector tracker = new EmbeddedConnector();
    final WsConnection connection = new WsConnection(URL, URI.create(URL), new WsSettings(ConnectionOptions.defaults(),
            HttpOptions.defaults(), WebSocketOptions.defaults().withWebRtc(webRtc), SafetyOptions.defaults()),
            new WsMessages(1024 * 1024), clock, tracker, () -> { });

    /** A WebRTC side that makes no offers of its own, answers every offer and records what reaches it. */
    static final class RecordingWebRtc implements WebRtc {
        final List<String> offersAnswered = new ArrayList<>();
        final List<String> answersTaken = new ArrayList<>();

        @Override
        public CompletableFuture<List<Offer>> createOffers(InfoHash infoHash, int count) {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public CompletableFuture<Signal> answer(InfoHash infoHash, PeerId remotePeer, String offerId, Signal offer) {
            offersAnswered.add(offerId);
            return CompletableFuture.completedFuture(new Signal("answer", "v=0 answer to " + offerId));
        }

        @Override
        public void answered(InfoHash infoHash, PeerId remotePeer, String offerId, Signal answer) {
            answersTaken.add(offerId);
        }
    }

    private CompletableFuture<AnnounceResponse> announce(InfoHash hash, AnnounceEvent event) {
        return announce(hash, event, List.of());
    }

    private CompletableFuture<AnnounceResponse> announce(InfoHash hash, AnnounceEvent event,
                                                         List<WebRtc.Offer> offers) {
        CompletableFuture<AnnounceResponse> result = new CompletableFuture<>();
        connection.announce(AnnounceRequest.builder(hash, US, 6881).event(event).numWant(5).build(), offers,
                result, TIMEOUT);
        return result;
    }

    /** A message relayed from another peer of torrent A: {@code kind} is "offer" or "answer". */
    private void relay(EmbeddedChannel ch, String kind, String offerId) throws Exception {
        ch.writeInbound(new TextWebSocketFrame(json.writeValueAsString(Map.of("action", "announce",
                "info_hash", A.toLatin1(), "peer_id", THEM.toLatin1(), "offer_id", offerId,
                kind, Map.of("type", kind, "sdp", "v=0")))));
    }

    private void reply(EmbeddedChannel ch, InfoHash hash) throws Exception {
        ch.writeInbound(new TextWebSocketFrame(json.writeValueAsString(Map.of("action", "announce",
                "info_hash", hash.toLatin1(), "interval", 120, "complete", 1, "incomplete", 2))));
    }

    private List<JsonNode> parsed(List<String> texts) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String t : texts) {
            nodes.add(json.readTree(t));
        }
        return nodes;
    }

    @Test
    void reconnectReannouncesEveryJoinedTorrent() throws Exception {
        CompletableFuture<AnnounceResponse> a = announce(A, AnnounceEvent.STARTED);
        CompletableFuture<AnnounceResponse> b = announce(B, AnnounceEvent.NONE);
        EmbeddedChannel first = tracker.accept();
        assertThat(written(first)).hasSize(2);
        reply(first, A);
        reply(first, B);
        assertThat(a).isCompletedWithValueMatching(r -> r.complete().orElse(-1) == 1);
        assertThat(b).isCompleted();

        first.close();
        clock.advance(Duration.ofSeconds(2));
        EmbeddedChannel second = tracker.accept();
        clock.runSoon();

        List<JsonNode> rejoined = parsed(written(second));
        assertThat(rejoined).extracting(m -> m.get("info_hash").asText())
                .containsExactlyInAnyOrder(A.toLatin1(), B.toLatin1());
        assertThat(rejoined).allSatisfy(m -> {
            assertThat(m.get("action").asText()).isEqualTo("announce");
            assertThat(m.get("event").asText()).isEqualTo("started");
        });
    }

    @Test
    void stoppedTorrentIsNotReannounced() throws Exception {
        announce(A, AnnounceEvent.STARTED);
        EmbeddedChannel first = tracker.accept();
        reply(first, A);
        CompletableFuture<AnnounceResponse> stopped = announce(A, AnnounceEvent.STOPPED);
        reply(first, A);
        assertThat(stopped).isCompleted();
        written(first);

        first.close();
        clock.advance(Duration.ofMinutes(2));

        assertThat(tracker.attempts()).as("nothing joined, nothing waiting: no reconnect").isEqualTo(1);
    }

    @Test
    void unansweredAnnounceGoesOutAgainOnTheNextConnection() throws Exception {
        CompletableFuture<AnnounceResponse> a = announce(A, AnnounceEvent.STARTED);
        EmbeddedChannel first = tracker.accept();
        List<String> sent = written(first);

        first.close();
        clock.advance(Duration.ofSeconds(2));
        EmbeddedChannel second = tracker.accept();
        clock.runSoon();

        assertThat(written(second)).isEqualTo(sent);
        reply(second, A);
        assertThat(a).isCompleted();
    }

    @Test
    void announceWaitingForAConnectionThatCannotBeSetUpFailsAtOnceWithTheCause() {
        tracker.refusal = new ConnectException("Connection refused");

        CompletableFuture<AnnounceResponse> a = announce(A, AnnounceEvent.STARTED);

        assertThat(a).isCompletedExceptionally();
        assertThat(a.handle((r, e) -> e).join()).isInstanceOfSatisfying(TrackerException.class,
                e -> assertThat(e.kind()).isEqualTo(TrackerException.Kind.CONNECT));
    }

    @Test
    void unansweredAnnounceTimesOutAtItsDeadline() {
        CompletableFuture<AnnounceResponse> a = announce(A, AnnounceEvent.STARTED);
        tracker.accept();

        clock.advance(TIMEOUT.minusMillis(1));
        assertThat(a).isNotDone();
        clock.advance(Duration.ofMillis(1));

        assertThat(a.handle((r, e) -> e).join()).isInstanceOfSatisfying(TrackerException.class,
                e -> assertThat(e.kind()).isEqualTo(TrackerException.Kind.TIMEOUT));
    }

    @Test
    void relayedOffersAreAnsweredAtMostTenPerTorrentEveryTenSeconds() throws Exception {
        announce(A, AnnounceEvent.STARTED);
        EmbeddedChannel ch = tracker.accept();
        reply(ch, A);
        written(ch);

        for (int i = 0; i < 15; i++) {
            relay(ch, "offer", "offer " + i);
        }
        clock.runSoon();
        assertThat(webRtc.offersAnswered).hasSize(10);
        assertThat(parsed(written(ch))).hasSize(10).allSatisfy(m -> {
            assertThat(m.get("answer").get("sdp").asText()).startsWith("v=0 answer to offer ");
            assertThat(m.get("to_peer_id").asText()).isEqualTo(THEM.toLatin1());
        });

        clock.advance(Duration.ofSeconds(10));
        relay(ch, "offer", "offer 15");
        clock.runSoon();
        assertThat(webRtc.offersAnswered).hasSize(11).endsWith("offer 15");
    }

    @Test
    void relayedAnswerReachesWebRtcOnlyForOurRecentOfferAndOnlyOnce() throws Exception {
        WebRtc.Signal sdp = new WebRtc.Signal("offer", "v=0");
        announce(A, AnnounceEvent.STARTED, List.of(new WebRtc.Offer("ours 1", sdp), new WebRtc.Offer("ours 2", sdp)));
        EmbeddedChannel ch = tracker.accept();
        reply(ch, A);

        relay(ch, "answer", "not ours");
        relay(ch, "answer", "ours 1");
        relay(ch, "answer", "ours 1");
        clock.advance(Duration.ofSeconds(50));
        relay(ch, "answer", "ours 2");

        assertThat(webRtc.answersTaken).containsExactly("ours 1");
    }
}
