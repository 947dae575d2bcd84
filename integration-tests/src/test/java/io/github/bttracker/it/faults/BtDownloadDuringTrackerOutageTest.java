package io.github.bttracker.it.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import bt.Bt;
import bt.data.file.FileSystemStorage;
import bt.metainfo.TorrentId;
import bt.runtime.BtClient;
import bt.runtime.Config;
import bt.torrent.TorrentSessionState;
import io.github.bttracker.bt.TrackerStatusService;
import io.github.bttracker.core.TrackerStatus;
import io.github.bttracker.it.bt.BtPeer;
import io.github.bttracker.it.bt.TestTorrent;
import io.github.bttracker.it.process.LoopbackPorts;
import io.github.bttracker.options.RetryPolicy;
import io.github.bttracker.options.TrackerClientOptions;
import io.github.bttracker.testing.EmbeddedTracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Bt download in progress when its only tracker goes down: a seeder and a leecher, two real Bt runtimes with the
 * plugin, that found each other through the embedded tracker. The tracker is closed as soon as the leecher has its
 * first piece; the download must still complete byte for byte, and once the tracker is back on the same port the
 * leecher's announces must reach it by themselves. (BtDownloadTest covers the download with a tracker that stays.)
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BtDownloadDuringTrackerOutageTest {

    /** 256 pieces of 32 KiB: enough that the download is still under way when the tracker goes down. */
    private static final int SIZE = 8 * 1024 * 1024 + 321;
    private static final Duration DOWNLOAD_PATIENCE = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void theDownloadCompletesWhileTheTrackerIsDownAndAnnouncesReachItOnceItIsBack() throws Exception {
        int port = Faults.reserveTcpAndUdpPort();
        EmbeddedTracker tracker = Faults.trackerOn(port, 0);
        EmbeddedTracker back = null;
        try {
            TestTorrent torrent = TestTorrent.create(dir, SIZE, 48, List.of(List.of(tracker.httpAnnounceUrl())));
            TorrentId torrentId = TorrentId.fromBytes(torrent.infoHash().bytes());
            Path seederDir = Files.createDirectory(dir.resolve("seeder"));
            Path leecherDir = Files.createDirectory(dir.resolve("leecher"));
            torrent.writeContentTo(seederDir);
            // Bt queries its tracker every second, failures included (otherwise once a minute after a failure)
            Consumer<Config> config = c -> c.setTrackerQueryInterval(Duration.ofSeconds(1));

            // a short back-off, so that the announces after the outage come within seconds
            TrackerClientOptions options = TrackerClientOptions.defaults()
                    .withRetry(new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(2)));
            try (BtPeer seeder = BtPeer.start(BtPeer.Trackers.PLUGIN_EXPLICIT, config, options);
                 BtPeer leecher = BtPeer.start(BtPeer.Trackers.PLUGIN_EXPLICIT, config, options)) {
                seeder.download(torrent, seederDir, false);

                AtomicReference<TorrentSessionState> progress = new AtomicReference<>();
                CompletableFuture<Void> firstPiece = new CompletableFuture<>();
                CompletableFuture<Void> allPieces = new CompletableFuture<>();
                BtClient download = Bt.client(leecher.runtime()).storage(new FileSystemStorage(leecherDir))
                        .torrent(torrent.torrentFile().toUri().toURL()).build();
                download.startAsync(state -> {
                    progress.set(state);
                    if (state.getPiecesComplete() > 0) {
                        firstPiece.complete(null);
                    }
                    if (state.getPiecesTotal() > 1 && state.getPiecesRemaining() == 0) {
                        allPieces.complete(null);
                    }
                }, 100);
                try {
                    firstPiece.get(DOWNLOAD_PATIENCE.toSeconds(), TimeUnit.SECONDS);

                    tracker.close();

                    TorrentSessionState atOutage = progress.get();
                    assertThat(atOutage.getPiecesRemaining()).as("pieces still to download when the tracker went down")
                            .isPositive();
                    assertThat(atOutage.getConnectedPeers()).as("the leecher is connected to the seeder").isNotEmpty();

                    allPieces.get(DOWNLOAD_PATIENCE.toSeconds(), TimeUnit.SECONDS);
                    await().atMost(Faults.PATIENCE).until(() -> Arrays.equals(
                            Files.readAllBytes(torrent.contentIn(leecherDir)), torrent.content()));

                    // the tracker is still down: the leecher's status says so
                    TrackerStatusService status = leecher.runtime().service(TrackerStatusService.class);
                    await().atMost(Faults.PATIENCE).untilAsserted(() -> assertThat(status.status(torrentId))
                            .singleElement().satisfies(s -> {
                                assertThat(s.state()).isEqualTo(TrackerStatus.State.FAILING);
                                assertThat(s.lastError()).hasValueSatisfying(e ->
                                        assertThat(e).containsIgnoringCase("refused"));
                            }));

                    back = Faults.trackerOn(port, 0);
                    EmbeddedTracker restarted = back;

                    // After the outage the plugin holds the torrent's regular announces to that tracker back, for a
                    // back-off that doubles with each failure (each failed query and the failed 'completed' count)
                    // up to maxBackoff, while Bt asks every second. So the wait is bounded
                    // by the next announce the plugin reports (read once the tracker is up, so that no failure can
                    // come after it), not by a figure the test chooses.
                    TrackerStatus afterOutage = status.status(torrentId).get(0);
                    Duration untilNext = afterOutage.nextAnnounce().map(t -> Duration.between(Instant.now(), t))
                            .filter(d -> !d.isNegative()).orElse(Duration.ZERO);
                    assertThat(untilNext).as("the back-off the leecher reports").isLessThan(Duration.ofMinutes(30));
                    Duration bound = Faults.PATIENCE.plus(untilNext);

                    // nothing from the test: Bt's own schedule, through the plugin's back-off, reaches the tracker
                    await().atMost(bound).until(() -> restarted.peers(torrent.infoHash().bytes()).stream()
                            .anyMatch(p -> p.port() == leecher.port() && p.isSeed()));
                    await().atMost(Faults.PATIENCE).untilAsserted(() -> assertThat(status.status(torrentId))
                            .singleElement().satisfies(s -> assertThat(s.state()).isEqualTo(TrackerStatus.State.OK)));
                } finally {
                    download.stop();
                }
            }
        } finally {
            tracker.close();
            if (back != null) {
                back.close();
            }
            LoopbackPorts.release(port);
        }
    }
}
