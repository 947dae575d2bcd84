package io.github.bttracker.it.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bttracker.TrackerRuntime;
import io.github.bttracker.core.AnnounceEvent;
import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerAddress;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.core.ScrapeResult;
import io.github.bttracker.it.jstracker.JsTracker;
import io.github.bttracker.it.jstracker.JsTrackerEndpoint;
import io.github.bttracker.it.ws.FakeWebRtc;
import io.github.bttracker.options.TrackerClientOptions;
import io.github.bttracker.options.WebSocketOptions;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HTTP, UDP (IPv4 and IPv6) and WebSocket against the reference JavaScript tracker, bittorrent-tracker 11.2.3, on
 * loopback.
 */
class JsTrackerTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    JsTracker tracker;
    List<TrackerRuntime> runtimes = new ArrayList<>();

    @BeforeEach
    void start() {
        tracker = JsTracker.start();
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

    /** Hashes with bytes of 0x80 and above, which the tracker's scrape writes back UTF-8 encoded. */
    static InfoHash hash(int n) {
        byte[] b = new byte[20];
        b[0] = (byte) 0xE0;
        b[1] = (byte) n;
        b[2] = (byte) (n >> 8);
        b[19] = (byte) 0xFF;
        return InfoHash.of(b);
    }

    static AnnounceResponse announce(TrackerRuntime runtime, String url, InfoHash hash, int port, long left,
                                     AnnounceEvent event) throws Exception {
        return runtime.announce(url, AnnounceRequest.builder(hash, PeerId.random("-TS0001-"), port).event(event)
                .left(left).build(), TIMEOUT).get(20, TimeUnit.SECONDS);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(JsTrackerEndpoint.class)
    void startUpdateCompleteAndStopShowInTheTrackersStats(JsTrackerEndpoint endpoint) throws Exception {
        // WebSocket announces join the swarm only with a WebRTC implementation
        TrackerRuntime runtime = runtime(TrackerClientOptions.defaults()
                .withWebSocket(WebSocketOptions.defaults()
                        .withWebRtc(new FakeWebRtc("lifecycle"))));
        String url = endpoint.url(tracker);
        InfoHash hash = hash(10 + endpoint.ordinal());
        PeerId seeder = PeerId.random("-SE0001-");
        PeerId leecher = PeerId.random("-LE0001-");

        announce(runtime, url, hash, seeder, 7101, 0, AnnounceEvent.STARTED);
        AnnounceResponse started = announce(runtime, url, hash, leecher, 7102, 100, AnnounceEvent.STARTED);
        assertThat(started.complete()).hasValue(1);
        assertThat(started.incomplete()).hasValue(1);
        assertThat(tracker.stats().peersSeederOnly()).isEqualTo(1);
        assertThat(tracker.stats().peersLeecherOnly()).isEqualTo(1);

        AnnounceResponse updated = announce(runtime, url, hash, leecher, 7102, 50, AnnounceEvent.NONE);
        assertThat(updated.incomplete()).hasValue(1);
        assertThat(tracker.stats().peersAll()).isEqualTo(2);

        AnnounceResponse completed = announce(runtime, url, hash, leecher, 7102, 0, AnnounceEvent.COMPLETED);
        assertThat(completed.complete()).hasValue(2);
        assertThat(tracker.stats().peersSeederOnly()).isEqualTo(2);

        announce(runtime, url, hash, seeder, 7101, 0, AnnounceEvent.STOPPED);
        announce(runtime, url, hash, leecher, 7102, 0, AnnounceEvent.STOPPED);
        assertThat(tracker.stats().peersAll()).isZero();
    }

    static AnnounceResponse announce(TrackerRuntime runtime, String url, InfoHash hash, PeerId peer, int port,
                                     long left, AnnounceEvent event) throws Exception {
        return runtime.announce(url, AnnounceRequest.builder(hash, peer, port).event(event).left(left).numWant(5)
                .build(), TIMEOUT).get(20, TimeUnit.SECONDS);
    }

    @Test
    void httpAnnouncesCountAndListPeersOnIpv4AndIpv6() throws Exception {
        TrackerRuntime runtime = runtime(TrackerClientOptions.defaults());
        InfoHash hash = hash(1);
        announce(runtime, tracker.httpAnnounceUrl(), hash, 7001, 0, AnnounceEvent.STARTED);
        AnnounceResponse second = announce(runtime, tracker.httpAnnounceUrl(), hash, 7002, 10, AnnounceEvent.STARTED);
        assertThat(second.complete()).hasValue(1);
        assertThat(second.incomplete()).hasValue(1);
        assertThat(second.peers()).contains(PeerAddress.of(InetAddress.getByName("127.0.0.1"), 7001));

        AnnounceResponse overIpv6 = announce(runtime, tracker.http6AnnounceUrl(), hash, 7003, 10,
                AnnounceEvent.STARTED);
        // the tracker lists the two IPv4 peers (and the requester, which the client leaves out: its own port here)
        assertThat(overIpv6.peers()).containsExactlyInAnyOrder(
                PeerAddress.of(InetAddress.getByName("127.0.0.1"), 7001),
                PeerAddress.of(InetAddress.getByName("127.0.0.1"), 7002));
        assertThat(tracker.stats().peersIPv6()).isEqualTo(1);

        announce(runtime, tracker.httpAnnounceUrl(), hash, 7002, 0, AnnounceEvent.COMPLETED);
        announce(runtime, tracker.httpAnnounceUrl(), hash, 7001, 0, AnnounceEvent.STOPPED);
        Map<InfoHash, ScrapeResult> counts = runtime.scrape(tracker.httpAnnounceUrl(), List.of(hash), TIMEOUT)
                .get(20, TimeUnit.SECONDS);
        assertThat(counts.get(hash).complete()).isEqualTo(1);
        assertThat(counts.get(hash).incomplete()).isEqualTo(1);
    }

    @Test
    void udpAnnouncesOverIpv4AndIpv6() throws Exception {
        TrackerRuntime runtime = runtime(TrackerClientOptions.defaults());
        InfoHash hash = hash(2);
        announce(runtime, tracker.udpAnnounceUrl(), hash, 7011, 0, AnnounceEvent.STARTED);
        AnnounceResponse v4 = announce(runtime, tracker.udpAnnounceUrl(), hash, 7012, 5, AnnounceEvent.STARTED);
        assertThat(v4.peers()).contains(PeerAddress.of(InetAddress.getByName("127.0.0.1"), 7011));
        assertThat(v4.complete()).hasValue(1);
        assertThat(v4.incomplete()).hasValue(1);
        // over IPv6 this tracker answers with 6-byte IPv4 entries: they must be read as such
        AnnounceResponse v6 = announce(runtime, tracker.udp6AnnounceUrl(), hash, 7013, 5, AnnounceEvent.STARTED);
        assertThat(v6.isSuccess()).isTrue();
        assertThat(v6.peers()).contains(PeerAddress.of(InetAddress.getByName("127.0.0.1"), 7011),
                PeerAddress.of(InetAddress.getByName("127.0.0.1"), 7012));
        assertThat(v6.incomplete()).hasValue(2);
    }

    @Test
    void multiScrapesOverHttpAndUdpWithTheAnnouncedCounts() throws Exception {
        TrackerRuntime runtime = runtime(TrackerClientOptions.defaults());
        List<InfoHash> hashes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            hashes.add(hash(100 + i));
        }
        announce(runtime, tracker.httpAnnounceUrl(), hashes.get(0), 7021, 0, AnnounceEvent.STARTED);
        announce(runtime, tracker.httpAnnounceUrl(), hashes.get(99), 7022, 3, AnnounceEvent.STARTED);
        for (String url : List.of(tracker.httpAnnounceUrl(), tracker.udpAnnounceUrl())) {
            Map<InfoHash, ScrapeResult> results = runtime.scrape(url, hashes, TIMEOUT).get(20, TimeUnit.SECONDS);
            assertThat(results.get(hashes.get(0)).complete()).as(url).isEqualTo(1);
            assertThat(results.get(hashes.get(0)).incomplete()).as(url).isZero();
            assertThat(results.get(hashes.get(99)).incomplete()).as(url).isEqualTo(1);
        }
    }

    @Test
    void webSocketCountsWithoutWebRtcAndScrape() throws Exception {
        TrackerRuntime plain = runtime(TrackerClientOptions.defaults());
        TrackerRuntime withRtc = runtime(TrackerClientOptions.defaults()
                .withWebSocket(WebSocketOptions.defaults()
                        .withWebRtc(new FakeWebRtc("js"))));
        InfoHash hash = hash(3);
        AnnounceResponse joined = announce(withRtc, tracker.wsAnnounceUrl(), hash, 0, 0, AnnounceEvent.STARTED);
        assertThat(joined.isSuccess()).isTrue();
        assertThat(joined.interval()).hasValue(Duration.ofSeconds(120));

        AnnounceResponse counted = announce(plain, tracker.wsAnnounceUrl(), hash, 0, 10, AnnounceEvent.STARTED);
        assertThat(counted.complete()).hasValue(1);
        assertThat(counted.incomplete()).hasValue(0);
        assertThat(counted.peers()).isEmpty();
        assertThat(tracker.stats().peersAll()).as("the client without WebRTC did not join").isEqualTo(1);
    }

    @Test
    void twoClientsExchangeAnOfferAndAnAnswerThroughTheJavaScriptTracker() throws Exception {
        var alice = new FakeWebRtc("alice");
        var bob = new FakeWebRtc("bob");
        TrackerRuntime aliceRuntime = runtime(TrackerClientOptions.defaults()
                .withWebSocket(WebSocketOptions.defaults().withWebRtc(alice)));
        TrackerRuntime bobRuntime = runtime(TrackerClientOptions.defaults()
                .withWebSocket(WebSocketOptions.defaults().withWebRtc(bob)));
        InfoHash hash = hash(4);
        PeerId alicePeer = PeerId.random("-AL0001-");
        PeerId bobPeer = PeerId.random("-BO0001-");
        aliceRuntime.announce(tracker.wsAnnounceUrl(), AnnounceRequest.builder(hash, alicePeer, 0)
                .event(AnnounceEvent.STARTED).left(10).numWant(5).build(), TIMEOUT).get(20, TimeUnit.SECONDS);
        bobRuntime.announce(tracker.wsAnnounceUrl(), AnnounceRequest.builder(hash, bobPeer, 0)
                .event(AnnounceEvent.STARTED).left(10).numWant(5).build(), TIMEOUT).get(20, TimeUnit.SECONDS);

        var offer = alice.nextOffer();
        assertThat(offer.remotePeer()).isEqualTo(bobPeer);
        var answer = bob.nextAnswer();
        assertThat(answer.remotePeer()).isEqualTo(alicePeer);
        assertThat(answer.offerId()).isEqualTo(offer.offerId());
    }
}
