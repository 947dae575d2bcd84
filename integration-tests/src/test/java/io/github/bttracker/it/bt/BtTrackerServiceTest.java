package io.github.bttracker.it.bt;

import static org.assertj.core.api.Assertions.assertThat;

import bt.metainfo.TorrentId;
import bt.net.Peer;
import bt.protocol.crypto.EncryptionPolicy;
import bt.tracker.AnnounceKey;
import bt.tracker.ITrackerService;
import bt.tracker.Tracker;
import bt.tracker.TrackerResponse;
import io.github.bttracker.bt.TrackerScrapeService;
import io.github.bttracker.bt.TrackerStatusService;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.ScrapeResult;
import io.github.bttracker.core.TrackerException;
import io.github.bttracker.core.TrackerStatus;
import io.github.bttracker.options.RetryPolicy;
import io.github.bttracker.options.TrackerClientOptions;
import io.github.bttracker.testing.EmbeddedTracker;
import io.github.bttracker.testing.RecordedRequest;
import io.github.bttracker.testing.TrackerBehaviour;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The plugin as the Bt engine sees it: the {@link ITrackerService} of a runtime built with the plugin. */
class BtTrackerServiceTest {

    EmbeddedTracker tracker;
    BtPeer peer;
    ITrackerService service;

    @BeforeEach
    void start() {
        tracker = EmbeddedTracker.start();
        peer = BtPeer.start(BtPeer.Trackers.PLUGIN_EXPLICIT, config -> {
            config.setNumberOfPeersToRequestFromTracker(77);
            config.setEncryptionPolicy(EncryptionPolicy.REQUIRE_ENCRYPTED);
        });
        service = peer.runtime().service(ITrackerService.class);
    }

    @AfterEach
    void stop() {
        peer.close();
        tracker.close();
    }

    static TorrentId torrent(int n) {
        byte[] bytes = new byte[20];
        bytes[0] = (byte) n;
        bytes[1] = (byte) (n >> 8);
        bytes[2] = (byte) (n >> 16);
        bytes[19] = (byte) 0x99;
        return TorrentId.fromBytes(bytes);
    }

    @Test
    void tellsTheTruthAboutSupportedSchemes() {
        assertThat(service.isSupportedProtocol("http://tracker.example/announce")).isTrue();
        assertThat(service.isSupportedProtocol("HTTPS://tracker.example/announce")).isTrue();
        assertThat(service.isSupportedProtocol("udp://tracker.example:6969/announce")).isTrue();
        assertThat(service.getTracker("udp://tracker.example:6969/announce").toString()).startsWith("bt-tracker{");
        assertThat(service.getTracker("http://tracker.example/announce").toString()).startsWith("bt-tracker{");
        // WebSocket trackers are supported, so a torrent that lists one keeps all its trackers (Bt skips them all
        // when one scheme is unsupported)
        assertThat(service.isSupportedProtocol("wss://tracker.example")).isTrue();
        assertThat(service.isSupportedProtocol("ws://tracker.example/announce")).isTrue();
        assertThat(service.isSupportedProtocol("gopher://tracker.example")).isFalse();
        assertThat(service.isSupportedProtocol("no scheme at all")).isFalse();
    }

    @Test
    void announcesWithTheEnginesParameters() {
        TrackerResponse response = service.getTracker(tracker.httpAnnounceUrl()).request(torrent(1)).start();
        assertThat(response.isSuccess()).isTrue();
        RecordedRequest recorded = tracker.http().take();
        assertThat(recorded.param("port")).hasValue(String.valueOf(peer.port()));
        assertThat(recorded.param("numwant")).hasValue("77");
        assertThat(recorded.param("requirecrypto")).hasValue("1");
        assertThat(recorded.param("ip")).isEmpty();
        // a torrent the engine does not know: no session state, so no 'left'
        assertThat(recorded.param("left")).isEmpty();
        assertThat(recorded.param("uploaded")).hasValue("0");
    }

