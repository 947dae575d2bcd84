package io.github.bttracker.it.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.bttracker.AnnounceOptions;
import io.github.bttracker.TrackerClient;
import io.github.bttracker.TrackerClientListener;
import io.github.bttracker.TrackerClientOptions;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerAddress;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.core.ScrapeResult;
import io.github.bttracker.it.tracker.EmbeddedTracker;
import io.github.bttracker.it.tracker.RecordedDatagram;
import io.github.bttracker.it.tracker.RecordedRequest;
import io.github.bttracker.it.tracker.TrackerBehaviour;
import io.github.bttracker.transport.TrackerRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * ({@code test/client.js}, {@code scrape.js}, {@code destroy.js}) and its scheduling.
 */
class TrackerClientTest {

    EmbeddedTracker tracker;
    TrackerRuntime runtime;
    List<TrackerClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        tracker = EmbeddedTracker.start();
        runtime = TrackerRuntime.create(TrackerClientOptions.builder().userAgent("client-test/1").build());
    }

    @AfterEach
    void stop() {
        clients.forEach(TrackerClient::destroy);
        runtime.close();
        tracker.close();
    }

    /** Records every event. */
    static final class Events implements TrackerClientListener {
        final List<AnnounceResponse> updates = new CopyOnWriteArrayList<>();
        final List<Optional<Duration>> nextAnnounces = new CopyOnWriteArrayList<>();
        final List<PeerAddress> peers = new CopyOnWriteArrayList<>();
        final List<ScrapeResult> scrapes = new CopyOnWriteArrayList<>();
        final List<TrackerWarning> warnings = new CopyOnWriteArrayList<>();
        final List<Optional<Duration>> warningRetries = new CopyOnWriteArrayList<>();
        final List<Throwable> errors = new CopyOnWriteArrayList<>();

        @Override
        public void onUpdate(AnnounceResponse response, Optional<Duration> nextAnnounceIn) {
            updates.add(response);
            nextAnnounces.add(nextAnnounceIn);
        }

        @Override
        public void onPeer(String trackerUrl, PeerAddress peer) {
            peers.add(peer);
        }

        @Override
        public void onScrape(String trackerUrl, ScrapeResult result) {
            scrapes.add(result);
        }

        @Override
        public void onWarning(TrackerWarning warning, Optional<Duration> nextAnnounceIn) {
            warnings.add(warning);
            warningRetries.add(nextAnnounceIn);
        }

        @Override
        public void onError(Throwable error) {
            errors.add(error);
        }
    }

    static final InfoHash HASH = InfoHash.fromHex("d2474e86c95b19b8bcfdb92bc12c9d44667cfa36");

    TrackerClient client(String url, int port, Events events) {
        return client(TrackerClient.builder(HASH, PeerId.random("-TC0001-")).announce(url).port(port), events);
    }

    TrackerClient client(TrackerClient.Builder builder, Events events) {
        TrackerClient client = builder.runtime(runtime).build();
        client.addListener(events);
        clients.add(client);
        return client;
    }

    String url(String protocol) {
        return protocol.equals("udp") ? tracker.udpAnnounceUrl() : tracker.httpAnnounceUrl();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "udp"})
    void startUpdateAndStop(String protocol) throws Exception {
        Events events = new Events();
        TrackerClient client = client(url(protocol), 6881, events);
        client.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.updates.size() == 1);
        assertThat(events.updates.get(0).incomplete()).hasValue(1);
        client.update();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.updates.size() == 2);
        client.stop().get(10, TimeUnit.SECONDS);
        assertThat(tracker.peers(HASH.bytes())).isEmpty();
        assertThat(events.warnings).isEmpty();
        assertThat(events.errors).isEmpty();
    }

    @Test
    void stopThenDestroyAtOnceStillDeliversStopped() throws Exception {
        Events events = new Events();
        TrackerClient client = client(tracker.httpAnnounceUrl(), 6881, events);
        client.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.updates.size() == 1);
        client.stop();
        client.destroy();
        await().atMost(Duration.ofSeconds(10)).until(() -> tracker.peers(HASH.bytes()).isEmpty());
    }

    @Test
    void reannouncesByTimerAskingTheOptionsEveryTime() throws Exception {
        tracker.setInterval(1);
        AtomicInteger asked = new AtomicInteger();
        Events events = new Events();
        TrackerClient client = client(TrackerClient.builder(HASH, PeerId.random("-TC0001-"))
                .announce(tracker.httpAnnounceUrl()).port(6881)
                .announceOptions(() -> AnnounceOptions.of(asked.incrementAndGet(), 0, 100)), events);
        client.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.updates.size() >= 3);
        assertThat(asked.get()).isGreaterThanOrEqualTo(3);
        RecordedRequest first = tracker.takeRequest();
        RecordedRequest timed = tracker.takeRequest();
        assertThat(first.event()).hasValue("started");
        assertThat(timed.event()).isEmpty();
        assertThat(timed.param("uploaded")).hasValue("2");
        assertThat(events.nextAnnounces.get(0).orElseThrow()).isBetween(Duration.ofMillis(900), Duration.ofMillis(1100));
    }

    @Test
    void sendsCustomParametersAndTheUserAgent() throws Exception {
        Events events = new Events();
        TrackerClient client = client(TrackerClient.builder(HASH, PeerId.random("-TC0001-"))
                .announce(tracker.httpAnnounceUrl()).port(6881)
                .announceOptions(() -> AnnounceOptions.none().withCustomParameters(Map.of("testParam", "this is a test"))),
                events);
        client.start();
        RecordedRequest request = tracker.takeRequest();
        assertThat(request.param("testParam")).hasValue("this is a test");
        assertThat(request.header("User-Agent")).hasValue("client-test/1");
    }

    @Test
    void numwantOneGivesOnePeer() throws Exception {
        for (int port = 7001; port <= 7002; port++) {
            Events events = new Events();
            TrackerClient c = client(tracker.httpAnnounceUrl(), port, events);
            c.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> events.updates.size() == 1);
        }
        Events third = new Events();
        TrackerClient client = client(TrackerClient.builder(HASH, PeerId.random("-TC0001-"))
                .announce(tracker.httpAnnounceUrl()).port(7003)
                .announceOptions(() -> AnnounceOptions.none().withNumWant(1)), third);
        client.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> third.updates.size() == 1);
        assertThat(third.peers).hasSize(1);
        assertThat(third.updates.get(0).incomplete()).hasValue(3);
    }

    @Test
    void unusableUrlsAndPortsAreWarningsAndTheOtherTrackersWork() throws Exception {
        Events events = new Events();
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
        assertThat(tracker.requestCount()).isEqualTo(1);
    }

    @Test
    void destroySilencesUpdates() throws Exception {
        tracker.enqueue(TrackerBehaviour.delay(Duration.ofMillis(300)));
        Events events = new Events();
        TrackerClient client = client(tracker.httpAnnounceUrl(), 6881, events);
        client.start();
        tracker.takeRequest();
        client.destroy();
        // the delayed answer arrives after destroy: nothing may be reported while it comes in
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2))
                .until(() -> events.updates.isEmpty() && events.peers.isEmpty());
    }

    @Test
    void scrapesEveryTracker() throws Exception {
        Events events = new Events();
        TrackerClient client = client(TrackerClient.builder(HASH, PeerId.random("-TC0001-"))
                .announce(tracker.httpAnnounceUrl(), tracker.udpAnnounceUrl()).port(6881), events);
        client.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.updates.size() == 2);
        Map<String, ScrapeResult> results = client.scrape().get(10, TimeUnit.SECONDS);
        assertThat(results).hasSize(2);
        assertThat(results.values()).allSatisfy(r -> assertThat(r.incomplete()).isEqualTo(1));
        assertThat(events.scrapes).hasSize(2);
    }

    @Test
    void backsOffExponentiallyWithACapAfterFailures() throws Exception {
        for (int i = 0; i < 5; i++) {
            tracker.enqueue(TrackerBehaviour.failure("busy"));
        }
        Events events = new Events();
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
            tracker.enqueue(TrackerBehaviour.body(200, "d14:failure reason4:busy8:retry ini3ee".getBytes(), Map.of()));
            Events events = new Events();
            TrackerClient client = client(TrackerClient.builder(HASH, PeerId.random("-TC0001-"))
                    .announce(tracker.httpAnnounceUrl(), other.httpAnnounceUrl()).port(6881), events);
            client.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> events.warnings.size() == 1);
            assertThat(events.warningRetries.get(0)).hasValue(Duration.ofMinutes(3));

            tracker.enqueue(TrackerBehaviour.body(200, "d14:failure reason4:gone8:retry in5:nevere".getBytes(),
                    Map.of()));
            client.update();
            await().atMost(Duration.ofSeconds(10)).until(() -> events.warnings.size() == 2);
            assertThat(events.warningRetries.get(1)).isEmpty();
            int toFirst = tracker.requestCount();
            int toSecond = other.requestCount();

            client.update();
            // both trackers would be announced to in the same pass: once the second has it, the first never will
            await().atMost(Duration.ofSeconds(10)).until(() -> other.requestCount() == toSecond + 1);
            assertThat(tracker.requestCount()).as("no announce after 'retry in: never'").isEqualTo(toFirst);
        }
    }

    @Test
    void neverAnnouncesSoonerThanMinInterval() throws Exception {
        tracker.enqueue(TrackerBehaviour.extraFields(Map.of("interval", 1, "min interval", 120)));
        Events events = new Events();
        TrackerClient client = client(tracker.httpAnnounceUrl(), 6881, events);
        client.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.updates.size() == 1);
        assertThat(events.nextAnnounces.get(0)).hasValue(Duration.ofSeconds(120));
        client.setInterval(Duration.ofSeconds(1));
    }

    @Test
    void twoTorrentsShareOneWebSocketConnection() throws Exception {
        TrackerRuntime webRtcRuntime = TrackerRuntime.create(TrackerClientOptions.builder()
                .webRtc(io.github.bttracker.it.ws.FakeWebRtcAccess.create("pool")).build());
        try {
            List<Events> all = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                byte[] hash = HASH.bytes();
                hash[0] = (byte) i;
                Events events = new Events();
                TrackerClient client = TrackerClient.builder(InfoHash.of(hash), PeerId.random("-TC0001-"))
                        .announce(tracker.wsAnnounceUrl()).runtime(webRtcRuntime).build();
                client.addListener(events);
                clients.add(client);
                client.start();
                all.add(events);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> all.stream().allMatch(e -> e.updates.size() == 1));
            assertThat(tracker.wsConnectionCount()).isEqualTo(1);
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
            Events events = new Events();
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
            assertThat(List.of(second.requestCount(), third.requestCount())).containsExactlyInAnyOrder(0, 3);
            assertThat(events.warnings).hasSize(3).allSatisfy(w -> assertThat(w.message())
                    .contains("trying the next tracker"));
            assertThat(tracker.requestCount()).isZero();
        }
    }

    @Test
    void announcesToEveryTrackerOfEveryTierWhenAsked() throws Exception {
        try (EmbeddedTracker second = EmbeddedTracker.start()) {
            Events events = new Events();
            TrackerClient client = client(TrackerClient.builder(HASH, PeerId.random("-TC0001-"))
                    .announceTiers(List.of(List.of(tracker.httpAnnounceUrl()), List.of(second.httpAnnounceUrl())))
                    .announceToAllTrackers().port(6881), events);
            client.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> events.updates.size() == 2);
            assertThat(tracker.requestCount()).isEqualTo(1);
            assertThat(second.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void announcesALargeTorrentsSizesExactly() throws Exception {
        long huge = 1L << 45; // 32 TiB: beyond 32 bits
        Events events = new Events();
        TrackerClient client = client(TrackerClient.builder(HASH, PeerId.random("-TC0001-"))
                .announce(tracker.httpAnnounceUrl(), tracker.udpAnnounceUrl()).port(6881)
                .announceOptions(() -> AnnounceOptions.of(huge + 1, huge + 2, huge)), events);
        client.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.updates.size() == 2);
        RecordedRequest http = tracker.takeRequest();
        assertThat(http.param("left")).hasValue(String.valueOf(huge));
        assertThat(http.param("uploaded")).hasValue(String.valueOf(huge + 1));
        RecordedDatagram udp = tracker.takeDatagram();
        while (!udp.isAnnounce()) {
            udp = tracker.takeDatagram();
        }
        assertThat(udp.left()).isEqualTo(huge);
        assertThat(udp.downloaded()).isEqualTo(huge + 2);
    }

    @Test
    void aMagnetLinkWithoutMetadataAnnouncesAnUnknownSize() throws Exception {
        Events events = new Events();
        TrackerClient client = client(TrackerClient.builder(HASH, PeerId.random("-TC0001-"))
                .announce(tracker.httpAnnounceUrl(), tracker.udpAnnounceUrl()).port(6881), events);
        client.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.updates.size() == 2);
        assertThat(tracker.takeRequest().param("left")).as("left unknown: not sent over HTTP").isEmpty();
        RecordedDatagram udp = tracker.takeDatagram();
        while (!udp.isAnnounce()) {
            udp = tracker.takeDatagram();
        }
        assertThat(udp.left()).as("left unknown: -1 over UDP, as libtorrent sends it").isEqualTo(-1);
        assertThat(events.updates).allSatisfy(u -> assertThat(u.incomplete()).hasValue(1));
    }

    @Test
    void aPortIsRequiredWithoutWebRtc() {
        assertThatThrownBy(() -> TrackerClient.builder(HASH, PeerId.random("-TC0001-"))
                .announce(tracker.httpAnnounceUrl()).runtime(runtime).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("port");
    }

    @Test
    void multiScrapesManyTorrentsFromOneTracker() throws Exception {
        List<InfoHash> hashes = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            byte[] b = new byte[20];
            b[0] = (byte) i;
            hashes.add(InfoHash.of(b));
        }
        Map<InfoHash, ScrapeResult> results = TrackerClient.scrape(runtime, tracker.udpAnnounceUrl(), hashes,
                Duration.ofSeconds(10)).get(20, TimeUnit.SECONDS);
        assertThat(results).hasSize(80);
        RecordedDatagram any = tracker.takeDatagram();
        assertThat(any).isNotNull();
    }
}
