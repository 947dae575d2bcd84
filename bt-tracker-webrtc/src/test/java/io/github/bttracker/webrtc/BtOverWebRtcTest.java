package io.github.bttracker.webrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.bttracker.it.bt.BtPeer;
import io.github.bttracker.it.bt.TestTorrent;
import bt.protocol.crypto.EncryptionPolicy;
import bt.metainfo.TorrentId;
import io.github.bttracker.bt.BtTrackerModule;
import io.github.bttracker.bt.TrackerStatusService;
import io.github.bttracker.it.webtorrent.Namespace;
import io.github.bttracker.testing.EmbeddedTracker;
import io.github.bttracker.testing.RecordedMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bt runtimes with the plugin and this module, auto-loaded, swarm over WebRTC: their torrents list a WebSocket
 * tracker only, so every byte goes over a data channel and through the bridge to Bt's connection layer.
 */
class BtOverWebRtcTest {

    @TempDir
    Path dir;

    @Test
    void btDownloadsFromBtOverWebRtcOnlyByteForByte() throws Exception {
        try (EmbeddedTracker tracker = EmbeddedTracker.builder().bindAddress(Namespace.trackerAddress()).start()) {
            TestTorrent torrent = TestTorrent.create(dir, 4 * 1024 * 1024, 12,
                    List.of(List.of(tracker.wsUrl("/announce"))));
            Path seederDir = Files.createDirectory(dir.resolve("seeder"));
            Path leecherDir = Files.createDirectory(dir.resolve("leecher"));
            torrent.writeContentTo(seederDir);
            try (BtPeer seeder = BtPeer.startAutoLoaded(BtPeer.FREQUENT_TRACKER_QUERIES);
                    BtPeer leecher = BtPeer.startAutoLoaded(BtPeer.FREQUENT_TRACKER_QUERIES)) {
                seeder.download(torrent, seederDir, false);
                CompletableFuture<?> download = leecher.download(torrent, leecherDir, true);
                TorrentId id = TorrentId.fromBytes(torrent.infoHash().bytes());
                TrackerStatusService ofSeeder = seeder.runtime().service(TrackerStatusService.class);
                java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20)).until(() -> {
                    most.accumulateAndGet(ofSeeder.webRtcPeers(id), Math::max);
                    return download.isDone();
                });
                download.get();
                assertThat(most.get()).as("the seeder's WebRTC peers while it served").isPositive();
                assertThat(Files.readAllBytes(torrent.contentIn(leecherDir))).isEqualTo(torrent.content());
                assertThat(ofSeeder.isWebRtcOn()).isTrue();
                // the leecher's torrent stopped when it was complete: its peers closed, and so did the seeder's side
                await().atMost(Duration.ofSeconds(30)).until(() -> ofSeeder.webRtcPeers(id) == 0);
            }
        }
    }

    @Test
    void oneSeederServesATcpLeecherAndAWebRtcLeecherAtOnce() throws Exception {
        // the HTTP tracker on loopback, where the Bt runtimes accept connections: it gives out the address it sees
        try (EmbeddedTracker tracker = EmbeddedTracker.builder().bindAddress(Namespace.trackerAddress()).start();
             EmbeddedTracker httpTracker = EmbeddedTracker.builder().start()) {
            String http = httpTracker.httpAnnounceUrl();
            String ws = tracker.wsUrl("/announce");
            // one content, three .torrent files: the announce list is not part of the info hash
            TestTorrent both = TestTorrent.create(Files.createDirectory(dir.resolve("both")), 4 * 1024 * 1024, 13,
                    List.of(List.of(http), List.of(ws)));
            TestTorrent httpOnly = TestTorrent.create(Files.createDirectory(dir.resolve("http")), 4 * 1024 * 1024,
                    13, List.of(List.of(http)));
            TestTorrent wsOnly = TestTorrent.create(Files.createDirectory(dir.resolve("ws")), 4 * 1024 * 1024, 13,
                    List.of(List.of(ws)));
            assertThat(httpOnly.infoHash()).isEqualTo(both.infoHash()).isEqualTo(wsOnly.infoHash());
            Path seederDir = Files.createDirectory(dir.resolve("seeder"));
            Path tcpDir = Files.createDirectory(dir.resolve("tcp-leecher"));
            Path rtcDir = Files.createDirectory(dir.resolve("webrtc-leecher"));
            both.writeContentTo(seederDir);
            // the TCP leecher has the plugin without WebRTC (passed explicitly, nothing auto-loaded) and an HTTP
            // tracker only; the WebRTC leecher has a WebSocket tracker only, and no other way to find peers
            try (BtPeer seeder = BtPeer.startAutoLoaded(BtPeer.FREQUENT_TRACKER_QUERIES);
                 BtPeer tcpLeecher = BtPeer.start(List.of(new BtTrackerModule()),
                         BtPeer.FREQUENT_TRACKER_QUERIES);
                 BtPeer rtcLeecher = BtPeer.startAutoLoaded(BtPeer.FREQUENT_TRACKER_QUERIES)) {
                seeder.download(both, seederDir, false);
                CompletableFuture<?> tcp = tcpLeecher.download(httpOnly, tcpDir, true);
                CompletableFuture<?> rtc = rtcLeecher.download(wsOnly, rtcDir, true);
                CompletableFuture.allOf(tcp, rtc).get(120, TimeUnit.SECONDS);
                assertThat(Files.readAllBytes(both.contentIn(tcpDir))).isEqualTo(both.content());
                assertThat(Files.readAllBytes(both.contentIn(rtcDir))).isEqualTo(both.content());
            }
        }
    }

    @Test
    void withEncryptionRequiredWebRtcStaysOffAndTheWebSocketTrackerIsOnlyScraped() throws Exception {
        try (EmbeddedTracker tracker = EmbeddedTracker.builder().bindAddress(Namespace.trackerAddress()).start()) {
            TestTorrent torrent = TestTorrent.create(dir, 64 * 1024, 14, List.of(List.of(tracker.wsUrl("/announce"))));
            Path seederDir = Files.createDirectory(dir.resolve("seeder"));
            torrent.writeContentTo(seederDir);
            try (BtPeer seeder = BtPeer.startAutoLoaded(BtPeer.FREQUENT_TRACKER_QUERIES.andThen(
                    config -> config.setEncryptionPolicy(EncryptionPolicy.REQUIRE_ENCRYPTED)))) {
                seeder.download(torrent, seederDir, false);
                RecordedMessage first = tracker.ws().poll(Duration.ofSeconds(30));
                assertThat(first).as("what the Bt runtime sent the WebSocket tracker first").isNotNull();
                List<RecordedMessage> sent = new ArrayList<>(List.of(first));
                for (RecordedMessage m = tracker.ws().poll(); m != null; m = tracker.ws().poll()) {
                    sent.add(m);
                }
                assertThat(sent).allSatisfy(m -> {
                    assertThat(m.isScrape()).as(m.text()).isTrue();
                    assertThat(m.offerCount()).isZero();
                });
            }
        }
    }
}
