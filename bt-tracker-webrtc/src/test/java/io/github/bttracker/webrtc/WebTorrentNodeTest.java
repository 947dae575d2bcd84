package io.github.bttracker.webrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.it.jstracker.JsTracker;
import io.github.bttracker.it.jstracker.JsTrackerPackage;
import io.github.bttracker.it.jstracker.JsTrackerSwarm;
import io.github.bttracker.it.webtorrent.Namespace;
import io.github.bttracker.it.webtorrent.WebTorrentNode;
import io.github.bttracker.it.webtorrent.WebTorrentPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness itself: a Node WebTorrent seeder and a Node WebTorrent leecher find each other through the reference
 * JavaScript tracker's WebSocket side and move a 4 MiB file over WebRTC, inside this module's network namespace.
 */
class WebTorrentNodeTest {

    static final Duration TIMEOUT = Duration.ofSeconds(90);
    static final int LENGTH = 4 * 1024 * 1024;
    static final int PIECE_LENGTH = 256 * 1024;

    @Test
    void nodeLeecherDownloadsFourMebibytesFromNodeSeederByteForByte(@TempDir Path scratch) throws Exception {
        Namespace.trackerAddress();
        byte[] content = new byte[LENGTH];
        new Random(20).nextBytes(content);
        Path data = Files.createDirectories(scratch.resolve("seeded")).resolve("random.bin");
        Files.write(data, content);
        Path downloads = Files.createDirectories(scratch.resolve("downloads"));

        // WebSocket peers re-announce every 6 s (a fifth of 30 s), each time with fresh offers: a WebRTC connection
        // that node-datachannel drops ("Got a remote candidate without ICE transport", seen once on a loaded machine)
        // is tried again well within the timeout, as a swarm would, instead of after the default 2 minutes
        try (JsTracker tracker = JsTracker.start(JsTrackerPackage.BITTORRENT_TRACKER, Duration.ofSeconds(30))) {
            List<String> announce = List.of(tracker.wsAnnounceUrl());
            long started = System.nanoTime();
            try (WebTorrentPeer seeder = WebTorrentNode.seed(data, PIECE_LENGTH, announce).awaitReady()) {
                seeder.awaitAnnounced(TIMEOUT);
                long seederAnnounced = System.nanoTime();
                InfoHash infoHash = InfoHash.fromHex(seeder.infoHash());
                assertThat(seeder.length()).isEqualTo(LENGTH);
                JsTrackerSwarm swarm = tracker.swarm(infoHash).orElseThrow(() -> new AssertionError(
                        seeder.describe("is not in the tracker's swarm")));
                assertThat(swarm.peers()).extracting(JsTrackerSwarm.Peer::type, JsTrackerSwarm.Peer::peerId,
                        JsTrackerSwarm.Peer::complete).containsExactly(tuple("ws", PeerId.fromHex(seeder.peerId()), true));

                try (WebTorrentPeer leecher = WebTorrentNode.leechUntilDone(seeder.torrentFile(), downloads, announce)
                        .awaitReady()) {
                    Path downloaded = leecher.awaitDone(TIMEOUT);
                    long done = System.nanoTime();
                    assertThat(leecher.awaitExit(TIMEOUT)).as(leecher.describe("exited")).isZero();

                    assertThat(downloaded).isEqualTo(downloads.resolve("random.bin"));
                    assertThat(Files.readAllBytes(downloaded)).as(leecher.describe("downloaded other bytes"))
                            .isEqualTo(content);
                    assertThat(leecher.infoHash()).isEqualTo(seeder.infoHash());
                    assertThat(leecher.downloadedBytes()).isEqualTo(LENGTH);
                    assertThat(leecher.wires()).as(leecher.describe("had other peers"))
                            .containsExactly(new WebTorrentPeer.Wire(seeder.peerId(), "webrtc"));
                    assertThat(seeder.wires()).as(seeder.describe("had other peers"))
                            .containsExactly(new WebTorrentPeer.Wire(leecher.peerId(), "webrtc"));
                    // every piece and the messages around them; the count comes at most every 250 ms
                    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(seeder.uploadedBytes())
                            .as(seeder.describe("uploaded too little")).isGreaterThanOrEqualTo(LENGTH));
                    assertThat(seeder.warnings()).isEmpty();
                    assertThat(leecher.warnings()).isEmpty();
                    System.out.printf("WebTorrent seeder ready and announced after %d ms, leecher started, done"
                            + " after %d ms more%n", (seederAnnounced - started) / 1_000_000,
                            (done - seederAnnounced) / 1_000_000);
                }
            }
        }
    }
}
