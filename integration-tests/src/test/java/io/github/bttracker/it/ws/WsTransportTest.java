package io.github.bttracker.it.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.bttracker.TrackerRuntime;
import io.github.bttracker.core.AnnounceEvent;
import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.core.ScrapeResult;
import io.github.bttracker.core.TrackerException.Kind;
import io.github.bttracker.core.TrackerException;
import io.github.bttracker.it.Futures;
import io.github.bttracker.options.ConnectionOptions;
import io.github.bttracker.options.HttpOptions;
import io.github.bttracker.options.SafetyOptions;
import io.github.bttracker.options.TrackerClientOptions;
import io.github.bttracker.options.WebSocketOptions;
import io.github.bttracker.testing.EmbeddedTracker;
import io.github.bttracker.testing.RecordedMessage;
import io.github.bttracker.testing.WebSocketBehaviour;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The WebSocket transport against the embedded tracker's WebSocket side on loopback. */
class WsTransportTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    EmbeddedTracker tracker;
    List<TrackerRuntime> runtimes = new ArrayList<>();

    @BeforeEach
    void start() {
        tracker = EmbeddedTracker.start();
    }

    @AfterEach
    void stop() {
        runtimes.forEach(TrackerRuntime::close);
        tracker.close();
    }

    TrackerRuntime runtime(TrackerClientOptions options) {
        TrackerRuntime runtime = TrackerRuntime.create(options);
        runtimes.add(runtime);
        return runtime;
    }

    static InfoHash hash(int n) {
        byte[] bytes = new byte[20];
        bytes[0] = (byte) n;
        bytes[1] = (byte) (n >> 8);
        bytes[18] = (byte) 0x80;
        bytes[19] = (byte) 0xFF;
        return InfoHash.of(bytes);
    }

    static AnnounceRequest.Builder request(InfoHash hash, PeerId peer) {
        return AnnounceRequest.builder(hash, peer, 0).event(AnnounceEvent.STARTED).left(10).numWant(5);
    }

    static TrackerException failureOf(CompletableFuture<?> future) {
        return Futures.failureOf(future);
    }

    @Test
    void withoutWebRtcAnAnnounceReportsCountsAndNeverJoinsTheSwarm() throws Exception {
        TrackerRuntime withRtc = runtime(TrackerClientOptions.defaults()
                .withWebSocket(WebSocketOptions.defaults().withWebRtc(new FakeWebRtc("a"))));
        withRtc.announce(tracker.wsAnnounceUrl(), request(hash(1), PeerId.random("-AA0001-")).build(), TIMEOUT)
                .get(20, TimeUnit.SECONDS);
        tracker.ws().take();
        TrackerRuntime plain = runtime(TrackerClientOptions.defaults());

        AnnounceResponse response = plain.announce(tracker.wsAnnounceUrl(),
                request(hash(1), PeerId.random("-BB0001-")).build(), TIMEOUT).get(20, TimeUnit.SECONDS);

        assertThat(response.isSuccess()).isTrue();
        assertThat(response.incomplete()).hasValue(1);
        assertThat(response.peers()).isEmpty();
        RecordedMessage sent = tracker.ws().take();
        assertThat(sent.action()).isEqualTo("scrape");
        assertThat(tracker.ws().poll()).isNull();
        // 'stopped' has nothing to undo: nothing is sent
        plain.announce(tracker.wsAnnounceUrl(), request(hash(1), PeerId.random("-BB0001-"))
                .event(AnnounceEvent.STOPPED).build(), TIMEOUT).get(20, TimeUnit.SECONDS);
        assertThat(tracker.ws().poll(Duration.ofMillis(300))).isNull();
    }

    @Test
    void twoClientsExchangeAnOfferAndAnAnswerThroughTheTracker() throws Exception {
        FakeWebRtc aliceRtc = new FakeWebRtc("alice");
        FakeWebRtc bobRtc = new FakeWebRtc("bob");
        TrackerRuntime alice = runtime(TrackerClientOptions.defaults()
                .withWebSocket(WebSocketOptions.defaults().withWebRtc(aliceRtc)));
        TrackerRuntime bob = runtime(TrackerClientOptions.defaults()
                .withWebSocket(WebSocketOptions.defaults().withWebRtc(bobRtc)));
        PeerId alicePeer = PeerId.random("-AL0001-");
        PeerId bobPeer = PeerId.random("-BO0001-");
        InfoHash hash = hash(2);

        AnnounceResponse first = alice.announce(tracker.wsAnnounceUrl(), request(hash, alicePeer).build(), TIMEOUT)
                .get(20, TimeUnit.SECONDS);
        AnnounceResponse second = bob.announce(tracker.wsAnnounceUrl(), request(hash, bobPeer).build(), TIMEOUT)
                .get(20, TimeUnit.SECONDS);

        assertThat(first.isSuccess()).isTrue();
        assertThat(second.incomplete()).hasValue(2);
        FakeWebRtc.Signalled offer = aliceRtc.nextOffer();
        assertThat(offer.remotePeer()).isEqualTo(bobPeer);
        assertThat(offer.infoHash()).isEqualTo(hash);
        assertThat(offer.signal().sdp()).contains("from bob");
        FakeWebRtc.Signalled answer = bobRtc.nextAnswer();
        assertThat(answer.remotePeer()).isEqualTo(alicePeer);
        assertThat(answer.offerId()).isEqualTo(offer.offerId());
        assertThat(answer.signal().sdp()).isEqualTo("sdp answer from alice to " + offer.offerId());
        assertThat(bobRtc.offersReceived()).isEmpty();
    }

    @Test
    void everyTorrentSharesOneConnection() throws Exception {
        TrackerRuntime runtime = runtime(TrackerClientOptions.defaults()
                .withWebSocket(WebSocketOptions.defaults().withWebRtc(new FakeWebRtc("c"))));
        PeerId peer = PeerId.random("-CC0001-");
        List<CompletableFuture<AnnounceResponse>> futures = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            futures.add(runtime.announce(tracker.wsAnnounceUrl(), request(hash(100 + i), peer).build(), TIMEOUT));
        }
        for (CompletableFuture<AnnounceResponse> f : futures) {
            assertThat(f.get(20, TimeUnit.SECONDS).isSuccess()).isTrue();
        }
        assertThat(tracker.ws().connectionCount()).isEqualTo(1);
    }

    @Test
    void allHundredTorrentsReannounceAfterTheTrackerRestarts() throws Exception {
        TrackerRuntime runtime = runtime(TrackerClientOptions.defaults()
                .withWebSocket(WebSocketOptions.defaults().withWebRtc(new FakeWebRtc("d"))));
        PeerId peer = PeerId.random("-DD0001-");
        List<CompletableFuture<AnnounceResponse>> futures = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            futures.add(runtime.announce(tracker.wsAnnounceUrl(), request(hash(200 + i), peer).build(), TIMEOUT));
        }
        for (CompletableFuture<AnnounceResponse> f : futures) {
            assertThat(f.get(20, TimeUnit.SECONDS).isSuccess()).isTrue();
        }
        int before = tracker.ws().count();

        tracker.restartWebSockets();

        await().atMost(Duration.ofSeconds(15)).until(() -> tracker.ws().count() - before >= 100);
        assertThat(tracker.ws().connectionCount()).isEqualTo(2);
        for (int i = 0; i < 100; i++) {
            assertThat(tracker.swarms().peers(hash(200 + i).bytes())).as("torrent %d rejoined", i).hasSize(1);
        }
    }

    @Test
    void aFailureReasonIsAFailedResponse() throws Exception {
        TrackerRuntime runtime = runtime(TrackerClientOptions.defaults()
                .withWebSocket(WebSocketOptions.defaults().withWebRtc(new FakeWebRtc("e"))));
        tracker.ws().enqueue(WebSocketBehaviour.failure("info_hash blocked"));
        AnnounceResponse response = runtime.announce(tracker.wsAnnounceUrl(),
                request(hash(3), PeerId.random("-EE0001-")).build(), TIMEOUT).get(20, TimeUnit.SECONDS);
        assertThat(response.isSuccess()).isFalse();
        assertThat(response.failureReason()).hasValue("info_hash blocked");
    }

    @Test
    void sendsTheTrackerIdBackAndReportsWarnings() throws Exception {
        TrackerRuntime runtime = runtime(TrackerClientOptions.defaults()
                .withWebSocket(WebSocketOptions.defaults().withWebRtc(new FakeWebRtc("f"))));
        PeerId peer = PeerId.random("-FF0001-");
        tracker.ws().enqueue(WebSocketBehaviour.extraFields(Map.of("tracker id", "T42", "warning message", "hm")));
        AnnounceResponse first = runtime.announce(tracker.wsAnnounceUrl(), request(hash(4), peer).build(), TIMEOUT)
                .get(20, TimeUnit.SECONDS);
        runtime.announce(tracker.wsAnnounceUrl(), request(hash(4), peer).event(AnnounceEvent.NONE).build(), TIMEOUT)
                .get(20, TimeUnit.SECONDS);
        assertThat(first.warningMessage()).hasValue("hm");
        assertThat(tracker.ws().take().trackerId()).isEmpty();
        assertThat(tracker.ws().take().trackerId()).hasValue("T42");
    }

    @Test
    void scrapesManyTorrents() throws Exception {
        TrackerRuntime runtime = runtime(TrackerClientOptions.defaults()
                .withWebSocket(WebSocketOptions.defaults().withWebRtc(new FakeWebRtc("g"))));
        runtime.announce(tracker.wsAnnounceUrl(), request(hash(5), PeerId.random("-GG0001-")).left(0).build(),
                TIMEOUT).get(20, TimeUnit.SECONDS);
        List<InfoHash> hashes = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            hashes.add(hash(5 + i));
        }
        Map<InfoHash, ScrapeResult> results = runtime.scrape(tracker.wsAnnounceUrl(), hashes, TIMEOUT)
                .get(20, TimeUnit.SECONDS);
        assertThat(results.get(hash(5))).isEqualTo(new ScrapeResult(hash(5), 1, 0, 0));
        assertThat(results).hasSize(150);
    }

    @Test
    void garbageAndFloodsDoNotBreakTheConnection() throws Exception {
        TrackerRuntime runtime = runtime(TrackerClientOptions.defaults()
                .withWebSocket(WebSocketOptions.defaults().withWebRtc(new FakeWebRtc("h"))));
        PeerId peer = PeerId.random("-HH0001-");
        tracker.ws().enqueue(WebSocketBehaviour.flood(2_000));
        assertThat(runtime.announce(tracker.wsAnnounceUrl(), request(hash(6), peer).build(), TIMEOUT)
                .get(20, TimeUnit.SECONDS).isSuccess()).isTrue();
        tracker.ws().enqueue(WebSocketBehaviour.raw("{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000)));
        TrackerException e = failureOf(runtime.announce(tracker.wsAnnounceUrl(), request(hash(7), peer).build(),
                Duration.ofMillis(500)));
        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        tracker.ws().enqueue(WebSocketBehaviour.raw("not json at all"));
        assertThat(failureOf(runtime.announce(tracker.wsAnnounceUrl(), request(hash(8), peer).build(),
                Duration.ofMillis(500))).kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(runtime.announce(tracker.wsAnnounceUrl(), request(hash(9), peer).build(), TIMEOUT)
                .get(20, TimeUnit.SECONDS).isSuccess()).isTrue();
        assertThat(tracker.ws().connectionCount()).isEqualTo(1);
    }

    @Test
    void closesTheConnectionWhenNothingUsesItAnyMore() throws Exception {
        TrackerRuntime runtime = runtime(TrackerClientOptions.defaults()
                .withHttp(HttpOptions.defaults().withIdleConnectionTimeout(Duration.ofMillis(200))));
        runtime.scrape(tracker.wsAnnounceUrl(), List.of(hash(10)), TIMEOUT).get(20, TimeUnit.SECONDS);
        assertThat(tracker.ws().connectionCount()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> tracker.ws().openConnections() == 0);
        // and the next use opens a new one
        runtime.scrape(tracker.wsAnnounceUrl(), List.of(hash(10)), TIMEOUT).get(20, TimeUnit.SECONDS);
        assertThat(tracker.ws().connectionCount()).isEqualTo(2);
    }

    @Test
    void detectsADeadConnectionByItsSilenceAndReconnects() throws Exception {
        try (SilentWebSocketServer silent = new SilentWebSocketServer()) {
            TrackerRuntime runtime = runtime(TrackerClientOptions.defaults()
                    .withWebSocket(WebSocketOptions.defaults().withWebRtc(new FakeWebRtc("i"))
                            .withPingInterval(Duration.ofMillis(200))));
            // the torrent stays active on the connection, so the client must keep it alive
            CompletableFuture<AnnounceResponse> unanswered = runtime.announce(silent.url(),
                    request(hash(12), PeerId.random("-II0001-")).build(), Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(10)).until(() -> silent.accepted() >= 2);
            assertThat(unanswered).isNotDone();
        }
    }

    @Test
    void anOversizedMessageClosesTheConnectionAndTheNextRequestWorks() throws Exception {
        TrackerRuntime runtime = runtime(TrackerClientOptions.defaults()
                .withWebSocket(WebSocketOptions.defaults().withWebRtc(new FakeWebRtc("j")))
                .withSafety(SafetyOptions.defaults().withMaxResponseSize(64 * 1024)));
        PeerId peer = PeerId.random("-JJ0001-");
        tracker.ws().enqueue(WebSocketBehaviour.raw(WebSocketBehaviour.hugeJson(200 * 1024)));
        CompletableFuture<AnnounceResponse> first =
                runtime.announce(tracker.wsAnnounceUrl(), request(hash(13), peer).build(), TIMEOUT);
        // the connection is dropped; the request goes out again on the next one and is answered there
        assertThat(first.get(20, TimeUnit.SECONDS).isSuccess()).isTrue();
        assertThat(tracker.ws().connectionCount()).isEqualTo(2);
    }

    @Test
    void boundsTheMessagesWaitingForAConnection() throws Exception {
        TrackerRuntime runtime = runtime(TrackerClientOptions.defaults()
                .withConnection(ConnectionOptions.defaults().withConnectTimeout(Duration.ofSeconds(2)))
                .withWebSocket(WebSocketOptions.defaults().withMaxQueuedMessages(5)));
        // a server that takes the TCP connection and never answers the WebSocket handshake
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            }, "silent-ws-server");
            acceptor.start();
            String url = "ws://127.0.0.1:" + silent.getLocalPort();
            List<CompletableFuture<Map<InfoHash, ScrapeResult>>> scrapes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                scrapes.add(runtime.scrape(url, List.of(hash(20 + i)), io.github.bttracker.it.Futures.LONGER_THAN_FAILURE_OF));
            }
            // beyond the cap, requests fail at once instead of piling up
            for (int i = 5; i < 8; i++) {
                assertThat(failureOf(scrapes.get(i)).kind()).isEqualTo(Kind.OVERLOADED);
            }
            // those that waited fail with the handshake that never came, not at their own deadline
            for (int i = 0; i < 5; i++) {
                TrackerException e = failureOf(scrapes.get(i));
                assertThat(e.kind()).isEqualTo(Kind.CONNECT);
                assertThat(e).hasMessageContaining("no WebSocket handshake within 2000 ms");
            }
            held.forEach(socket -> {
                try {
                    socket.close();
                } catch (java.io.IOException ignored) {
                    // closing a test socket
                }
            });
        }
        // the same runtime goes on serving a tracker that answers
        assertThat(runtime.scrape(tracker.wsAnnounceUrl(), List.of(hash(20)), TIMEOUT).get(20, TimeUnit.SECONDS))
                .containsKey(hash(20));
    }

    /** An HTTP server that is not a WebSocket tracker: the upgrade is not accepted, and the request says so. */
    @Test
    void aServerThatDoesNotUpgradeFailsTheRequestWithItsAnswer() throws Exception {
        TrackerRuntime runtime = runtime(TrackerClientOptions.defaults());
        String notWebSocket = "ws://127.0.0.1:" + tracker.port() + "/announce";
        TrackerException e = failureOf(runtime.scrape(notWebSocket, List.of(hash(12)), io.github.bttracker.it.Futures.LONGER_THAN_FAILURE_OF));
        assertThat(e.kind()).isEqualTo(Kind.CONNECT);
        assertThat(e).hasMessageStartingWith(notWebSocket)
                .hasMessageContaining("ws://127.0.0.1:" + tracker.port() + " did not accept the WebSocket handshake");
        // and the next request to a real WebSocket tracker on the same runtime is answered
        assertThat(runtime.scrape(tracker.wsAnnounceUrl(), List.of(hash(12)), TIMEOUT).get()).isNotNull();
    }

    @Test
    void reportsDeadTrackersAndBadUrls() throws Exception {
        TrackerRuntime runtime = runtime(TrackerClientOptions.defaults());
        int deadPort;
        try (var socket = new java.net.ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        // the refusal itself, not the request's deadline
        TrackerException e = failureOf(runtime.scrape("ws://127.0.0.1:" + deadPort, List.of(hash(11)),
                io.github.bttracker.it.Futures.LONGER_THAN_FAILURE_OF));
        assertThat(e.kind()).isEqualTo(Kind.CONNECT);
        assertThat(e).hasMessageStartingWith("ws://127.0.0.1:" + deadPort)
                .hasMessageContaining("could not connect to ws://127.0.0.1:" + deadPort);
        assertThat(failureOf(runtime.scrape("ws:///nohost", List.of(hash(11)), TIMEOUT)).kind())
                .isEqualTo(Kind.INVALID_URL);
    }
}
