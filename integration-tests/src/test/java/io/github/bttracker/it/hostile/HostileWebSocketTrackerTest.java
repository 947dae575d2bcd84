package io.github.bttracker.it.hostile;

import static io.github.bttracker.it.hostile.HostileOutcomes.DEADLINE;
import static io.github.bttracker.it.hostile.HostileOutcomes.WAIT_SECONDS;
import static io.github.bttracker.it.hostile.HostileOutcomes.accepted;
import static io.github.bttracker.it.hostile.HostileOutcomes.fails;
import static io.github.bttracker.it.hostile.HostileOutcomes.refused;
import static io.github.bttracker.it.hostile.HostileOutcomes.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.bttracker.TrackerClientOptions;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.TrackerException.Kind;
import io.github.bttracker.it.hostile.HostileOutcomes.Expected;
import io.github.bttracker.it.tracker.RecordedMessage;
import io.github.bttracker.it.tracker.WebSocketBehaviour;
import io.github.bttracker.transport.TrackerRuntime;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
 * answering, and {@code close()} returns within a bound.
 */
class HostileWebSocketTrackerTest extends HostileTrackerBase {

    private static final int CAP = TrackerClientOptions.DEFAULT_MAX_RESPONSE_SIZE;
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
            tracker.enqueueWs(hostile.behaviour().get());
            String outcome = HostileOutcomes.observe(url, runtime.announce(url, request(1), DEADLINE),
                    hostile.expected());
            RecordedMessage first = tracker.takeMessage();
            assertThat(first.action()).as("without WebRTC an announce is a scrape").isEqualTo("scrape");
            assertThat(tracker.wsConnectionCount()).as("connections opened").isEqualTo(hostile.connections());

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
        TrackerRuntime patient = TrackerRuntime.create(TrackerClientOptions.builder()
                .readTimeout(Duration.ofSeconds(2)).build());
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
