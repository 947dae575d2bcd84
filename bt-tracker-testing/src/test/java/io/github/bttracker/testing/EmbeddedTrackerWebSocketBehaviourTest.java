package io.github.bttracker.testing;

import static io.github.bttracker.testing.TrackerTestSupport.id;
import static io.github.bttracker.testing.internal.BareWebSocketClient.announce;
import static io.github.bttracker.testing.internal.BareWebSocketClient.answer;
import static io.github.bttracker.testing.internal.BareWebSocketClient.latin1;
import static io.github.bttracker.testing.internal.BareWebSocketClient.withOffers;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.bttracker.testing.internal.BareWebSocketClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EmbeddedTrackerWebSocketBehaviourTest {
    private static final byte[] HASH = id(0x5A);

    private final EmbeddedTracker tracker = EmbeddedTracker.builder().interval(900).wsInterval(60).start();
    private final List<BareWebSocketClient> clients = new ArrayList<>();

    @AfterEach
    void close() {
        clients.forEach(BareWebSocketClient::close);
        tracker.close();
    }

    private BareWebSocketClient connect() {
        BareWebSocketClient client = BareWebSocketClient.connect(tracker.wsAnnounceUrl());
        clients.add(client);
        return client;
    }

    /** The next message's reply, after proving the client had nothing else waiting: the scrape reply comes next. */
    private static JsonNode scrapeReply(BareWebSocketClient client) {
        client.send("{\"action\":\"scrape\",\"info_hash\":[]}");
        return client.receive();
    }

    @Test
    void failureRepliesWithTheReasonAndLeavesTheSwarmAlone() {
        BareWebSocketClient client = connect();
        tracker.ws().enqueue(WebSocketBehaviour.failure("torrent not registered"));
        tracker.ws().enqueue(WebSocketBehaviour.failure("no scrapes today"));

        client.send(announce(HASH, id(1), 10));
        JsonNode failure = client.receive();
        client.send("{\"action\":\"scrape\"}");
        JsonNode scrapeFailure = client.receive();

        assertThat(failure.path("failure reason").asText()).isEqualTo("torrent not registered");
        assertThat(failure.path("action").asText()).isEqualTo("announce");
        assertThat(failure.path("info_hash").asText()).isEqualTo(latin1(HASH));
        assertThat(failure.has("interval")).isFalse();
        assertThat(scrapeFailure.path("failure reason").asText()).isEqualTo("no scrapes today");
        assertThat(scrapeFailure.path("action").asText()).isEqualTo("scrape");
        assertThat(scrapeFailure.has("info_hash")).isFalse();
        assertThat(tracker.peers(HASH)).isEmpty();
        assertThat(tracker.ws().count()).isEqualTo(2);
    }

    @Test
    void dropSendsNothingAndAppliesNothing() {
        BareWebSocketClient offerer = connect();
        BareWebSocketClient other = connect();
        other.send(announce(HASH, id(2), 10));
        other.receive();
        tracker.ws().enqueue(WebSocketBehaviour.drop());

        offerer.send(withOffers(announce(HASH, id(1), 10), List.of("o1")));

        assertThat(scrapeReply(offerer).path("action").asText()).isEqualTo("scrape");
        assertThat(scrapeReply(other).path("action").asText()).as("no offer was forwarded").isEqualTo("scrape");
        assertThat(tracker.peers(HASH)).extracting(Peer::peerId).containsExactly(id(2));
        assertThat(tracker.ws().count()).isEqualTo(4);
    }

    @Test
    void delaySendsEverythingLaterButAppliesAtOnce() {
        BareWebSocketClient first = connect();
        BareWebSocketClient second = connect();
        first.send(announce(HASH, id(1), 10));
        first.receive();
        tracker.ws().enqueue(WebSocketBehaviour.delay(Duration.ofMillis(400)));
        long start = System.nanoTime();

        second.send(withOffers(announce(HASH, id(2), 10), List.of("o1")));
        tracker.ws().take();
        tracker.ws().take();

        // a message is recorded just before it is applied: wait for the swarm, well within the 400 ms delay
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> tracker.peers(HASH).size() == 2);
        assertThat(second.receive().path("incomplete").asInt()).isEqualTo(2);
        assertThat(first.receive().path("offer_id").asText()).isEqualTo("o1");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void delayAppliesToForwardedAnswersToo() {
        BareWebSocketClient first = connect();
        BareWebSocketClient second = connect();
        first.send(announce(HASH, id(1), 10));
        first.receive();
        second.send(withOffers(announce(HASH, id(2), 10), List.of("o1")));
        second.receive();
        first.receive();
        tracker.ws().enqueue(WebSocketBehaviour.delay(Duration.ofMillis(300)));
        long start = System.nanoTime();

        first.send(answer(HASH, id(1), id(2), "o1"));

        assertThat(second.receive().path("answer").path("sdp").asText()).isEqualTo("v=0 answer o1");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void closeConnectionClosesWithoutReplying() {
        BareWebSocketClient client = connect();
        tracker.ws().enqueue(WebSocketBehaviour.closeConnection());

        client.send(announce(HASH, id(1), 10));

        assertThat(client.awaitClosed()).isNotNull();
        assertThat(client.poll(Duration.ZERO)).isNull();
        assertThat(tracker.peers(HASH)).isEmpty();
        assertThat(tracker.ws().take().isAnnounce()).isTrue();
    }

    @Test
    void closeWithSendsACloseFrame() {
        BareWebSocketClient client = connect();
        tracker.ws().enqueue(WebSocketBehaviour.closeWith(1001, "going away"));

        client.send(announce(HASH, id(1), 10));

        assertThat(client.awaitClosed()).isEqualTo("close 1001 going away");
    }

    @Test
    void rawSendsExactlyThatText() {
        BareWebSocketClient client = connect();
        String deep = WebSocketBehaviour.nestedJson(3_000);
        String huge = WebSocketBehaviour.hugeJson(300_000);
        tracker.ws().enqueue(WebSocketBehaviour.raw("{\"action\":\"announce\",\"info_hash\":"));
        tracker.ws().enqueue(WebSocketBehaviour.raw(deep));
        tracker.ws().enqueue(WebSocketBehaviour.raw(huge));

        client.send(announce(HASH, id(1), 10));
        String truncated = client.receiveText();
        client.send(announce(HASH, id(1), 10));
        String deepReceived = client.receiveText();
        client.send(announce(HASH, id(1), 10));
        String hugeReceived = client.receiveText();

        assertThat(truncated).isEqualTo("{\"action\":\"announce\",\"info_hash\":");
        assertThat(deepReceived).isEqualTo(deep).hasSize(6_000);
        assertThat(hugeReceived).isEqualTo(huge).hasSize(300_000);
        assertThat(tracker.peers(HASH)).as("raw replaces the normal handling").isEmpty();
    }

    @Test
    void floodFollowsTheReplyWithJunk() {
        BareWebSocketClient client = connect();
        tracker.ws().enqueue(WebSocketBehaviour.flood(3));

        client.send(announce(HASH, id(1), 10));

        JsonNode reply = client.receive();
        assertThat(reply.path("info_hash").asText()).isEqualTo(latin1(HASH));
        assertThat(reply.path("interval").asInt()).isEqualTo(60);
        for (int i = 0; i < 3; i++) {
            JsonNode junk = client.receive();
            assertThat(junk.path("action").asText()).isEqualTo("announce");
            assertThat(junk.path("info_hash").asText()).hasSize(20).isNotEqualTo(latin1(HASH));
            assertThat(junk.path("info_hash").asText().chars()).allMatch(c -> c <= 0xFF);
            assertThat(junk.path("interval").asInt()).isEqualTo(1);
        }
        assertThat(scrapeReply(client).path("action").asText()).isEqualTo("scrape");
        assertThat(tracker.peers(HASH)).hasSize(1);
    }

    @Test
    void extraFieldsDressTheNormalReply() {
        BareWebSocketClient client = connect();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("trackerid", "T42");
        fields.put("warning message", "slow down");
        fields.put("interval", 5);
        fields.put("flags", Map.of("min_request_interval", 30));
        tracker.ws().enqueue(WebSocketBehaviour.extraFields(fields).and(WebSocketBehaviour.flood(1)));

        client.send(announce(HASH, id(1), 10));

        JsonNode reply = client.receive();
        assertThat(reply.path("trackerid").asText()).isEqualTo("T42");
        assertThat(reply.path("warning message").asText()).isEqualTo("slow down");
        assertThat(reply.path("interval").asInt()).as("replaced").isEqualTo(5);
        assertThat(reply.path("flags").path("min_request_interval").asInt()).isEqualTo(30);
        assertThat(reply.path("incomplete").asInt()).isEqualTo(1);
        assertThat(client.receive().path("interval").asInt()).as("the flood").isEqualTo(1);
        assertThat(tracker.peers(HASH)).hasSize(1);
    }

    @Test
    void behavioursApplyInOrderToTheNextMessagesOnAnyConnection() {
        BareWebSocketClient first = connect();
        BareWebSocketClient second = connect();
        tracker.ws().enqueue(WebSocketBehaviour.failure("first"));
        tracker.ws().enqueue(WebSocketBehaviour.normal());
        tracker.ws().enqueue(WebSocketBehaviour.failure("third"), 2);

        first.send(announce(HASH, id(1), 10));
        assertThat(first.receive().path("failure reason").asText()).isEqualTo("first");
        second.send(announce(HASH, id(2), 10));
        assertThat(second.receive().path("incomplete").asInt()).isEqualTo(1);
        first.send(announce(HASH, id(1), 10));
        assertThat(first.receive().path("failure reason").asText()).isEqualTo("third");
        second.send(announce(HASH, id(2), 10));
        assertThat(second.receive().path("failure reason").asText()).isEqualTo("third");
        first.send(announce(HASH, id(1), 10));
        assertThat(first.receive().path("incomplete").asInt()).isEqualTo(2);
    }
}
