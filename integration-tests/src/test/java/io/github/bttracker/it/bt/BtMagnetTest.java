package io.github.bttracker.it.bt;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bttracker.testing.EmbeddedTracker;
import io.github.bttracker.testing.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Bt download from a magnet link, its metadata fetched from the seeder: Bt 1.10 announces such a torrent with no
 * {@code left} and never sends {@code completed}, so without the plugin's help a tracker would count the peer as a
 * leecher for good and never count the download.
 */
class BtMagnetTest {

    @TempDir
    Path dir;

    @Test
    void aMagnetDownloadTellsTheTrackerWhatIsLeftAndThatItCompletedOnce() throws Exception {
        try (EmbeddedTracker tracker = EmbeddedTracker.builder().interval(2).start()) {
            TestTorrent torrent = TestTorrent.create(dir, 2 * 1024 * 1024 + 99, 44,
                    List.of(List.of(tracker.httpAnnounceUrl())));
            String magnet = torrent.magnetLink(List.of(tracker.httpAnnounceUrl()));
            Path seederDir = Files.createDirectory(dir.resolve("seeder"));
            Path leecherDir = Files.createDirectory(dir.resolve("leecher"));
            torrent.writeContentTo(seederDir);

            int leecherPort;
            try (BtPeer seeder = BtPeer.start(BtPeer.Trackers.PLUGIN_EXPLICIT);
                 BtPeer leecher = BtPeer.start(BtPeer.Trackers.PLUGIN_EXPLICIT)) {
                leecherPort = leecher.port();
                seeder.download(torrent, seederDir, false);
                SeederListed.in(tracker, torrent).accept(seeder);
                BtPeer.awaitDownload(leecher.downloadMagnet(magnet, leecherDir), seeder, leecher);
                assertThat(Files.readAllBytes(torrent.contentIn(leecherDir))).isEqualTo(torrent.content());
                // the tracker counts the download, and the leecher as a seeder, while it still runs
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(tracker.scrapeCounts(torrent.infoHash().bytes()).downloaded()).isEqualTo(1));
            }
            List<RecordedRequest> leecherAnnounces = new ArrayList<>();
            for (RecordedRequest r = tracker.http().poll(); r != null; r = tracker.http().poll()) {
                if (r.isAnnounce() && r.param("port").equals(java.util.Optional.of(String.valueOf(leecherPort)))) {
                    leecherAnnounces.add(r);
                }
            }
            String size = String.valueOf(torrent.content().length);
            assertThat(leecherAnnounces).first().satisfies(r -> assertThat(r.event()).hasValue("started"));
            assertThat(leecherAnnounces).filteredOn(r -> r.event().equals(java.util.Optional.of("completed")))
                    .singleElement().satisfies(r -> assertThat(r.param("left")).hasValue("0"));
            assertThat(leecherAnnounces).last().satisfies(r -> {
                assertThat(r.event()).hasValue("stopped");
                assertThat(r.param("left")).hasValue("0");
            });
            // before the metadata came, 'left' was unknown and left out; after it, every announce carried it
            assertThat(leecherAnnounces).allSatisfy(r -> r.param("left").ifPresent(left ->
                    assertThat(Long.parseLong(left)).isBetween(0L, Long.parseLong(size))));
            assertThat(leecherAnnounces.subList(leecherAnnounces.size() - 2, leecherAnnounces.size()))
                    .allSatisfy(r -> assertThat(r.param("left")).isPresent());
        }
    }
}
