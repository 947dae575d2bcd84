package io.github.bttracker.it.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.github.bttracker.AnnounceOptions;
import io.github.bttracker.TrackerClient;
import io.github.bttracker.TrackerRuntime;
import io.github.bttracker.core.AnnounceEvent;
import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.core.ScrapeResult;
import io.github.bttracker.it.bt.BtPeer;
import io.github.bttracker.it.bt.TestTorrent;
import io.github.bttracker.it.client.ClientEvents;
import io.github.bttracker.it.jstracker.JsTracker;
import io.github.bttracker.it.jstracker.JsTrackerEndpoint;
import io.github.bttracker.it.jstracker.JsTrackerPackage;
import io.github.bttracker.it.jstracker.JsTrackerStats;
import io.github.bttracker.it.jstracker.JsTrackerSwarm;
import io.github.bttracker.options.TrackerClientOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The standalone client, the transports and Bt with the plugin against PeerTube's fork of the reference
 * JavaScript tracker, {@code @peertube/bittorrent-tracker-server} 11.1.2, on loopback: HTTP and UDP over 127.0.0.1
 * and ::1. Every count and peer is checked against what the tracker itself holds: its swarm (the test harness's
 * {@code /swarm.json}) and its {@code /stats.json}.
 */
class PeerTubeTrackerTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final long SIZE = 1_000;

    @TempDir
    Path dir;

    JsTracker tracker;
    TrackerRuntime runtime;
    List<TrackerClient> clients = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        tracker = JsTracker.start(JsTrackerPackage.PEERTUBE);
        runtime = TrackerRuntime.create(TrackerClientOptions.defaults());
    }

    @AfterEach
    void stop() {
        clients.forEach(TrackerClient::destroy);
        runtime.close();
        tracker.close();
    }

    /** A random hash: most have bytes of 0x80 and above, which the tracker's HTTP scrape writes back UTF-8 encoded. */
    static InfoHash randomHash() {
        byte[] bytes = new byte[20];
        ThreadLocalRandom.current().nextBytes(bytes);
        return InfoHash.of(bytes);
    }

    JsTrackerSwarm swarm(InfoHash hash) {
        return tracker.swarm(hash).orElseThrow(() -> new AssertionError("the tracker has no swarm " + hash));
    }

    /**
     * Checks that the tracker's swarm holds {@code peer} alone and that the client's {@code update} reported the
     * swarm's counts.
     */
    JsTrackerSwarm assertSwarmHoldsOnly(InfoHash hash, JsTrackerSwarm.Peer peer, AnnounceResponse update) {
        JsTrackerSwarm swarm = swarm(hash);
        assertThat(swarm.peers()).containsExactly(peer);
        assertThat(update.complete()).hasValue(swarm.complete());
        assertThat(update.incomplete()).hasValue(swarm.incomplete());
        return swarm;
    }

    @ParameterizedTest
    @EnumSource(value = JsTrackerEndpoint.class, mode = EnumSource.Mode.EXCLUDE, names = "WS")
    void standaloneClientStartsCompletesScrapesAndStopsAsTheTrackerRecordsIt(JsTrackerEndpoint endpoint)
            throws Exception {
        InfoHash hash = randomHash();
        PeerId peer = PeerId.random("-PT0001-");
        int port = 7100 + endpoint.ordinal();
        AtomicLong left = new AtomicLong(SIZE);
        ClientEvents events = new ClientEvents();
        TrackerClient client = TrackerClient.builder(hash, peer).announce(endpoint.url(tracker)).port(port)
                .announceOptions(() -> AnnounceOptions.of(0, SIZE - left.get(), left.get()))
                .runtime(runtime).build();
        clients.add(client);
        client.addListener(events);

        client.start();
        await().atMost(TIMEOUT).until(() -> events.updates.size() == 1);
        JsTrackerSwarm started = assertSwarmHoldsOnly(hash,
                new JsTrackerSwarm.Peer(endpoint.type(), peer, endpoint.ip(), port, false), events.updates.get(0));
        assertThat(started.incomplete()).isEqualTo(1);
        JsTrackerStats leeching = tracker.stats();
        assertThat(leeching.peersLeecherOnly()).isEqualTo(1);
        assertThat(endpoint.ip().equals("::1") ? leeching.peersIPv6() : leeching.peersIPv4()).isEqualTo(1);

        left.set(0);
        client.complete();
        await().atMost(TIMEOUT).until(() -> events.updates.size() == 2);
        JsTrackerSwarm completed = assertSwarmHoldsOnly(hash,
                new JsTrackerSwarm.Peer(endpoint.type(), peer, endpoint.ip(), port, true), events.updates.get(1));
        assertThat(completed.complete()).isEqualTo(1);
        assertThat(completed.incomplete()).isZero();
        assertThat(tracker.stats().peersSeederOnly()).isEqualTo(1);

        ScrapeResult scraped = client.scrape().get(20, TimeUnit.SECONDS).get(endpoint.url(tracker));
        assertThat(scraped.complete()).isEqualTo(completed.complete());
        assertThat(scraped.incomplete()).isEqualTo(completed.incomplete());
        // this tracker counts no downloads: it reports its seed count as 'downloaded'
        assertThat(scraped.downloaded()).isEqualTo(completed.complete());

        client.stop().get(20, TimeUnit.SECONDS);
        JsTrackerSwarm stopped = swarm(hash);
        assertThat(stopped.peers()).isEmpty();
        assertThat(stopped.complete() + stopped.incomplete()).isZero();
        assertThat(tracker.stats().peersAll()).isZero();

        assertThat(events.warnings).isEmpty();
        assertThat(events.errors).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = JsTrackerEndpoint.class, mode = EnumSource.Mode.EXCLUDE, names = "WS")
    void multiScrapeReportsTheTrackersOwnCounts(JsTrackerEndpoint endpoint) throws Exception {
        String url = endpoint.url(tracker);
        InfoHash seeded = randomHash();
        InfoHash leeched = randomHash();
        InfoHash unknown = randomHash();
        announce(url, seeded, 7201, 0);
        announce(url, seeded, 7202, 0);
        announce(url, leeched, 7203, SIZE);

        Map<InfoHash, ScrapeResult> results = TrackerClient.scrape(runtime, url, List.of(seeded, leeched, unknown),
                TIMEOUT).get(20, TimeUnit.SECONDS);

        for (InfoHash hash : List.of(seeded, leeched)) {
            JsTrackerSwarm swarm = swarm(hash);
            assertThat(results.get(hash).complete()).as("%s seeds", hash).isEqualTo(swarm.complete());
            assertThat(results.get(hash).incomplete()).as("%s leechers", hash).isEqualTo(swarm.incomplete());
        }
        assertThat(swarm(seeded).complete()).isEqualTo(2);
        assertThat(swarm(leeched).incomplete()).isEqualTo(1);
        assertThat(tracker.swarm(unknown)).isEmpty();
        assertThat(results.get(unknown)).isEqualTo(new ScrapeResult(unknown, 0, 0, 0));
    }

    void announce(String url, InfoHash hash, int port, long left) throws Exception {
        AnnounceResponse response = runtime.announce(url, AnnounceRequest.builder(hash, PeerId.random("-PT0001-"), port)
                .event(AnnounceEvent.STARTED).left(left).build(), TIMEOUT).get(20, TimeUnit.SECONDS);
        assertThat(response.isSuccess()).as("%s", response).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = JsTrackerEndpoint.class, names = {"HTTP", "UDP"})
    void btDownloadsThroughTheTracker(JsTrackerEndpoint endpoint) throws Exception {
        TestTorrent torrent = TestTorrent.create(dir, 1_500_000, 45, List.of(List.of(endpoint.url(tracker))));
        BtPeer.seedAndDownload(torrent, dir, () -> BtPeer.start(BtPeer.Trackers.PLUGIN_AUTO_LOADED),
                seeder -> await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(tracker.swarm(torrent.infoHash())).hasValueSatisfying(swarm ->
                                assertThat(swarm.peers()).extracting(JsTrackerSwarm.Peer::type,
                                                JsTrackerSwarm.Peer::ip, JsTrackerSwarm.Peer::port,
                                                JsTrackerSwarm.Peer::complete)
                                        .containsExactly(tuple(endpoint.type(), endpoint.ip(), seeder.port(), true)))));
        // both runtimes announced 'stopped' as they shut down
        await().atMost(TIMEOUT).untilAsserted(() -> {
            JsTrackerSwarm swarm = swarm(torrent.infoHash());
            assertThat(swarm.peers()).isEmpty();
            assertThat(swarm.complete() + swarm.incomplete()).isZero();
        });
    }
}
