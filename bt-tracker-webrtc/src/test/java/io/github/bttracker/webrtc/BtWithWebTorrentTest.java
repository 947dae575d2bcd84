package io.github.bttracker.webrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.bttracker.it.bt.BtPeer;
import io.github.bttracker.it.bt.TestTorrent;
import io.github.bttracker.it.jstracker.JsTracker;
import io.github.bttracker.it.webtorrent.Namespace;
import io.github.bttracker.it.webtorrent.WebTorrentNode;
import io.github.bttracker.it.webtorrent.WebTorrentPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bt runtimes with the plugin and this module swarm with WebTorrent in Node over WebRTC, through the reference
 * JavaScript tracker's WebSocket side: the torrents list that tracker only, so every byte goes over data channels.
 */
class BtWithWebTorrentTest {

    static final Duration TIMEOUT = Duration.ofSeconds(120);
    static final int LENGTH = 4 * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void btLeecherDownloadsFourMebibytesFromNodeSeederByteForByte() throws Exception {
        Namespace.trackerAddress();
        byte[] content = new byte[LENGTH];
        new Random(21).nextBytes(content);
        Path data = Files.createDirectories(dir.resolve("seeded")).resolve("random.bin");
        Files.write(data, content);
        Path downloads = Files.createDirectories(dir.resolve("bt"));
        try (JsTracker tracker = JsTracker.start();
             WebTorrentPeer seeder = WebTorrentNode.seed(data, 256 * 1024, List.of(tracker.wsAnnounceUrl()))
                     .awaitReady();
             BtPeer leecher = BtPeer.startAutoLoaded(BtPeer.FREQUENT_TRACKER_QUERIES)) {
            seeder.awaitAnnounced(TIMEOUT);
            leecher.download(seeder.torrentFile(), downloads, true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(Files.readAllBytes(downloads.resolve("random.bin"))).isEqualTo(content);
            assertThat(seeder.wires()).as(seeder.describe("had no WebRTC peer"))
                    .extracting(WebTorrentPeer.Wire::type).isNotEmpty().containsOnly("webrtc");
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(seeder.uploadedBytes())
                    .as(seeder.describe("uploaded too little")).isGreaterThanOrEqualTo(LENGTH));
        }
    }

    @Test
    void nodeLeecherDownloadsFourMebibytesFromBtSeederByteForByte() throws Exception {
        Namespace.trackerAddress();
        Path downloads = Files.createDirectories(dir.resolve("node"));
        try (JsTracker tracker = JsTracker.start()) {
            TestTorrent torrent = TestTorrent.create(dir, LENGTH, 22, List.of(List.of(tracker.wsAnnounceUrl())));
            Path seederDir = Files.createDirectory(dir.resolve("bt"));
            torrent.writeContentTo(seederDir);
            try (BtPeer seeder = BtPeer.startAutoLoaded(BtPeer.FREQUENT_TRACKER_QUERIES)) {
                seeder.download(torrent, seederDir, false);
                try (WebTorrentPeer leecher = WebTorrentNode.leechUntilDone(torrent.torrentFile(), downloads,
                        List.of(tracker.wsAnnounceUrl())).awaitReady()) {
                    Path downloaded = leecher.awaitDone(TIMEOUT);
                    assertThat(Files.readAllBytes(downloaded)).as(leecher.describe("downloaded other bytes"))
                            .isEqualTo(torrent.content());
                    assertThat(leecher.wires()).as(leecher.describe("had other peers"))
                            .extracting(WebTorrentPeer.Wire::type).isNotEmpty().containsOnly("webrtc");
                }
            }
        }
    }
}
