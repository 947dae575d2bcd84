package io.github.bttracker.testing;

import static io.github.bttracker.testing.TrackerTestSupport.announceQuery;
import static io.github.bttracker.testing.TrackerTestSupport.compactPeers;
import static io.github.bttracker.testing.TrackerTestSupport.get;
import static io.github.bttracker.testing.TrackerTestSupport.id;
import static io.github.bttracker.testing.TrackerTestSupport.loopback;
import static io.github.bttracker.testing.internal.BareWebSocketClient.JSON;
import static io.github.bttracker.testing.internal.BareWebSocketClient.announce;
import static io.github.bttracker.testing.internal.BareWebSocketClient.answer;
import static io.github.bttracker.testing.internal.BareWebSocketClient.latin1;
import static io.github.bttracker.testing.internal.BareWebSocketClient.withOffers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.bttracker.testing.internal.BareWebSocketClient;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EmbeddedTrackerWebSocketTest {
    private static final byte[] HASH = id(0x55);

    private final EmbeddedTracker tracker = EmbeddedTracker.builder().interval(900).start();
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

    /** Announces and returns the reply. */
    private static JsonNode announced(BareWebSocketClient client, ObjectNode announce) {
        client.send(announce);
        return client.receive();
    }

    /** Proves that nothing else reached {@code client} before: the next message is the reply to a scrape. */
    private static void assertNothingElseReceived(BareWebSocketClient client) {
        client.send("{\"action\":\"scrape\",\"info_hash\":[]}");
        assertThat(client.receive().path("action").asText()).isEqualTo("scrape");
    }

    @Test
    void listensOnAPortOfItsOwn() {
        assertThat(tracker.wsPort()).isPositive().isNotEqualTo(tracker.port());
        assertThat(tracker.wsAnnounceUrl()).isEqualTo("ws://127.0.0.1:" + tracker.wsPort());
        assertThat(tracker.wsUrl("/announce")).isEqualTo("ws://127.0.0.1:" + tracker.wsPort() + "/announce");
        assertThat(tracker.toString()).contains(tracker.wsAnnounceUrl());

        // every path upgrades
        BareWebSocketClient onPath = BareWebSocketClient.connect(tracker.wsUrl("/announce?passkey=abc"));
        clients.add(onPath);
        assertThat(announced(onPath, announce(HASH, id(1), 5)).path("incomplete").asInt()).isEqualTo(1);
    }

    @Test
    void announceRepliesWithCountsAndInterval() {
        BareWebSocketClient seed = connect();
        BareWebSocketClient leecher = connect();

        JsonNode first = announced(seed, announce(HASH, id(1), 0).put("event", "started"));
        tracker.setWsInterval(120);
        JsonNode second = announced(leecher, announce(HASH, id(2), 100).put("event", "started"));

        assertThat(first.path("action").asText()).isEqualTo("announce");
        assertThat(first.path("info_hash").asText()).isEqualTo(latin1(HASH));
        assertThat(first.path("interval").asInt()).as("the tracker's interval until set").isEqualTo(900);
        assertThat(first.path("complete").asInt()).isEqualTo(1);
        assertThat(first.path("incomplete").asInt()).isZero();
        assertThat(second.path("interval").asInt()).isEqualTo(120);
        assertThat(second.path("complete").asInt()).isEqualTo(1);
        assertThat(second.path("incomplete").asInt()).isEqualTo(1);
        assertThat(second.has("peers")).as("WebSocket replies list no peers").isFalse();
        assertThat(tracker.wsInterval()).isEqualTo(120);
        assertThat(tracker.interval()).isEqualTo(900);
        assertThat(tracker.peers(HASH)).extracting(Peer::peerId).containsExactly(id(1), id(2));
        assertThat(tracker.wsPeers(HASH)).allSatisfy(peer -> {
            assertThat(peer.port()).isZero();
            assertThat(peer.ip()).isEqualTo(InetAddress.getLoopbackAddress());
        });
        assertThat(tracker.scrapeCounts(HASH)).isEqualTo(new ScrapeCounts(1, 1, 0));
    }

    @Test
    void recordsEveryMessage() {
        BareWebSocketClient client = connect();
        ObjectNode message = withOffers(announce(HASH, id(7), 42).put("event", "completed").put("uploaded", 3)
                .put("downloaded", 4).put("trackerid", "T1"), List.of("offer-one", "offer-two"));
        message.put("numwant", 9);
        announced(client, message);

        RecordedMessage recorded = tracker.ws().take();

        assertThat(recorded.isWellFormed()).isTrue();
        assertThat(recorded.problem()).isEmpty();
        assertThat(recorded.action()).isEqualTo("announce");
        assertThat(recorded.isAnnounce()).isTrue();
        assertThat(recorded.isAnswer()).isFalse();
        assertThat(recorded.infoHashes()).singleElement().isEqualTo(HASH);
        assertThat(recorded.infoHashHex()).contains(Ids.hex(HASH));
        assertThat(recorded.peerId()).hasValueSatisfying(peerId -> assertThat(peerId).isEqualTo(id(7)));
        assertThat(recorded.event()).contains("completed");
        assertThat(recorded.announceEvent()).isEqualTo(AnnounceEvent.COMPLETED);
        assertThat(recorded.offerCount()).isEqualTo(2);
        assertThat(recorded.offerIds()).extracting(BareWebSocketClient::latin1).containsExactly("offer-one", "offer-two");
        assertThat(recorded.numWant()).hasValue(9);
        assertThat(recorded.left()).hasValue(42);
        assertThat(recorded.uploaded()).hasValue(3);
        assertThat(recorded.downloaded()).hasValue(4);
        assertThat(recorded.trackerId()).contains("T1");
        assertThat(recorded.toPeerId()).isEmpty();
        assertThat(recorded.offerId()).isEmpty();
        assertThat(recorded.connectionIndex()).isZero();
        assertThat(recorded.sequenceNumber()).isZero();
        assertThat(recorded.remoteAddress().getAddress()).isEqualTo(InetAddress.getLoopbackAddress());
        assertThat(recorded.json()).hasValueSatisfying(json -> assertThat(json.path("left").asLong()).isEqualTo(42));
        assertThat(recorded.text()).contains("\"offer-one\"");
        assertThat(tracker.ws().count()).isEqualTo(1);
        assertThat(tracker.ws().connectionCount()).isEqualTo(1);
        assertThat(tracker.ws().openConnections()).isEqualTo(1);
        assertThat(tracker.ws().poll()).isNull();
        assertThat(tracker.ws().poll(Duration.ofMillis(50))).isNull();
        assertThat(tracker.scrapeCounts(HASH).downloaded()).isEqualTo(1);
    }

    @Test
    void offerGoesToTheOtherPeerAndTheAnswerComesBack() {
        BareWebSocketClient first = connect();
        BareWebSocketClient second = connect();
        announced(first, announce(HASH, id(1), 10).put("event", "started"));

        JsonNode secondReply = announced(second,
                withOffers(announce(HASH, id(2), 10).put("event", "started"), List.of("offer-A")));

        assertThat(secondReply.path("incomplete").asInt()).isEqualTo(2);
        JsonNode offer = first.receive();
        assertThat(offer.path("action").asText()).isEqualTo("announce");
        assertThat(offer.path("info_hash").asText()).isEqualTo(latin1(HASH));
        assertThat(offer.path("peer_id").asText()).isEqualTo(latin1(id(2)));
        assertThat(offer.path("offer_id").asText()).isEqualTo("offer-A");
        assertThat(offer.path("offer")).isEqualTo(JSON.createObjectNode().put("type", "offer")
                .put("sdp", "v=0 offer offer-A"));

        first.send(answer(HASH, id(1), id(2), "offer-A"));

        JsonNode answer = second.receive();
        assertThat(answer.path("action").asText()).isEqualTo("announce");
        assertThat(answer.path("info_hash").asText()).isEqualTo(latin1(HASH));
        assertThat(answer.path("peer_id").asText()).isEqualTo(latin1(id(1)));
        assertThat(answer.path("offer_id").asText()).isEqualTo("offer-A");
        assertThat(answer.path("answer").path("type").asText()).isEqualTo("answer");
        assertThat(answer.has("to_peer_id")).isFalse();
        assertNothingElseReceived(first);
        assertNothingElseReceived(second);
        tracker.ws().take();
        tracker.ws().take();
        RecordedMessage recordedAnswer = tracker.ws().take();
        assertThat(recordedAnswer.isAnswer()).isTrue();
        assertThat(recordedAnswer.toPeerId()).hasValueSatisfying(to -> assertThat(to).isEqualTo(id(2)));
        assertThat(recordedAnswer.offerId()).hasValueSatisfying(offerId ->
                assertThat(latin1(offerId)).isEqualTo("offer-A"));
        assertThat(recordedAnswer.connectionIndex()).isZero();
        assertThat(recordedAnswer.sequenceNumber()).isEqualTo(1);
        assertThat(tracker.scrapeCounts(HASH).incomplete()).as("an answer does not join anyone").isEqualTo(2);
    }

    @Test
    void offersGoOneEachToOtherWebSocketPeersUpToNumWant() {
        BareWebSocketClient a = connect();
        BareWebSocketClient b = connect();
        BareWebSocketClient c = connect();
        BareWebSocketClient d = connect();
        announced(a, announce(HASH, id(1), 10));
        announced(b, announce(HASH, id(2), 10));
        announced(c, announce(HASH, id(3), 10));
        // an HTTP peer in the same swarm gets no offer and is not offered to
        get(TrackerTestSupport.newClient(), tracker.httpUrl("/announce" + announceQuery(HASH, id(9), 6889, 5, "")));

        ObjectNode offers = withOffers(announce(HASH, id(4), 10), List.of("o1", "o2", "o3"));
        offers.put("numwant", 2);
        JsonNode reply = announced(d, offers);

        assertThat(reply.path("incomplete").asInt()).isEqualTo(5);
        assertThat(a.receive().path("offer_id").asText()).isEqualTo("o1");
        assertThat(b.receive().path("offer_id").asText()).isEqualTo("o2");
        assertNothingElseReceived(c);
        assertNothingElseReceived(d);
    }

    @Test
    void webSocketAndHttpPeersAreNotHandedToEachOther() {
        BareWebSocketClient client = connect();
        announced(client, announce(HASH, id(1), 10));

        Map<String, Object> http = Bdecode.dictionary(get(TrackerTestSupport.newClient(),
                tracker.httpUrl("/announce" + announceQuery(HASH, id(2), 6882, 5, "&compact=1"))).body());

        assertThat(compactPeers((byte[]) http.get("peers"), 4)).isEmpty();
        assertThat(((Number) http.get("incomplete")).intValue()).isEqualTo(2);
        JsonNode again = announced(client, withOffers(announce(HASH, id(1), 10), List.of("o1")));
        assertThat(again.path("incomplete").asInt()).isEqualTo(2);
        assertNothingElseReceived(client);
        assertThat(compactPeers((byte[]) Bdecode.dictionary(get(TrackerTestSupport.newClient(),
                tracker.httpUrl("/announce" + announceQuery(HASH, id(3), 6883, 5, "&compact=1"))).body())
                .get("peers"), 4)).containsExactly(loopback(6882));
    }

    @Test
    void stoppedRemovesThePeer() {
        BareWebSocketClient first = connect();
        BareWebSocketClient second = connect();
        BareWebSocketClient third = connect();
        announced(first, announce(HASH, id(1), 10));
        announced(second, announce(HASH, id(2), 10));

        JsonNode stopped = announced(second, announce(HASH, id(2), 10).put("event", "stopped"));

        assertThat(stopped.path("incomplete").asInt()).isEqualTo(1);
        assertThat(tracker.peers(HASH)).extracting(Peer::peerId).containsExactly(id(1));
        announced(third, withOffers(announce(HASH, id(3), 10), List.of("o1", "o2")));
        assertThat(first.receive().path("offer_id").asText()).isEqualTo("o1");
        assertNothingElseReceived(second);
    }

    @Test
    void closingTheConnectionRemovesItsPeers() {
        BareWebSocketClient leaving = connect();
        announced(leaving, announce(HASH, id(1), 10));
        announced(leaving, announce(id(0x56), id(1), 10));
        BareWebSocketClient staying = connect();
        announced(staying, announce(HASH, id(2), 10));

        leaving.close();

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> tracker.ws().openConnections() == 1);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> tracker.peers(HASH).size() == 1);
        assertThat(tracker.peers(HASH)).extracting(Peer::peerId).containsExactly(id(2));
        assertThat(tracker.peers(id(0x56))).isEmpty();
    }

    @Test
    void scrapesOneSeveralOrEveryTorrent() {
        BareWebSocketClient client = connect();
        byte[] other = id(0x66);
        byte[] unknown = id(0x77);
        announced(client, announce(HASH, id(1), 0).put("event", "completed"));
        announced(client, announce(other, id(1), 10));

        client.send("{\"action\":\"scrape\",\"info_hash\":\"" + latin1(HASH) + "\"}");
        JsonNode one = client.receive();
        client.send(JSON.createObjectNode().put("action", "scrape").set("info_hash",
                JSON.createArrayNode().add(latin1(other)).add(latin1(unknown))));
        JsonNode several = client.receive();
        client.send("{\"action\":\"scrape\"}");
        JsonNode every = client.receive();

        assertThat(one.path("action").asText()).isEqualTo("scrape");
        assertThat(fileNames(one)).containsExactly(latin1(HASH));
        assertThat(one.path("files").path(latin1(HASH))).isEqualTo(JSON.createObjectNode()
                .put("complete", 1).put("incomplete", 0).put("downloaded", 1));
        assertThat(fileNames(several)).containsExactly(latin1(other), latin1(unknown));
        assertThat(several.path("files").path(latin1(other)).path("incomplete").asInt()).isEqualTo(1);
        assertThat(several.path("files").path(latin1(unknown)).path("complete").asInt()).isZero();
        assertThat(fileNames(every)).containsExactlyInAnyOrder(latin1(HASH), latin1(other));
        assertThat(tracker.ws().take().isAnnounce()).isTrue();
        tracker.ws().take();
        RecordedMessage recordedScrape = tracker.ws().take();
        assertThat(recordedScrape.isScrape()).isTrue();
        assertThat(recordedScrape.infoHashes()).singleElement().isEqualTo(HASH);
        assertThat(tracker.ws().take().infoHashes()).containsExactly(other, unknown);
        assertThat(tracker.ws().take().infoHashes()).isEmpty();
    }

    private static List<String> fileNames(JsonNode scrape) {
        List<String> names = new ArrayList<>();
        scrape.path("files").fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void answersMalformedMessagesWithAFailureAndKeepsTheConnection() {
        BareWebSocketClient client = connect();

        client.send("{not json");
        JsonNode notJson = client.receive();
        client.send("[1,2]");
        JsonNode notAnObject = client.receive();
        client.send("{\"action\":\"dance\"}");
        JsonNode unknownAction = client.receive();
        ObjectNode noPeerId = announce(HASH, id(1), 10);
        noPeerId.remove("peer_id");
        client.send(noPeerId);
        JsonNode missingPeerId = client.receive();
        client.send(announce(HASH, id(1), 10).put("info_hash", "too short"));
        JsonNode shortInfoHash = client.receive();
        client.send(announce(HASH, id(1), 10).put("offers", "not a list"));
        JsonNode badOffers = client.receive();
        ObjectNode answerWithoutTo = answer(HASH, id(1), id(2), "o1");
        answerWithoutTo.remove("to_peer_id");
        client.send(answerWithoutTo);
        JsonNode badAnswer = client.receive();
        client.send("{\"action\":\"scrape\",\"info_hash\":[\"short\"]}");
        JsonNode badScrape = client.receive();
        client.send(WebSocketBehaviour.nestedJson(5_000));
        JsonNode tooDeep = client.receive();

        assertThat(notJson.path("failure reason").asText()).startsWith("invalid JSON");
        assertThat(notJson.has("action")).isFalse();
        assertThat(notAnObject.path("failure reason").asText()).contains("not a JSON object");
        assertThat(unknownAction.path("failure reason").asText()).contains("invalid action");
        assertThat(missingPeerId.path("failure reason").asText()).isEqualTo("invalid peer_id");
        assertThat(missingPeerId.path("action").asText()).isEqualTo("announce");
        assertThat(missingPeerId.path("info_hash").asText()).isEqualTo(latin1(HASH));
        assertThat(shortInfoHash.path("failure reason").asText()).isEqualTo("invalid info_hash");
        assertThat(shortInfoHash.has("info_hash")).isFalse();
        assertThat(badOffers.path("failure reason").asText()).startsWith("invalid offers");
        assertThat(badAnswer.path("failure reason").asText()).contains("to_peer_id");
        assertThat(badScrape.path("failure reason").asText()).isEqualTo("invalid info_hash");
        assertThat(badScrape.path("action").asText()).isEqualTo("scrape");
        assertThat(tooDeep.path("failure reason").asText()).startsWith("invalid JSON");
        assertThat(tracker.peers(HASH)).isEmpty();
        assertThat(tracker.ws().take().problem()).hasValueSatisfying(problem ->
                assertThat(problem).startsWith("invalid JSON"));
        assertThat(announced(client, announce(HASH, id(1), 10)).path("incomplete").asInt()).isEqualTo(1);
        assertThat(client.isClosed()).isFalse();
        assertThat(tracker.ws().connectionCount()).isEqualTo(1);
    }

    @Test
    void idsRoundTripEveryByteValue() {
        byte[] infoHash = id(0x41);
        infoHash[0] = 0x00;
        infoHash[1] = 0x7F;
        infoHash[2] = (byte) 0x80;
        infoHash[3] = (byte) 0xFF;
        infoHash[4] = '"';
        infoHash[5] = '\\';
        byte[] peerId = id(0x42);
        peerId[19] = (byte) 0xFF;
        peerId[0] = 0x0A;
        BareWebSocketClient first = connect();
        BareWebSocketClient second = connect();
        announced(first, announce(infoHash, peerId, 10));

        JsonNode reply = announced(second, withOffers(announce(infoHash, id(2), 10), List.of("o1")));
        JsonNode offer = first.receive();
        second.send("{\"action\":\"scrape\",\"info_hash\":\"" + jsonEscaped(infoHash) + "\"}");
        JsonNode scrape = second.receive();

        assertThat(BareWebSocketClient.bytes(reply.path("info_hash").asText())).isEqualTo(infoHash);
        assertThat(BareWebSocketClient.bytes(offer.path("info_hash").asText())).isEqualTo(infoHash);
        assertThat(fileNames(scrape)).singleElement().satisfies(name ->
                assertThat(BareWebSocketClient.bytes(name)).isEqualTo(infoHash));
        RecordedMessage recorded = tracker.ws().take();
        assertThat(recorded.infoHashes()).singleElement().isEqualTo(infoHash);
        assertThat(recorded.peerId()).hasValueSatisfying(id -> assertThat(id).isEqualTo(peerId));
        // a message is recorded just before it is applied: wait for the swarm
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> tracker.peers(infoHash).size() == 2);
        assertThat(tracker.peers(infoHash)).extracting(Peer::peerId).containsExactly(peerId, id(2));
        tracker.ws().take();
        assertThat(tracker.ws().take().infoHashes()).singleElement().isEqualTo(infoHash);
    }

    /** Every byte as a JSON {@code \\u00XX} escape, the way some clients write binary strings. */
    private static String jsonEscaped(byte[] bytes) {
        StringBuilder escaped = new StringBuilder();
        for (byte b : bytes) {
            escaped.append(String.format("\\u%04x", b & 0xFF));
        }
        return escaped.toString();
    }

    @Test
    void disconnectWebSocketsClosesEveryConnectionAndKeepsListening() {
        BareWebSocketClient first = connect();
        BareWebSocketClient second = connect();
        announced(first, announce(HASH, id(1), 10));
        announced(second, announce(HASH, id(2), 10));
        assertThat(tracker.ws().openConnections()).isEqualTo(2);

        tracker.disconnectWebSockets();

        assertThat(first.awaitClosed()).isNotNull();
        assertThat(second.awaitClosed()).isNotNull();
        assertThat(tracker.ws().openConnections()).isZero();
        assertThat(tracker.peers(HASH)).as("peers of closed connections leave").isEmpty();
        BareWebSocketClient third = connect();
        assertThat(announced(third, announce(HASH, id(3), 10)).path("incomplete").asInt()).isEqualTo(1);
        assertThat(tracker.ws().connectionCount()).isEqualTo(3);
    }

    @Test
    void restartKeepsThePortAndAcceptsNewConnections() throws IOException {
        int port = tracker.wsPort();
        BareWebSocketClient before = connect();
        announced(before, announce(HASH, id(1), 10));

        tracker.restartWebSockets();

        assertThat(before.awaitClosed()).isNotNull();
        assertThat(tracker.wsPort()).isEqualTo(port);
        assertThat(tracker.isWebSocketListening()).isTrue();
        BareWebSocketClient after = connect();
        assertThat(announced(after, announce(HASH, id(2), 10)).path("incomplete").asInt()).isEqualTo(1);
        assertThat(tracker.ws().connectionCount()).isEqualTo(2);
        assertThat(tracker.ws().take().connectionIndex()).isZero();
        assertThat(tracker.ws().take().connectionIndex()).isEqualTo(1);

        tracker.stopWebSockets();

        assertThat(tracker.isWebSocketListening()).isFalse();
        assertThat(after.awaitClosed()).isNotNull();
        try (Socket socket = new Socket()) {
            assertThatThrownBy(() -> socket.connect(loopback(port), 1_000)).isInstanceOf(ConnectException.class);
        }
        assertThat(Bdecode.dictionary(get(TrackerTestSupport.newClient(),
                tracker.httpUrl("/announce" + announceQuery(HASH, id(3), 6883, 5, ""))).body()))
                .as("HTTP goes on serving").containsKey("interval");
        tracker.resumeWebSockets();
        BareWebSocketClient resumed = connect();
        assertThat(announced(resumed, announce(HASH, id(4), 10)).path("incomplete").asInt()).isEqualTo(2);
    }

    @Test
    void servesIpv6OnLoopback() throws IOException {
        // ::1 must be there: a missing IPv6 loopback fails this test rather than skipping it
        InetAddress ipv6Loopback = InetAddress.getByName("::1");
        try (EmbeddedTracker ipv6 = EmbeddedTracker.builder().bindAddress(ipv6Loopback).start();
                BareWebSocketClient client = BareWebSocketClient.connect(ipv6.wsAnnounceUrl())) {
            assertThat(ipv6.wsAnnounceUrl()).isEqualTo("ws://[::1]:" + ipv6.wsPort());

            assertThat(announced(client, announce(HASH, id(1), 10)).path("incomplete").asInt()).isEqualTo(1);

            assertThat(ipv6.ws().take().remoteAddress().getAddress()).isInstanceOf(Inet6Address.class);
            assertThat(ipv6.peers(HASH)).singleElement().satisfies(peer ->
                    assertThat(peer.ip()).isEqualTo(ipv6Loopback));
        }
    }

    @Test
    void servesWssWhenTheTrackerServesHttps() throws Exception {
        Instant now = Instant.now();
        CertificateBuilder template = new CertificateBuilder().notBefore(now.minus(1, ChronoUnit.DAYS))
                .notAfter(now.plus(1, ChronoUnit.DAYS)).ecp256();
        X509Bundle ca = template.copy().subject("CN=ws test CA").setIsCertificateAuthority(true).buildSelfSigned();
        X509Bundle cert = template.copy().subject("CN=127.0.0.1").addSanIpAddress("127.0.0.1")
                .addExtendedKeyUsageServerAuth().buildIssuedBy(ca);
        SSLContext trustingCa = SSLContext.getInstance("TLS");
        trustingCa.init(null, ca.toTrustManagerFactory().getTrustManagers(), null);
        try (EmbeddedTracker secure = EmbeddedTracker.builder()
                        .tls(SslContextBuilder.forServer(cert.toKeyManagerFactory()).build()).start();
                BareWebSocketClient client = BareWebSocketClient.connect(secure.wsAnnounceUrl(),
                        HttpClient.newBuilder().sslContext(trustingCa).build())) {
            assertThat(secure.wsAnnounceUrl()).isEqualTo("wss://127.0.0.1:" + secure.wsPort());

            assertThat(announced(client, announce(HASH, id(1), 10)).path("incomplete").asInt()).isEqualTo(1);
        }
    }
}
