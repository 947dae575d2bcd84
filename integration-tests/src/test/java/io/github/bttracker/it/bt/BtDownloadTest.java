package io.github.bttracker.it.bt;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bttracker.it.TestCertificates;
import io.github.bttracker.options.ConnectionOptions;
import io.github.bttracker.options.HttpOptions;
import io.github.bttracker.options.TrackerClientOptions;
import io.github.bttracker.testing.EmbeddedTracker;
import io.github.bttracker.testing.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two real Bt runtimes, a seeder and a leecher, that can find each other only through the embedded tracker, reached
 * through the plugin over HTTP or UDP: the leecher's file must equal the seeder's byte for byte.
 */
class BtDownloadTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = BtPeer.Trackers.class, names = {"PLUGIN_AUTO_LOADED", "PLUGIN_EXPLICIT"})
    void leecherDownloadsFromASeederFoundThroughThePlugin(BtPeer.Trackers loading) throws Exception {
        try (EmbeddedTracker tracker = EmbeddedTracker.start()) {
            TestTorrent torrent = TestTorrent.create(dir, 3 * 1024 * 1024 + 123, 42,
                    List.of(List.of(tracker.httpAnnounceUrl())));
            Path seederDir = Files.createDirectory(dir.resolve("seeder"));
            Path leecherDir = Files.createDirectory(dir.resolve("leecher"));
            torrent.writeContentTo(seederDir);

            try (BtPeer seeder = BtPeer.start(loading); BtPeer leecher = BtPeer.start(loading)) {
                seeder.download(torrent, seederDir, false);
                SeederListed.in(tracker, torrent).accept(seeder);
                BtPeer.awaitDownload(leecher.download(torrent, leecherDir, true), seeder, leecher);

                assertThat(Files.readAllBytes(torrent.contentIn(leecherDir))).isEqualTo(torrent.content());

                List<RecordedRequest> announces = drain(tracker);
                assertThat(announces).allSatisfy(r -> {
                    assertThat(r.header("User-Agent")).hasValue(HttpOptions.DEFAULT_USER_AGENT);
                    assertThat(r.infoHash()).hasValue(torrent.infoHash().bytes());
                    assertThat(r.param("key")).isPresent();
                    assertThat(r.param("ip")).isEmpty();
                });
                assertThat(announces).anySatisfy(r -> {
                    assertThat(r.param("port")).hasValue(String.valueOf(seeder.port()));
                    assertThat(r.event()).hasValue("started");
                    assertThat(r.param("left")).hasValue("0");
                });
                assertThat(announces).anySatisfy(r -> {
                    assertThat(r.param("port")).hasValue(String.valueOf(leecher.port()));
                    assertThat(r.event()).hasValue("started");
                    assertThat(r.param("left")).hasValue(String.valueOf(torrent.content().length));
                });
                assertThat(announces).anySatisfy(r -> {
                    assertThat(r.param("port")).hasValue(String.valueOf(leecher.port()));
                    assertThat(r.event()).hasValue("completed");
                    assertThat(r.param("left")).hasValue("0");
                    assertThat(r.param("numwant")).hasValue("0");
                });
            }
            // both runtimes announced 'stopped' as they shut down: the swarm is empty again
            assertThat(tracker.peers(torrent.infoHash().bytes())).isEmpty();
            // with what was left: Bt forgets a stopped torrent before its 'stopped' announce is built
            assertThat(drain(tracker)).anySatisfy(r -> {
                assertThat(r.event()).hasValue("stopped");
                assertThat(r.param("left")).hasValue("0");
            });
        }
    }

    @Test
    void leecherDownloadsFromASeederFoundOverUdp() throws Exception {
        try (EmbeddedTracker tracker = EmbeddedTracker.start()) {
            TestTorrent torrent = TestTorrent.create(dir, 2 * 1024 * 1024 + 7, 43,
                    List.of(List.of(tracker.udpAnnounceUrl())));
            BtPeer.seedAndDownload(torrent, dir, () -> BtPeer.start(BtPeer.Trackers.PLUGIN_AUTO_LOADED),
                    SeederListed.in(tracker, torrent));
            List<io.github.bttracker.testing.RecordedDatagram> datagrams = new ArrayList<>();
            for (var d = tracker.udp().poll(); d != null; d = tracker.udp().poll()) {
                datagrams.add(d);
            }
            assertThat(datagrams).filteredOn(d -> d.isAnnounce()).extracting(d -> d.event().name())
                    .contains("STARTED", "COMPLETED", "STOPPED");
            assertThat(tracker.http().count()).as("no HTTP traffic").isZero();
            assertThat(tracker.peers(torrent.infoHash().bytes())).isEmpty();
        }
    }

    @Test
    void aTorrentWithHttpUdpAndWssTrackersKeepsItsHttpAndUdpPeers() throws Exception {
        try (EmbeddedTracker tracker = EmbeddedTracker.start();
             EmbeddedTracker secure = EmbeddedTracker.builder().tls(TestCertificates.loopbackServer()).start()) {
            // the wss tracker comes first, as if it were the best: Bt has no WebRTC, so it can only count there
            TestTorrent torrent = TestTorrent.create(dir, 1_000_000 + 11, 45, List.of(
                    List.of(secure.wsAnnounceUrl()), List.of(tracker.httpAnnounceUrl()),
                    List.of(tracker.udpAnnounceUrl())));
            assertThat(secure.wsAnnounceUrl()).startsWith("wss://");
            TrackerClientOptions trustingTestCa = TrackerClientOptions.defaults()
                    .withConnection(ConnectionOptions.defaults()
                            .withTrustManagerFactory(TestCertificates.trustManagerFactory()));
            BtPeer.seedAndDownload(torrent, dir,
                    () -> BtPeer.start(BtPeer.Trackers.PLUGIN_EXPLICIT, c -> { }, trustingTestCa),
                    SeederListed.in(tracker, torrent));
            assertThat(tracker.http().count() + tracker.udp().count()).as("announces over HTTP or UDP")
                    .isPositive();
        }
    }

    private static List<RecordedRequest> drain(EmbeddedTracker tracker) {
        List<RecordedRequest> requests = new ArrayList<>();
        for (RecordedRequest r = tracker.http().poll(); r != null; r = tracker.http().poll()) {
            requests.add(r);
        }
        return requests;
    }
}