    /**
     * {@code supportcrypto} and {@code requirecrypto} say what the runtime's policy is only when it can encrypt at all:
     * with message stream encryption off, Bt speaks plaintext whatever its policy says.
     */
    @ParameterizedTest
    @CsvSource({
        "PREFER_PLAINTEXT, false, supportcrypto",
        "PREFER_ENCRYPTED, false, supportcrypto",
        "REQUIRE_ENCRYPTED, false, requirecrypto",
        "REQUIRE_PLAINTEXT, false, ",
        "PREFER_PLAINTEXT, true, ",
        "PREFER_ENCRYPTED, true, ",
        "REQUIRE_ENCRYPTED, true, "})
    void advertisesEncryptionOnlyWhenTheRuntimeCanEncrypt(EncryptionPolicy policy, boolean mseDisabled,
                                                          String advertised) {
        try (BtPeer other = BtPeer.start(BtPeer.Trackers.PLUGIN_EXPLICIT, config -> {
            config.setEncryptionPolicy(policy);
            config.setMseDisabled(mseDisabled);
        })) {
            TrackerResponse response = other.runtime().service(ITrackerService.class)
                    .getTracker(tracker.httpAnnounceUrl()).request(torrent(9)).start();
            assertThat(response.isSuccess()).isTrue();
            RecordedRequest recorded = tracker.http().take();
            for (String parameter : List.of("supportcrypto", "requirecrypto")) {
                if (parameter.equals(advertised)) {
                    assertThat(recorded.param(parameter)).as(parameter).hasValue("1");
                } else {
                    assertThat(recorded.param(parameter)).as(parameter).isEmpty();
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws://127.0.0.1:65536/announce", "wss://127.0.0.1:0/announce",
        "http://127.0.0.1:65536/announce", "udp://127.0.0.1:65536/announce"})
    void aPortOutOfRangeIsRejectedAtOnce(String url) {
        TrackerResponse response = service.getTracker(url).request(torrent(4)).start();
        assertThat(response.isSuccess()).isFalse();
        assertThat(response.getError()).get().isInstanceOfSatisfying(TrackerException.class,
                e -> assertThat(e.kind()).isEqualTo(TrackerException.Kind.INVALID_URL));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://t.example/an nounce?passkey=K3y5ecret",
        "udp://t.example:6969/a nnounce?passkey=K3y5ecret", "ws://t.example/an nounce?passkey=K3y5ecret", "http://t.example:99999/announce?name=it's&passkey=K3y5ecret"})
    void anUnusableUrlsPasskeyReachesNoMessageAndNoCause(String url) {
        TrackerResponse response = service.getTracker(url).request(torrent(5)).start();
        assertThat(response.isSuccess()).isFalse();
        Throwable error = response.getError().orElseThrow();
        assertThat(error).isInstanceOfSatisfying(TrackerException.class,
                e -> assertThat(e.kind()).isEqualTo(TrackerException.Kind.INVALID_URL));
        // Bt logs a failed response's error with its causes
        for (Throwable t = error; t != null; t = t.getCause()) {
            assertThat(t.getMessage()).doesNotContain("K3y5ecret");
            assertThat(t.toString()).doesNotContain("K3y5ecret");
        }
        assertThat(String.valueOf(response.getErrorMessage())).doesNotContain("K3y5ecret");
    }

    @Test
    void handsTheEngineUsablePeersOnceEachAndNeverItself() {
        tracker.http().enqueue(TrackerBehaviour.extraPeers(
                io.github.bttracker.it.client.MessyPeerList.listed(peer.port())));
        TrackerResponse response = service.getTracker(tracker.httpAnnounceUrl()).request(torrent(3)).start();
        List<String> peers = new ArrayList<>();
        response.getPeers().forEach(p -> peers.add(io.github.bttracker.core.PeerAddress.of(p.getInetAddress(),
                p.getPort()).toString()));
        assertThat(peers).containsExactlyElementsOf(io.github.bttracker.it.client.MessyPeerList.CLEANED);
    }

    @Test
    void returnsPeersCountsAndFailuresToTheEngine() throws Exception {
        Tracker bt = service.getTracker(tracker.httpAnnounceUrl());
        tracker.http().enqueue(TrackerBehaviour.extraPeers(List.of(new java.net.InetSocketAddress("::1", 7777))));
        TrackerResponse response = bt.request(torrent(2)).start();
        List<Peer> peers = new ArrayList<>();
        response.getPeers().forEach(peers::add);
        assertThat(peers).singleElement().satisfies(p -> {
            assertThat(p.getInetAddress()).isEqualTo(InetAddress.getByName("::1"));
            assertThat(p.getPort()).isEqualTo(7777);
        });
        // the tracker's interval with the plugin's ±10% jitter (the schedule it shares with the standalone client)
        assertThat(response.getInterval()).isBetween((int) (tracker.interval() * 0.9), (int) (tracker.interval() * 1.1));
        assertThat(response.getLeecherCount()).isEqualTo(1);

        tracker.http().enqueue(TrackerBehaviour.failure("banned client"));
        TrackerResponse failed = bt.request(torrent(2)).query();
        assertThat(failed.isSuccess()).isFalse();
        assertThat(failed.getErrorMessage()).isEqualTo("banned client");
    }

    @Test
    void aDeadTrackerIsAFailedResponseNotAnException() throws Exception {
        TrackerResponse response = service.getTracker("http://127.0.0.1:" + deadPort() + "/announce")
                .request(torrent(3)).start();
        assertThat(response.isSuccess()).isFalse();
        assertThat(response.getError()).hasValueSatisfying(e -> assertThat(e).isInstanceOf(TrackerException.class)
                .hasMessageContaining("could not connect"));
    }

    @Test
    void givesBtTheIntervalWithJitterButNeverBelowTheMinInterval() {
        Tracker bt = service.getTracker(tracker.httpAnnounceUrl());
        tracker.setInterval(1000);
        java.util.Set<Integer> intervals = new java.util.HashSet<>();
        for (int i = 0; i < 10; i++) {
            int interval = bt.request(torrent(20)).query().getInterval();
            assertThat(interval).isBetween(900, 1100);
            intervals.add(interval);
        }
        assertThat(intervals).as("jittered, so that a swarm's announces spread out").hasSizeGreaterThan(1);

        for (int i = 0; i < 10; i++) {
            tracker.http().enqueue(TrackerBehaviour.extraFields(Map.of("min interval", 1000)));
            TrackerResponse response = bt.request(torrent(20)).query();
            assertThat(response.getMinInterval()).isEqualTo(1000);
            assertThat(response.getInterval()).isBetween(1000, 1100);
        }
    }

    @Test
    void backsOffAfterAFailureWithoutContactingTheTrackerButStillSendsCompletedAndStopped() {
        Tracker bt = service.getTracker(tracker.httpAnnounceUrl());
        tracker.http().enqueue(TrackerBehaviour.failure("busy"));
        assertThat(bt.request(torrent(21)).start().getErrorMessage()).isEqualTo("busy");

        // Bt retries a failed tracker every minute, forever; the plugin holds the retries back for its back-off
        TrackerResponse heldBack = bt.request(torrent(21)).start();
        assertThat(heldBack.isSuccess()).isFalse();
        assertThat(heldBack.getErrorMessage()).contains("not contacting " + tracker.httpAnnounceUrl())
                .contains("backing off after 1 failure(s): the tracker refused the announce: busy");
        assertThat(bt.request(torrent(21)).query().getErrorMessage()).contains("backing off");
        assertThat(tracker.http().count()).isEqualTo(1);
        // another torrent on the same tracker has its own schedule
        assertThat(bt.request(torrent(22)).start().isSuccess()).isTrue();

        assertThat(bt.request(torrent(21)).complete().isSuccess()).isTrue();
        assertThat(bt.request(torrent(21)).stop().isSuccess()).isTrue();
        assertThat(tracker.http().count()).isEqualTo(4);
        tracker.http().take();
        tracker.http().take();
        assertThat(tracker.http().take().param("event")).hasValue("completed");
        assertThat(tracker.http().take().param("event")).hasValue("stopped");
    }

    @Test
    void theBackOffIsAnOptionAndAnnouncesResumeAfterIt() {
        try (BtPeer quick = BtPeer.start(BtPeer.Trackers.PLUGIN_EXPLICIT, config -> { },
                TrackerClientOptions.defaults()
                        .withRetry(new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(1))))) {
            Tracker bt = quick.runtime().service(ITrackerService.class).getTracker(tracker.httpAnnounceUrl());
            tracker.http().enqueue(TrackerBehaviour.failure("busy"));
            assertThat(bt.request(torrent(25)).start().getErrorMessage()).isEqualTo("busy");
            assertThat(bt.request(torrent(25)).start().getErrorMessage()).contains("backing off");
            // after the 200 ms back-off (±25%) the next start goes out again, and succeeds
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> bt.request(torrent(25)).start().isSuccess());
            assertThat(tracker.http().count()).isEqualTo(2);
        }
    }

    @Test
    void aTrackerThatSaysRetryNeverIsNotAskedAgain() {
        Tracker bt = service.getTracker(tracker.httpAnnounceUrl());
        tracker.http().enqueue(TrackerBehaviour.body(200, "d14:failure reason4:gone8:retry in5:nevere".getBytes(), Map.of()));
        assertThat(bt.request(torrent(23)).start().getErrorMessage()).isEqualTo("gone");
        for (int i = 0; i < 3; i++) {
            assertThat(bt.request(torrent(23)).query().getErrorMessage())
                    .contains("asked never to be retried").contains("gone");
        }
        assertThat(tracker.http().count()).isEqualTo(1);
    }

    @Test
    void reportsEachTrackersStatusThroughTheStatusService() {
        TrackerStatusService statusService = peer.runtime().service(TrackerStatusService.class);
        Tracker bt = service.getTracker(tracker.httpAnnounceUrl());
        assertThat(statusService.status(torrent(24))).isEmpty();

        java.time.Instant before = java.time.Instant.now();
        bt.request(torrent(24)).start();
        assertThat(statusService.status(torrent(24))).singleElement().satisfies(status -> {
            assertThat(status.trackerUrl()).isEqualTo(tracker.httpAnnounceUrl());
            assertThat(status.state()).isEqualTo(TrackerStatus.State.OK);
            assertThat(status.successes()).isEqualTo(1);
            assertThat(status.failures()).isZero();
            assertThat(status.leechers()).hasValue(1L);
            assertThat(status.seeders()).hasValue(0L);
            assertThat(status.lastAnnounce()).hasValueSatisfying(t -> assertThat(t).isAfterOrEqualTo(before));
            assertThat(status.lastEvent()).hasValue(io.github.bttracker.core.AnnounceEvent.STARTED);
            assertThat(status.nextAnnounce()).hasValueSatisfying(t -> assertThat(t)
                    .isAfter(before.plusSeconds((long) (tracker.interval() * 0.9) - 1)));
            assertThat(status.lastError()).isEmpty();
        });

        tracker.http().enqueue(TrackerBehaviour.failure("maintenance"));
        bt.request(torrent(24)).query();
        assertThat(statusService.status(torrent(24))).singleElement().satisfies(status -> {
            assertThat(status.state()).isEqualTo(TrackerStatus.State.FAILING);
            assertThat(status.failures()).isEqualTo(1);
            assertThat(status.lastEvent()).hasValue(io.github.bttracker.core.AnnounceEvent.NONE);
            assertThat(status.lastError()).hasValue("the tracker refused the announce: maintenance");
        });

        bt.request(torrent(24)).stop();
        assertThat(statusService.status(torrent(24))).as("a stopped torrent has no trackers").isEmpty();
    }

    @Test
    void sendsTheTrackerIdBackUntilStopped() {
        Tracker bt = service.getTracker(tracker.httpAnnounceUrl());
        tracker.http().enqueue(TrackerBehaviour.extraFields(Map.of("tracker id", "abc\u00ff".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))));
        bt.request(torrent(4)).start();
        bt.request(torrent(4)).query();
        bt.request(torrent(4)).stop();
        bt.request(torrent(4)).start();

        assertThat(tracker.http().take().param("trackerid")).isEmpty();
        assertThat(tracker.http().take().param("trackerid")).hasValue("abc\u00ff");
        assertThat(tracker.http().take().param("trackerid")).hasValue("abc\u00ff");
        assertThat(tracker.http().take().param("trackerid")).isEmpty();
    }

    @Test
    void triesTiersInOrderAndKeepsUsingTheTrackerThatAnswered() throws Exception {
        try (EmbeddedTracker second = EmbeddedTracker.start(); EmbeddedTracker third = EmbeddedTracker.start()) {
            String dead = "http://127.0.0.1:" + deadPort() + "/announce";
            AnnounceKey key = new AnnounceKey(List.of(List.of(dead),
                    List.of(second.httpAnnounceUrl(), third.httpAnnounceUrl())));
            assertThat(service.isSupportedProtocol(dead)).isTrue();

            for (int i = 0; i < 5; i++) {
                assertThat(service.getTracker(key).request(torrent(5)).query().isSuccess()).isTrue();
            }
            // the engine asks for the tracker of an announce key anew from each component: same order for all
            assertThat(service.getTracker(key)).isSameAs(service.getTracker(key));
            assertThat(List.of(second.http().count(), third.http().count())).containsExactlyInAnyOrder(0, 5);
        }
    }

    @Test
    void movesPastATrackerThatRefusesWithinATier() {
        try (EmbeddedTracker refusing = EmbeddedTracker.start()) {
            for (int i = 0; i < 10; i++) {
                refusing.http().enqueue(TrackerBehaviour.failure("overloaded"));
            }
            AnnounceKey key = new AnnounceKey(List.of(List.of(refusing.httpAnnounceUrl(), tracker.httpAnnounceUrl())));
            for (int i = 0; i < 5; i++) {
                assertThat(service.getTracker(key).request(torrent(6)).query().isSuccess()).isTrue();
            }
            assertThat(tracker.http().count()).isEqualTo(5);
            assertThat(refusing.http().count()).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void whenEveryTrackerFailsTheLastFailureIsReturned() throws Exception {
        tracker.http().enqueue(TrackerBehaviour.failure("no thanks"));
        AnnounceKey key = new AnnounceKey(List.of(List.of("http://127.0.0.1:" + deadPort() + "/announce"),
                List.of(tracker.httpAnnounceUrl())));
        TrackerResponse response = service.getTracker(key).request(torrent(7)).start();
        assertThat(response.isSuccess()).isFalse();
        assertThat(response.getErrorMessage()).isEqualTo("no thanks");
    }

    @Test
    void scrapesThroughTheRuntimesScrapeService() throws Exception {
        service.getTracker(tracker.httpAnnounceUrl()).request(torrent(8)).start();
        TrackerScrapeService scrape = peer.runtime().service(TrackerScrapeService.class);
        InfoHash known = TrackerScrapeService.infoHash(torrent(8));
        InfoHash unknown = TrackerScrapeService.infoHash(torrent(9));

        Map<InfoHash, ScrapeResult> results = scrape.scrape(tracker.httpAnnounceUrl(), known, unknown)
                .get(10, TimeUnit.SECONDS);

        assertThat(results).containsEntry(known, new ScrapeResult(known, 0, 1, 0))
                .containsEntry(unknown, new ScrapeResult(unknown, 0, 0, 0));
    }

    @Test
    void scrapeFailuresNameTheTrackerAndTheCause() {
        TrackerScrapeService scrape = peer.runtime().service(TrackerScrapeService.class);
        // not on loopback: there, the SSRF rules would refuse the path before scrape is even considered
        String url = "http://tracker.example/tracker.php";
        assertThat(scrape.scrape(url, InfoHash.of(new byte[20])))
                .failsWithin(Duration.ofSeconds(10))
                .withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(TrackerException.class)
                .withMessageContaining(url).withMessageContaining("scrape is not supported");
    }

    static int deadPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
