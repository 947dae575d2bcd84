package io.github.bttracker.it.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.bttracker.AnnounceOptions;
import io.github.bttracker.TrackerClient;
import io.github.bttracker.TrackerClientListener;
import io.github.bttracker.TrackerRuntime;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerAddress;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.core.ScrapeResult;
import io.github.bttracker.it.ws.FakeWebRtc;
import io.github.bttracker.options.HttpOptions;
import io.github.bttracker.options.SafetyOptions;
import io.github.bttracker.options.TrackerClientOptions;
import io.github.bttracker.options.WebSocketOptions;
import io.github.bttracker.testing.AnnounceEvent;
import io.github.bttracker.testing.AnnounceParams;
import io.github.bttracker.testing.EmbeddedTracker;
import io.github.bttracker.testing.TrackerBehaviour;
import io.github.bttracker.testing.UdpBehaviour;
import io.github.bttracker.testing.WebSocketBehaviour;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The standalone client against the embedded tracker: the scenarios of the reference client's own tests
 * ({@code test/client.js}, {@code scrape.js}, {@code client-large-torrent.js}, {@code client-magnet.js},
 * {@code destroy.js}) and its scheduling. Like the reference, the scenarios run over every protocol that can carry
 * them: "http", "udp" and "ws" (WebSocket, where a client that joins a swarm needs a WebRTC implementation: a fake
 * here, see {@link #runtimeFor}).
 */
class TrackerClientTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    EmbeddedTracker tracker;
    TrackerRuntime runtime;
    List<TrackerClient> clients = new ArrayList<>();
    List<TrackerRuntime> webRtcRuntimes = new ArrayList<>();

    @BeforeEach
    void start() {
        tracker = EmbeddedTracker.start();
        runtime = TrackerRuntime.create(TrackerClientOptions.defaults()
                .withHttp(HttpOptions.defaults().withUserAgent("client-test/1")));
    }

    @AfterEach
    void stop() {
        clients.forEach(TrackerClient::destroy);
        webRtcRuntimes.forEach(TrackerRuntime::close);
        runtime.close();
        tracker.close();
    }

    static final InfoHash HASH = InfoHash.fromHex("d2474e86c95b19b8bcfdb92bc12c9d44667cfa36");

    TrackerClient client(String url, int port, ClientEvents events) {
        return client(TrackerClient.builder(HASH, PeerId.random("-TC0001-")).announce(url).port(port), events);
    }

    TrackerClient client(TrackerClient.Builder builder, ClientEvents events) {
        return client(builder, runtime, events);
    }

    /** A client announcing over {@code protocol}, in the runtime {@link #runtimeFor} gives that protocol. */
    TrackerClient client(String protocol, TrackerClient.Builder builder, ClientEvents events) {
        return client(builder, runtimeFor(protocol), events);
    }

    TrackerClient client(TrackerClient.Builder builder, TrackerRuntime runtime, ClientEvents events) {
        TrackerClient client = builder.runtime(runtime).build();
        client.addListener(events);
        clients.add(client);
        return client;
    }

    /** A client of {@link #HASH} announcing to the tracker over {@code protocol}. */
    TrackerClient.Builder builder(String protocol) {
        return TrackerClient.builder(HASH, PeerId.random("-TC0001-")).announce(url(protocol)).port(6881);
    }

    /**
     * The runtime of a client announcing over {@code protocol}: the shared one for HTTP and UDP; for WebSocket, one
     * of its own with a fake WebRTC, as a WebTorrent peer has (without one, a WebSocket announce only scrapes and
     * never joins the swarm).
     */
    TrackerRuntime runtimeFor(String protocol) {
        return runtimeFor(protocol, new FakeWebRtc("ws-peer"));
    }

    /** As {@link #runtimeFor(String)}, with this WebRTC fake for WebSocket. */
    TrackerRuntime runtimeFor(String protocol, FakeWebRtc webRtc) {
        if (!protocol.equals("ws")) {
            return runtime;
        }
        TrackerRuntime withWebRtc = TrackerRuntime.create(TrackerClientOptions.defaults()
                .withHttp(HttpOptions.defaults().withUserAgent("client-test/1"))
                .withWebSocket(WebSocketOptions.defaults().withWebRtc(webRtc)));
        webRtcRuntimes.add(withWebRtc);
        return withWebRtc;
    }

    String url(String protocol) {
        return url(tracker, protocol);
    }

    static String url(EmbeddedTracker tracker, String protocol) {
        return switch (protocol) {
            case "http" -> tracker.httpAnnounceUrl();
            case "udp" -> tracker.udpAnnounceUrl();
            case "ws" -> tracker.wsAnnounceUrl();
            default -> throw new IllegalArgumentException(protocol);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "udp", "ws"})
    void startUpdateAndStop(String protocol) throws Exception {
        ClientEvents events = new ClientEvents();
        PeerId peer = PeerId.random("-TC0001-");
        TrackerClient client = client(protocol,
                TrackerClient.builder(HASH, peer).announce(url(protocol)).port(6881), events);
        client.start();
        await().atMost(TIMEOUT).until(() -> events.updates.size() == 1);
        assertThat(events.updates.get(0).incomplete()).hasValue(1);
        assertThat(tracker.peers(HASH.bytes())).singleElement()
                .satisfies(p -> assertThat(p.peerId()).isEqualTo(peer.bytes()));
        client.update();
        await().atMost(TIMEOUT).until(() -> events.updates.size() == 2);
        client.stop().get(10, TimeUnit.SECONDS);
        assertThat(tracker.peers(HASH.bytes())).isEmpty();
        assertThat(List.of(Recorded.announce(tracker, protocol).event(), Recorded.announce(tracker, protocol).event(),
                Recorded.announce(tracker, protocol).event()))
                .containsExactly(AnnounceEvent.STARTED, AnnounceEvent.NONE, AnnounceEvent.STOPPED);
        assertThat(events.warnings).isEmpty();
        assertThat(events.errors).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "udp", "ws"})
    void stopThenDestroyAtOnceStillDeliversStopped(String protocol) throws Exception {
        ClientEvents events = new ClientEvents();
        TrackerClient client = client(protocol, builder(protocol), events);
        client.start();
        await().atMost(TIMEOUT).until(() -> events.updates.size() == 1);
        assertThat(tracker.peers(HASH.bytes())).hasSize(1);
        client.stop();
        client.destroy();
        assertThat(Recorded.announce(tracker, protocol).event()).isEqualTo(AnnounceEvent.STARTED);
        assertThat(Recorded.announce(tracker, protocol).event()).isEqualTo(AnnounceEvent.STOPPED);
        await().atMost(TIMEOUT).until(() -> tracker.peers(HASH.bytes()).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "udp", "ws"})
    void reannouncesByTimerAskingTheOptionsEveryTime(String protocol) throws Exception {
        tracker.setInterval(1);
        AtomicInteger asked = new AtomicInteger();
        ClientEvents events = new ClientEvents();
        TrackerClient client = client(protocol, builder(protocol)
                .announceOptions(() -> AnnounceOptions.of(asked.incrementAndGet(), 0, 100)), events);
        client.start();
        await().atMost(TIMEOUT).until(() -> events.updates.size() >= 3);
        assertThat(asked.get()).isGreaterThanOrEqualTo(3);
        Recorded.Announce first = Recorded.announce(tracker, protocol);
        Recorded.Announce timed = Recorded.announce(tracker, protocol);
        Recorded.Announce timedAgain = Recorded.announce(tracker, protocol);
        assertThat(first.event()).isEqualTo(AnnounceEvent.STARTED);
        assertThat(first.uploaded()).isEqualTo(1);
        assertThat(timed.event()).isEqualTo(AnnounceEvent.NONE);
        assertThat(timed.uploaded()).isEqualTo(2);
        assertThat(timedAgain.event()).isEqualTo(AnnounceEvent.NONE);
        assertThat(timedAgain.uploaded()).isEqualTo(3);
        assertThat(events.nextAnnounces.get(0).orElseThrow()).isBetween(Duration.ofMillis(900), Duration.ofMillis(1100));
        assertThat(events.warnings).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "ws"}) // a UDP announce has no room for either
    void sendsCustomParametersAndTheUserAgent(String protocol) throws Exception {
        // the WebSocket client sends its User-Agent with the upgrade request, which the relay records
        try (TcpRelay relay = protocol.equals("ws")
                ? TcpRelay.recordingHandshakes(tracker.address(), tracker.wsPort()) : null) {
            ClientEvents events = new ClientEvents();
            TrackerClient client = client(protocol, TrackerClient.builder(HASH, PeerId.random("-TC0001-"))
                    .announce(relay != null ? relay.wsUrl() : url(protocol)).port(6881)
                    .announceOptions(() -> AnnounceOptions.none()
                            .withCustomParameters(Map.of("testParam", "this is a test"))), events);
            client.start();
            Recorded.Announce announce = Recorded.announce(tracker, protocol);
            assertThat(announce.field("testParam")).hasValue("this is a test");
            if (relay != null) {
                assertThat(relay.handshakes).singleElement().satisfies(handshake ->
                        assertThat(TcpRelay.header(handshake, "User-Agent")).hasValue("client-test/1"));
            } else {
                assertThat(announce.header("User-Agent")).hasValue("client-test/1");
            }
            await().atMost(TIMEOUT).until(() -> events.updates.size() == 1);
            assertThat(events.warnings).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "udp", "ws"})
    void numwantOneGivesOnePeer(String protocol) throws Exception {
        List<PeerId> others = new ArrayList<>();
        List<FakeWebRtc> othersWebRtc = new ArrayList<>();
        for (int port = 7001; port <= 7002; port++) {
            ClientEvents events = new ClientEvents();
            PeerId peer = PeerId.random("-TC0001-");
            FakeWebRtc webRtc = new FakeWebRtc("peer-" + port);
            others.add(peer);
            othersWebRtc.add(webRtc);
            TrackerClient c = client(TrackerClient.builder(HASH, peer).announce(url(protocol)).port(port),
                    runtimeFor(protocol, webRtc), events);
            c.start();
            await().atMost(TIMEOUT).until(() -> events.updates.size() == 1);
        }
        ClientEvents third = new ClientEvents();
        PeerId thirdPeer = PeerId.random("-TC0001-");
        FakeWebRtc thirdWebRtc = new FakeWebRtc("third");
        TrackerClient client = client(TrackerClient.builder(HASH, thirdPeer)
                .announce(url(protocol)).port(7003)
                .announceOptions(() -> AnnounceOptions.none().withNumWant(1)), runtimeFor(protocol, thirdWebRtc), third);
        client.start();
        await().atMost(TIMEOUT).until(() -> third.updates.size() == 1);
        assertThat(third.updates.get(0).incomplete()).hasValue(3);
        Recorded.Announce announce = Recorded.announceOf(tracker, protocol, thirdPeer);
        assertThat(announce.numWant()).hasValue(1);
        if (!protocol.equals("ws")) {
            assertThat(third.peers).singleElement().satisfies(p -> assertThat(p.port()).isIn(7001, 7002));
            return;
        }
        // WebSocket peers come as WebRTC signalling, not addresses: the one offer that numwant 1 allows goes to one
        // of the other peers, whose answer comes back
        assertThat(third.peers).isEmpty();
        assertThat(announce.offerIds()).hasSize(1);
        await().atMost(TIMEOUT).until(() -> thirdWebRtc.answersReceived().size() == 1);
        FakeWebRtc.Signalled answer = thirdWebRtc.answersReceived().get(0);
        assertThat(answer.remotePeer()).isIn(others);
        assertThat(answer.offerId()).isEqualTo(announce.offerIds().get(0));
        assertThat(othersWebRtc.stream().flatMap(w -> w.offersReceived().stream())
                .filter(offer -> offer.remotePeer().equals(thirdPeer))).hasSize(1);
        assertThat(thirdWebRtc.offersReceived()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void onPeerGetsUsablePeersOnceEachAndNeverTheClientItself(boolean dictionaryForm) {
        var answer = TrackerBehaviour.extraPeers(MessyPeerList.listed(6881));
        tracker.http().enqueue(dictionaryForm ? answer.withDictionaryPeers() : answer);
        ClientEvents events = new ClientEvents();
        client("http", builder("http"), events).start();
        await().atMost(TIMEOUT).until(() -> events.updates.size() == 1);
        assertThat(events.peers).extracting(PeerAddress::toString).containsExactlyElementsOf(MessyPeerList.CLEANED);
        assertThat(events.updates.get(0).peers()).extracting(PeerAddress::toString)
                .containsExactlyElementsOf(MessyPeerList.CLEANED);
    }

    @Test
    void aPeerFilterDecidesWhichAddressesAreUsable() {
        TrackerRuntime anyPeer = TrackerRuntime.create(TrackerClientOptions.defaults()
                .withSafety(SafetyOptions.defaults().withPeerFilter(io.github.bttracker.spi.PeerFilter.ANY)));
        webRtcRuntimes.add(anyPeer);
        tracker.http().enqueue(TrackerBehaviour.extraPeers(MessyPeerList.listed(6881)));
        ClientEvents events = new ClientEvents();
        client(builder("http"), anyPeer, events).start();
        await().atMost(TIMEOUT).until(() -> events.updates.size() == 1);
        // every address is kept, each once; the client itself is still left out
        assertThat(events.peers).hasSize(MessyPeerList.UNUSABLE + MessyPeerList.CLEANED.size())
                .extracting(PeerAddress::port).doesNotContain(6881);
    }

    @Test
    void unusableUrlsAndPortsAreWarningsAndTheOtherTrackersWork() throws Exception {
        ClientEvents events = new ClientEvents();
        TrackerClient client = client(TrackerClient.builder(HASH, PeerId.random("-TC0001-"))
                .announce("http://127.0.0.1:99999/announce", "gopher://example.com", "not a url",
                        tracker.httpAnnounceUrl() + "/", tracker.httpAnnounceUrl())
                .port(6881), events);
        assertThat(client.trackerUrls()).containsExactly(tracker.httpAnnounceUrl());
        client.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.updates.size() == 1);
        assertThat(events.warnings).extracting(TrackerClientListener.TrackerWarning::message)
                .anySatisfy(m -> assertThat(m).contains("port 99999"))
                .anySatisfy(m -> assertThat(m).contains("unsupported tracker protocol"))
                .anySatisfy(m -> assertThat(m).contains("invalid tracker URL"));
        assertThat(tracker.http().count()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "udp", "ws"})
    void destroySilencesUpdates(String protocol) throws Exception {
        Duration delay = Duration.ofMillis(500);
        switch (protocol) {
            case "http" -> tracker.http().enqueue(TrackerBehaviour.delay(delay));
            // the connect and the announce: the announce's answer is late whether or not a connect comes first
            case "udp" -> tracker.udp().enqueue(UdpBehaviour.delay(delay), 2);
            case "ws" -> tracker.ws().enqueue(WebSocketBehaviour.delay(delay));
            default -> throw new IllegalArgumentException(protocol);
        }
        ClientEvents events = new ClientEvents();
        TrackerClient client = client(protocol, builder(protocol), events);
        client.start();
        Recorded.announce(tracker, protocol);
        client.destroy();
        // the announce took effect, and its answer is on its way
        await().atMost(TIMEOUT).until(() -> tracker.peers(HASH.bytes()).size() == 1);
        // the delayed answer arrives after destroy: nothing may be reported while it comes in
        await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(3)).until(() -> events.updates.isEmpty()
                && events.peers.isEmpty() && events.warnings.isEmpty() && events.errors.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "udp", "ws"})
    void scrapesEveryTracker(String protocol) throws Exception {
        try (EmbeddedTracker other = EmbeddedTracker.start()) {
            ClientEvents events = new ClientEvents();
            TrackerClient client = client(protocol, TrackerClient.builder(HASH, PeerId.random("-TC0001-"))
                    .announce(url(tracker, protocol), url(other, protocol)).port(6881), events);
            client.start();
            await().atMost(TIMEOUT).until(() -> events.updates.size() == 2);
            Map<String, ScrapeResult> results = client.scrape().get(10, TimeUnit.SECONDS);
            assertThat(results).containsOnlyKeys(url(tracker, protocol), url(other, protocol));
            assertThat(results.values()).allSatisfy(r -> {
                assertThat(r.infoHash()).isEqualTo(HASH);
                assertThat(r.incomplete()).isEqualTo(1);
                assertThat(r.complete()).isZero();
            });
            assertThat(events.scrapes).hasSize(2);
            assertThat(Recorded.scrape(tracker, protocol)).containsExactly(HASH);
            assertThat(Recorded.scrape(other, protocol)).containsExactly(HASH);
        }
    }

    @Test
    void scrapesEveryTrackerWhateverItsProtocol() throws Exception {
        ClientEvents events = new ClientEvents();
        TrackerClient client = client(TrackerClient.builder(HASH, PeerId.random("-TC0001-"))
                .announce(tracker.httpAnnounceUrl(), tracker.udpAnnounceUrl(), tracker.wsAnnounceUrl()).port(6881),
                events);
        client.start();
        await().atMost(TIMEOUT).until(() -> events.updates.size() == 3);
        Map<String, ScrapeResult> results = client.scrape().get(10, TimeUnit.SECONDS);
        assertThat(results).containsOnlyKeys(tracker.httpAnnounceUrl(), tracker.udpAnnounceUrl(),
                tracker.wsAnnounceUrl());
        // one peer, at one address over HTTP and UDP; without WebRTC the WebSocket announce does not join
        assertThat(results.values()).allSatisfy(r -> assertThat(r.incomplete()).isEqualTo(1));
        assertThat(events.scrapes).hasSize(3);
    }

    @Test
    void backsOffExponentiallyWithACapAfterFailures() throws Exception {
        for (int i = 0; i < 5; i++) {
            tracker.http().enqueue(TrackerBehaviour.failure("busy"));
        }
        ClientEvents events = new ClientEvents();
        TrackerClient client = client(TrackerClient.builder(HASH, PeerId.random("-TC0001-"))
                .announce(tracker.httpAnnounceUrl()).port(6881)
                .minBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofMillis(400)), events);
        client.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> events.updates.size() == 1);
        List<Long> retries = events.warningRetries.stream().map(d -> d.orElseThrow().toMillis()).toList();
        assertThat(retries).hasSize(5);
        assertThat(retries.get(0)).isBetween(75L, 125L);
        assertThat(retries.get(1)).isBetween(150L, 250L);
        assertThat(retries.get(2)).isBetween(300L, 500L);
        assertThat(retries.get(4)).isBetween(300L, 500L);
        assertThat(events.warnings.get(0).message()).contains("busy");
    }

    @Test
    void honoursRetryInAndRetryNever() throws Exception {
        try (EmbeddedTracker other = EmbeddedTracker.start()) {
            tracker.http().enqueue(TrackerBehaviour.body(200, "d14:failure reason4:busy8:retry ini3ee".getBytes(), Map.of()));
            ClientEvents events = new ClientEvents();
            TrackerClient client = client(TrackerClient.builder(HASH, PeerId.random("-TC0001-"))
                    .announce(tracker.httpAnnounceUrl(), other.httpAnnounceUrl()).port(6881), events);
            client.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> events.warnings.size() == 1);
            assertThat(events.warningRetries.get(0)).hasValue(Duration.ofMinutes(3));

            tracker.http().enqueue(TrackerBehaviour.body(200, "d14:failure reason4:gone8:retry in5:nevere".getBytes(),
                    Map.of()));
            client.update();
            await().atMost(Duration.ofSeconds(10)).until(() -> events.warnings.size() == 2);
            assertThat(events.warningRetries.get(1)).isEmpty();
            int toFirst = tracker.http().count();
            int toSecond = other.http().count();

            client.update();
            // both trackers would be announced to in the same pass: once the second has it, the first never will
            await().atMost(Duration.ofSeconds(10)).until(() -> other.http().count() == toSecond + 1);
            assertThat(tracker.http().count()).as("no announce after 'retry in: never'").isEqualTo(toFirst);
        }
    }

    @Test
    void neverAnnouncesSoonerThanMinInterval() throws Exception {
        tracker.http().enqueue(TrackerBehaviour.extraFields(Map.of("interval", 1, "min interval", 120)));
        ClientEvents events = new ClientEvents();
        TrackerClient client = client(tracker.httpAnnounceUrl(), 6881, events);
        client.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.updates.size() == 1);
        assertThat(events.nextAnnounces.get(0)).hasValue(Duration.ofSeconds(120));
        client.setInterval(Duration.ofSeconds(1));
    }

    @Test
    void twoTorrentsShareOneWebSocketConnection() throws Exception {
        TrackerRuntime webRtcRuntime = TrackerRuntime.create(TrackerClientOptions.defaults()
                .withWebSocket(WebSocketOptions.defaults()
                        .withWebRtc(new FakeWebRtc("pool"))));
        try {
            List<ClientEvents> all = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                byte[] hash = HASH.bytes();
                hash[0] = (byte) i;
                ClientEvents events = new ClientEvents();
                TrackerClient client = TrackerClient.builder(InfoHash.of(hash), PeerId.random("-TC0001-"))
                        .announce(tracker.wsAnnounceUrl()).runtime(webRtcRuntime).build();
                client.addListener(events);
                clients.add(client);
                client.start();
                all.add(events);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> all.stream().allMatch(e -> e.updates.size() == 1));
            assertThat(tracker.ws().connectionCount()).isEqualTo(1);
        } finally {
            clients.forEach(TrackerClient::destroy);
            clients.clear();
            webRtcRuntime.close();
        }
    }

    @Test
    void failsOverToTheNextTierAndKeepsUsingTheTrackerThatAnswered() throws Exception {
        int dead;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            dead = socket.getLocalPort();
        }
        try (EmbeddedTracker second = EmbeddedTracker.start(); EmbeddedTracker third = EmbeddedTracker.start()) {
            ClientEvents events = new ClientEvents();
            TrackerClient client = client(TrackerClient.builder(HASH, PeerId.random("-TC0001-"))
                    .announceTiers(List.of(List.of("http://127.0.0.1:" + dead + "/announce"),
                            List.of(second.httpAnnounceUrl(), third.httpAnnounceUrl())))
                    .port(6881), events);
            client.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> events.updates.size() == 1);
            client.update();
            client.update();
            await().atMost(Duration.ofSeconds(10)).until(() -> events.updates.size() == 3);
            // one tracker of the second tier took all three announces; the dead first tier is tried each time
            assertThat(List.of(second.http().count(), third.http().count())).containsExactlyInAnyOrder(0, 3);
            assertThat(events.warnings).hasSize(3).allSatisfy(w -> assertThat(w.message())
                    .contains("trying the next tracker"));
            assertThat(tracker.http().count()).isZero();
        }
    }

    @ParameterizedTest(name = "WebRTC: {0}")
    @ValueSource(booleans = {false, true})
    void inTiersAWebSocketTrackerComesLastOrWithWebRtcGetsEveryAnnounceBesideTheTiers(boolean webRtc)
            throws Exception {
        try (EmbeddedTracker second = EmbeddedTracker.start()) {
            ClientEvents events = new ClientEvents();
            TrackerClient client = client(TrackerClient.builder(HASH, PeerId.random("-TC0001-"))
                    .announceTiers(List.of(List.of(second.wsAnnounceUrl()), List.of(tracker.httpAnnounceUrl())))
                    .port(6881), webRtc ? runtimeFor("ws") : runtime, events);
            client.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> events.updates.size() == (webRtc ? 2 : 1));
            // the HTTP tracker of the second tier answered first: without WebRTC the walk ended there
            assertThat(tracker.http().count()).isEqualTo(1);
            assertThat(second.ws().connectionCount()).isEqualTo(webRtc ? 1 : 0);
            assertThat(events.warnings).isEmpty();
        }
    }

    @Test
    void announcesToEveryTrackerOfEveryTierWhenAsked() throws Exception {
        try (EmbeddedTracker second = EmbeddedTracker.start()) {
            ClientEvents events = new ClientEvents();
            TrackerClient client = client(TrackerClient.builder(HASH, PeerId.random("-TC0001-"))
                    .announceTiers(List.of(List.of(tracker.httpAnnounceUrl()), List.of(second.httpAnnounceUrl())))
                    .announceToAllTrackers().port(6881), events);
            client.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> events.updates.size() == 2);
            assertThat(tracker.http().count()).isEqualTo(1);
            assertThat(second.http().count()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "udp", "ws"})
    void announcesALargeTorrentsSizesExactly(String protocol) throws Exception {
        long huge = 1L << 45; // 32 TiB: beyond 32 bits
        ClientEvents events = new ClientEvents();
        TrackerClient client = client(protocol, builder(protocol)
                .announceOptions(() -> AnnounceOptions.of(huge + 1, huge + 2, huge)), events);
        client.start();
        await().atMost(TIMEOUT).until(() -> events.updates.size() == 1);
        Recorded.Announce announce = Recorded.announce(tracker, protocol);
        assertThat(announce.left()).hasValue(huge);
        assertThat(announce.uploaded()).isEqualTo(huge + 1);
        assertThat(announce.downloaded()).isEqualTo(huge + 2);
        assertThat(tracker.peers(HASH.bytes())).singleElement().satisfies(p -> assertThat(p.left()).isEqualTo(huge));
        assertThat(events.updates.get(0).incomplete()).hasValue(1);
        assertThat(events.warnings).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "udp", "ws"})
    void aMagnetLinkWithoutMetadataAnnouncesAnUnknownSize(String protocol) throws Exception {
        ClientEvents events = new ClientEvents();
        TrackerClient client = client(protocol, builder(protocol), events);
        client.start();
        await().atMost(TIMEOUT).until(() -> events.updates.size() == 1);
        OptionalLong left = Recorded.announce(tracker, protocol).left();
        if (protocol.equals("udp")) {
            assertThat(left).as("left unknown: -1 over UDP, as libtorrent sends it").hasValue(-1);
        } else {
            assertThat(left).as("left unknown: not sent over HTTP or WebSocket").isEmpty();
        }
        // whatever the protocol, the tracker takes the size for unknown and counts the peer as a leecher
        assertThat(tracker.peers(HASH.bytes())).singleElement().satisfies(p -> assertThat(p.left()).isNull());
        assertThat(events.updates.get(0).incomplete()).hasValue(1);
        assertThat(events.updates.get(0).complete()).hasValue(0);
    }

    @Test
    void aPortIsRequiredWithoutWebRtc() {
        assertThatThrownBy(() -> TrackerClient.builder(HASH, PeerId.random("-TC0001-"))
                .announce(tracker.httpAnnounceUrl()).runtime(runtime).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("port");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "udp", "ws"})
    void multiScrapesManyTorrentsFromOneTracker(String protocol) throws Exception {
        List<InfoHash> hashes = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            byte[] b = new byte[20];
            b[0] = (byte) i;
            hashes.add(InfoHash.of(b));
        }
        InfoHash seeded = hashes.get(0);
        InfoHash leeched = hashes.get(79);
        tracker.swarms().announce(new AnnounceParams(seeded.bytes(), PeerId.random("-SD0001-").bytes(),
                tracker.address(), 7001, 0L, AnnounceEvent.STARTED, 50));
        tracker.swarms().announce(new AnnounceParams(leeched.bytes(), PeerId.random("-LC0001-").bytes(),
                tracker.address(), 7002, 10L, AnnounceEvent.STARTED, 50));
        Map<InfoHash, ScrapeResult> results = TrackerClient.scrape(runtime, url(protocol), hashes,
                Duration.ofSeconds(10)).get(20, TimeUnit.SECONDS);
        assertThat(results).containsOnlyKeys(hashes);
        assertThat(results.get(seeded)).isEqualTo(new ScrapeResult(seeded, 1, 0, 0));
        assertThat(results.get(leeched)).isEqualTo(new ScrapeResult(leeched, 0, 1, 0));
        assertThat(results.values()).filteredOn(r -> !r.infoHash().equals(seeded) && !r.infoHash().equals(leeched))
                .hasSize(78).allSatisfy(r -> assertThat(r).isEqualTo(new ScrapeResult(r.infoHash(), 0, 0, 0)));
        // every torrent was asked for, in as many requests as the protocol needs
        Set<InfoHash> asked = new HashSet<>();
        while (asked.size() < hashes.size()) {
            asked.addAll(Recorded.scrape(tracker, protocol));
        }
        assertThat(asked).containsExactlyInAnyOrderElementsOf(hashes);
    }
}
