package io.github.bttracker.it.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.bttracker.TrackerRuntime;
import io.github.bttracker.core.AnnounceEvent;
import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerAddress;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.core.ScrapeResult;
import io.github.bttracker.core.TrackerException.Kind;
import io.github.bttracker.core.TrackerException;
import io.github.bttracker.it.Futures;
import io.github.bttracker.options.ConnectionOptions;
import io.github.bttracker.options.TrackerClientOptions;
import io.github.bttracker.options.UdpOptions;
import io.github.bttracker.testing.EmbeddedTracker;
import io.github.bttracker.testing.RecordedDatagram;
import io.github.bttracker.testing.UdpBehaviour;
import io.github.bttracker.testing.UdpPeerEntries;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The UDP transport against the embedded tracker's UDP front end on loopback, with scripted loss and garbage. */
class UdpTransportTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    EmbeddedTracker tracker;
    TrackerRuntime runtime;

    /** Short retransmission timeouts keep the loss tests fast; the schedule's shape is the default's. */
    static UdpOptions fastRetransmission() {
        return UdpOptions.defaults().withInitialRetransmitTimeout(Duration.ofMillis(200))
                .withMinRetransmitTimeout(Duration.ofMillis(100));
    }

    @BeforeEach
    void start() {
        tracker = EmbeddedTracker.start();
        runtime = TrackerRuntime.create(TrackerClientOptions.defaults().withUdp(fastRetransmission()));
    }

    @AfterEach
    void stop() {
        runtime.close();
        tracker.close();
    }

    static InfoHash hash(int n) {
        byte[] bytes = new byte[20];
        bytes[0] = (byte) n;
        bytes[1] = (byte) (n >> 8);
        bytes[2] = (byte) (n >> 16);
        bytes[19] = (byte) 0xAA;
        return InfoHash.of(bytes);
    }

    static AnnounceRequest.Builder request(InfoHash hash, int port) {
        return AnnounceRequest.builder(hash, PeerId.random("-TS0001-"), port).event(AnnounceEvent.STARTED).left(5);
    }

    AnnounceResponse announce(AnnounceRequest request) throws Exception {
        return runtime.announce(tracker.udpAnnounceUrl(), request, TIMEOUT).get(20, TimeUnit.SECONDS);
    }

    static TrackerException failureOf(CompletableFuture<?> future) {
        return Futures.failureOf(future);
    }

    @Test
    void announceFindsTheOtherPeersOfTheSwarm() throws Exception {
        InfoHash hash = hash(1);
        announce(request(hash, 6001).left(0).build());
        AnnounceResponse second = announce(request(hash, 6002).build());
        assertThat(second.isSuccess()).isTrue();
        assertThat(second.peers()).containsExactly(PeerAddress.of(InetAddress.getByName("127.0.0.1"), 6001));
        assertThat(second.complete()).hasValue(1);
        assertThat(second.incomplete()).hasValue(1);
        assertThat(second.interval()).hasValue(Duration.ofSeconds(tracker.interval()));
    }

    @Test
    void sendsEveryAnnounceFieldAndTheUrlData() throws Exception {
        PeerId peerId = PeerId.random("-TS0001-");
        String url = tracker.udpUrl("/announce?passkey=abc");
        runtime.announce(url, AnnounceRequest.builder(hash(2), peerId, 51413).event(AnnounceEvent.COMPLETED)
                .uploaded(11).downloaded(22).left(0).numWant(33).key(0x0BADF00D).build(), TIMEOUT)
                .get(20, TimeUnit.SECONDS);
        runtime.announce(url, AnnounceRequest.builder(hash(2), peerId, 51413).event(AnnounceEvent.STOPPED).build(),
                TIMEOUT).get(20, TimeUnit.SECONDS);

        assertThat(tracker.udp().take().isConnect()).isTrue();
        RecordedDatagram announce = tracker.udp().take();
        assertThat(announce.isAnnounce()).isTrue();
        assertThat(announce.infoHash()).hasValue(hash(2).bytes());
        assertThat(announce.peerId()).hasValue(peerId.bytes());
        assertThat(announce.eventCode()).isEqualTo(1);
        assertThat(announce.uploaded()).isEqualTo(11);
        assertThat(announce.downloaded()).isEqualTo(22);
        assertThat(announce.left()).isZero();
        assertThat(announce.numWant()).isEqualTo(33);
        assertThat(announce.key()).isEqualTo(0x0BADF00D);
        assertThat(announce.port()).isEqualTo(51413);
        assertThat(announce.ip()).isEmpty();
        assertThat(announce.urlData()).isEqualTo("/announce?passkey=abc");
        RecordedDatagram stopped = tracker.udp().take();
        assertThat(stopped.eventCode()).isEqualTo(3);
        assertThat(stopped.left()).as("unknown left is sent as -1").isEqualTo(-1);
    }

    @Test
    void everyTorrentReusesOneConnectionId() throws Exception {
        for (int i = 0; i < 30; i++) {
            assertThat(announce(request(hash(100 + i), 1).build()).isSuccess()).isTrue();
        }
        assertThat(tracker.udp().connectCount()).isEqualTo(1);
    }

    @Test
    void concurrentAnnouncesWaitForTheSameConnect() throws Exception {
        // the default retransmission: with the fast one (200 ms), a loaded machine sent the delayed connect again
        runtime.close();
        runtime = TrackerRuntime.create(TrackerClientOptions.defaults());
        tracker.udp().enqueue(UdpBehaviour.delay(Duration.ofMillis(150)));
        List<CompletableFuture<AnnounceResponse>> futures = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            futures.add(runtime.announce(tracker.udpAnnounceUrl(), request(hash(200 + i), 1).build(), TIMEOUT));
        }
        for (CompletableFuture<AnnounceResponse> f : futures) {
            assertThat(f.get(20, TimeUnit.SECONDS).isSuccess()).isTrue();
        }
        assertThat(tracker.udp().connectCount()).isEqualTo(1);
    }

    @Test
    void getsANewConnectionIdWhenTheOldOneExpires() throws Exception {
        runtime.close();
        runtime = TrackerRuntime.create(TrackerClientOptions.defaults()
                .withUdp(fastRetransmission().withConnectionIdLifetime(Duration.ofMillis(100))));
        announce(request(hash(3), 1).build());
        assertThat(tracker.udp().connectCount()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            announce(request(hash(3), 1).build());
            return tracker.udp().connectCount() >= 2;
        });
    }

    @Test
    void retransmitsAfterALostConnect() throws Exception {
        tracker.udp().enqueue(UdpBehaviour.drop());
        assertThat(announce(request(hash(4), 1).build()).isSuccess()).isTrue();
        RecordedDatagram lost = tracker.udp().take();
        RecordedDatagram again = tracker.udp().take();
        assertThat(lost.isConnect()).isTrue();
        assertThat(again.isConnect()).isTrue();
        assertThat(again.transactionId()).isEqualTo(lost.transactionId());
        assertThat(tracker.udp().take().isAnnounce()).isTrue();
    }

    @Test
    void retransmitsAfterALostAnnounceAndAfterALostAnswer() throws Exception {
        tracker.udp().enqueue(UdpBehaviour.normal());
        tracker.udp().enqueue(UdpBehaviour.drop());
        assertThat(announce(request(hash(5), 1).build()).isSuccess()).isTrue();
        tracker.udp().setLossRate(0, 1.0, 1);
        CompletableFuture<AnnounceResponse> second =
                runtime.announce(tracker.udpAnnounceUrl(), request(hash(5), 2).build(), TIMEOUT);
        await().atMost(Duration.ofSeconds(5)).until(() -> tracker.udp().count() >= 5);
        tracker.udp().setLossRate(0, 0, 1);
        assertThat(second.get(20, TimeUnit.SECONDS).isSuccess()).isTrue();
        assertThat(tracker.udp().connectCount()).isEqualTo(1);
    }

    @Test
    void ignoresDuplicatedAndReorderedAnswers() throws Exception {
        InfoHash busy = hash(6);
        announce(request(busy, 7001).build());
        announce(request(busy, 7002).build());
        tracker.udp().enqueue(UdpBehaviour.duplicate());
        assertThat(announce(request(hash(7), 1).build()).isSuccess()).isTrue();

        tracker.udp().enqueue(UdpBehaviour.holdUntilNext());
        CompletableFuture<AnnounceResponse> first =
                runtime.announce(tracker.udpAnnounceUrl(), request(busy, 7003).build(), TIMEOUT);
        CompletableFuture<AnnounceResponse> second =
                runtime.announce(tracker.udpAnnounceUrl(), request(hash(8), 7004).build(), TIMEOUT);
        assertThat(first.get(20, TimeUnit.SECONDS).peers()).extracting(PeerAddress::port)
                .containsExactlyInAnyOrder(7001, 7002);
        assertThat(second.get(20, TimeUnit.SECONDS).peers()).isEmpty();
    }

    @Test
    void dropsGarbageForeignAnswersAndAnswersFromOtherSockets() throws Exception {
        announce(request(hash(9), 1).build());
        // garbage before the real answer: dropped, and the real answer is taken at once
        tracker.udp().enqueue(UdpBehaviour.garbageFirst(new byte[] {0, 0, 0, 1, 0, 0}));
        assertThat(announceTransmissions(request(hash(9), 2).build())).isEqualTo(1);
        // answers that must not be taken: the request is sent again and the second answer is the one used
        tracker.udp().enqueue(UdpBehaviour.wrongTransactionId());
        assertThat(announceTransmissions(request(hash(9), 3).build())).isEqualTo(2);
        tracker.udp().enqueue(UdpBehaviour.fromOtherSocket());
        assertThat(announceTransmissions(request(hash(9), 4).build())).isEqualTo(2);
        tracker.udp().enqueue(UdpBehaviour.raw(new byte[] {0, 0, 0, 9, 1, 2, 3, 4}));
        assertThat(announceTransmissions(request(hash(9), 5).build())).isEqualTo(2);
        assertThat(tracker.peers(hash(9).bytes())).hasSize(5);
    }

    /** Announces successfully and returns how many times the announce datagram was sent. */
    private int announceTransmissions(AnnounceRequest request) throws Exception {
        while (tracker.udp().poll() != null) {
            // forget what came before
        }
        assertThat(announce(request).isSuccess()).isTrue();
        int transmissions = 0;
        for (RecordedDatagram d = tracker.udp().poll(); d != null; d = tracker.udp().poll()) {
            transmissions += d.isAnnounce() ? 1 : 0;
        }
        return transmissions;
    }

    @Test
    void anErrorAnswerIsAFailedResponseAndDropsTheConnectionId() throws Exception {
        tracker.udp().enqueue(UdpBehaviour.normal());
        tracker.udp().enqueue(UdpBehaviour.error("torrent not registered"));
        AnnounceResponse refused = announce(request(hash(10), 1).build());
        assertThat(refused.isSuccess()).isFalse();
        assertThat(refused.failureReason()).hasValue("torrent not registered");
        assertThat(announce(request(hash(10), 1).build()).isSuccess()).isTrue();
        assertThat(tracker.udp().connectCount()).isEqualTo(2);
    }

    @Test
    void recoversWhenTheTrackerForgetsItsConnectionIds() throws Exception {
        announce(request(hash(11), 1).build());
        tracker.udp().expireConnectionIds();
        assertThat(announce(request(hash(11), 2).build()).isSuccess()).isTrue();
        assertThat(tracker.udp().connectCount()).isEqualTo(2);
    }

    @Test
    void aRefusedConnectIsAFailedResponse() throws Exception {
        tracker.udp().enqueue(UdpBehaviour.error("go away"));
        assertThat(announce(request(hash(12), 1).build()).failureReason()).hasValue("go away");
    }

    @Test
    void givesUpWithinTheCallersTimeoutWhenNothingAnswers() {
        tracker.udp().setLossRate(1.0, 0, 1);
        TrackerException e = failureOf(runtime.announce(tracker.udpAnnounceUrl(), request(hash(13), 1).build(),
                Duration.ofMillis(700)));
        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(e).hasMessageContaining(tracker.udpAnnounceUrl());
        assertThat(tracker.udp().count()).isZero();
    }

    @Test
    void scrapesMoreThan74HashesInSeveralPackets() throws Exception {
        List<InfoHash> hashes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            hashes.add(hash(1000 + i));
        }
        announce(request(hashes.get(0), 1).left(0).build());
        announce(request(hashes.get(199), 2).build());
        int before = tracker.udp().count();

        Map<InfoHash, ScrapeResult> results = runtime.scrape(tracker.udpAnnounceUrl(), hashes, TIMEOUT)
                .get(20, TimeUnit.SECONDS);

        assertThat(results).hasSize(200);
        assertThat(results.get(hashes.get(0))).isEqualTo(new ScrapeResult(hashes.get(0), 1, 0, 0));
        assertThat(results.get(hashes.get(199))).isEqualTo(new ScrapeResult(hashes.get(199), 0, 1, 0));
        assertThat(results.get(hashes.get(100))).isEqualTo(new ScrapeResult(hashes.get(100), 0, 0, 0));
        assertThat(tracker.udp().count() - before).isEqualTo(3);
    }

    @Test
    void aScrapeErrorNamesTheTrackerAndItsMessage() {
        tracker.udp().enqueue(UdpBehaviour.normal());
        tracker.udp().enqueue(UdpBehaviour.error("scrape disabled"));
        TrackerException e = failureOf(runtime.scrape(tracker.udpAnnounceUrl(), List.of(hash(14)), TIMEOUT));
        assertThat(e.kind()).isEqualTo(Kind.TRACKER_FAILURE);
        assertThat(e).hasMessageContaining("scrape disabled").hasMessageContaining(tracker.udpAnnounceUrl());
    }

    @Test
    void carriesTwentyThousandAnnouncesIssuedAtOnce() throws Exception {
        List<CompletableFuture<AnnounceResponse>> futures = new ArrayList<>(20_000);
        for (int i = 0; i < 20_000; i++) {
            futures.add(runtime.announce(tracker.udpAnnounceUrl(), request(hash(100_000 + i), 1).build(),
                    Duration.ofSeconds(60)));
        }
        int succeeded = 0;
        for (CompletableFuture<AnnounceResponse> f : futures) {
            succeeded += f.get(90, TimeUnit.SECONDS).isSuccess() ? 1 : 0;
        }
        assertThat(succeeded).isEqualTo(20_000);
        assertThat(tracker.swarms().infoHashes()).hasSizeGreaterThanOrEqualTo(20_000);
    }

    @Test
    void reportsBadUrls() {
        assertThat(failureOf(runtime.announce("udp://tracker.example/announce", request(hash(15), 1).build(),
                TIMEOUT)).kind()).isEqualTo(Kind.INVALID_URL);
    }

    @Test
    void aClosedRuntimeFailsRequestsInFlight() {
        tracker.udp().setLossRate(1.0, 0, 1);
        CompletableFuture<AnnounceResponse> pending =
                runtime.announce(tracker.udpAnnounceUrl(), request(hash(16), 1).build(), Duration.ofMinutes(5));
        runtime.close();
        assertThat(failureOf(pending).kind()).isEqualTo(Kind.CLOSED);
    }

    @Test
    void cancellingAnAnnounceFreesItsSlot() throws Exception {
        runtime.close();
        // one slot, and no retransmission within the test: only the cancellation can free the slot
        runtime = TrackerRuntime.create(TrackerClientOptions.defaults()
                .withUdp(UdpOptions.defaults().withMaxInFlightPerTracker(1)
                        .withInitialRetransmitTimeout(Duration.ofSeconds(60))
                        .withMinRetransmitTimeout(Duration.ofSeconds(60))));
        announce(request(hash(21), 1).build());
        while (tracker.udp().poll() != null) {
            // forget the first announce
        }
        tracker.udp().enqueue(UdpBehaviour.drop());
        CompletableFuture<AnnounceResponse> stuck =
                runtime.announce(tracker.udpAnnounceUrl(), request(hash(21), 2).build(), Duration.ofMinutes(5));
        assertThat(tracker.udp().take().port()).as("the lost announce").isEqualTo(2);
        assertThat(stuck.cancel(true)).isTrue();
        // the only slot was held by the cancelled request; without it back this one would wait five minutes
        assertThat(runtime.announce(tracker.udpAnnounceUrl(), request(hash(21), 3).build(), TIMEOUT)
                .get(5, TimeUnit.SECONDS).isSuccess()).isTrue();
        assertThat(stuck).isCancelled();
    }

    @Test
    void announcesToAnIpv6Tracker() throws Exception {
        try (EmbeddedTracker v6 = EmbeddedTracker.builder().bindAddress(InetAddress.getByName("::1")).start()) {
            InfoHash hash = hash(17);
            runtime.announce(v6.udpAnnounceUrl(), request(hash, 6881).build(), TIMEOUT).get(20, TimeUnit.SECONDS);
            AnnounceResponse second = runtime.announce(v6.udpAnnounceUrl(), request(hash, 6882).build(), TIMEOUT)
                    .get(20, TimeUnit.SECONDS);
            assertThat(v6.udpAnnounceUrl()).startsWith("udp://[::1]:");
            assertThat(second.peers()).containsExactly(PeerAddress.of(InetAddress.getByName("::1"), 6881));
        }
    }

    @Test
    void readsSixByteEntriesFromAnIpv6TrackerThatSendsThem() throws Exception {
        try (EmbeddedTracker v6 = EmbeddedTracker.builder().bindAddress(InetAddress.getByName("::1"))
                .udpPeerEntries(UdpPeerEntries.ALWAYS_SIX_BYTES).start()) {
            InfoHash hash = hash(18);
            // peers with IPv4 addresses, announced over HTTP to the same swarm
            for (int port = 7001; port <= 7003; port++) {
                v6.swarms().announce(new io.github.bttracker.testing.AnnounceParams(hash.bytes(),
                        PeerId.random("-XX0001-").bytes(), InetAddress.getByName("10.0.0." + (port - 7000)), port,
                        5L, io.github.bttracker.testing.AnnounceEvent.STARTED, 50));
            }
            AnnounceResponse response = runtime.announce(v6.udpAnnounceUrl(), request(hash, 6882).build(), TIMEOUT)
                    .get(20, TimeUnit.SECONDS);
            assertThat(response.peers()).extracting(PeerAddress::toString)
                    .containsExactlyInAnyOrder("10.0.0.1:7001", "10.0.0.2:7002", "10.0.0.3:7003");
        }
    }

    @Test
    void triesTheNextAddressWhenOneDoesNotAnswer() throws Exception {
        runtime.close();
        // "two.test" resolves to an address where nothing listens, then to the tracker
        runtime = TrackerRuntime.create(TrackerClientOptions.defaults().withUdp(fastRetransmission())
                .withConnection(ConnectionOptions.defaults().withHostResolver(FixedResolver.of("two.test", List.of(
                        InetAddress.getByName("127.0.0.2"), InetAddress.getByName("127.0.0.1"))))));
        AnnounceResponse response = runtime.announce("udp://two.test:" + tracker.udpPort() + "/announce",
                request(hash(19), 1).build(), Duration.ofSeconds(4)).get(20, TimeUnit.SECONDS);
        assertThat(response.isSuccess()).isTrue();
        assertThat(tracker.udp().take().sender().getAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
    }

    @Test
    void anUnresolvableHostIsADnsFailure() {
        runtime.close();
        runtime = TrackerRuntime.create(TrackerClientOptions.defaults().withUdp(fastRetransmission())
                .withConnection(ConnectionOptions.defaults()
                        .withHostResolver(FixedResolver.of("two.test", List.of()))));
        TrackerException e = failureOf(runtime.announce("udp://nowhere.test:1/announce", request(hash(20), 1).build(),
                TIMEOUT));
        assertThat(e.kind()).isEqualTo(Kind.DNS);
        assertThat(e).hasMessageContaining("nowhere.test");
    }

}
