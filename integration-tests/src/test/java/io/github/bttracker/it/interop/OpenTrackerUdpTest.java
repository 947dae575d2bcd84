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
import io.github.bttracker.it.bt.BtPeer;
import io.github.bttracker.it.bt.SeederListed;
import io.github.bttracker.it.bt.TestTorrent;
import io.github.bttracker.it.opentracker.OpenTracker;
import io.github.bttracker.options.TrackerClientOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The UDP transport against opentracker (Debian's package) on loopback: a tracker nobody here wrote. */
class OpenTrackerUdpTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    List<InfoHash> hashes = new ArrayList<>();
    OpenTracker opentracker;
    TrackerRuntime runtime;

    @BeforeEach
    void start() {
        for (int i = 0; i < 100; i++) {
            byte[] b = new byte[20];
            b[0] = (byte) 0xC0;
            b[1] = (byte) i;
            b[19] = (byte) 0xFF;
            hashes.add(InfoHash.of(b));
        }
        opentracker = OpenTracker.start(hashes.stream().map(InfoHash::toHex).toList());
        runtime = TrackerRuntime.create(TrackerClientOptions.defaults());
    }

    @AfterEach
    void stop() {
        runtime.close();
        opentracker.close();
    }

    AnnounceResponse announce(InfoHash hash, int port, long left, AnnounceEvent event) throws Exception {
        return runtime.announce(opentracker.udpAnnounceUrl(), AnnounceRequest.builder(hash,
                PeerId.random("-TS0001-"), port).event(event).left(left).build(), TIMEOUT).get(20, TimeUnit.SECONDS);
    }

    @Test
    void announcesAndCountsSeedersAndLeechersAsOpentrackerReportsThem() throws Exception {
        InfoHash hash = hashes.get(0);
        announce(hash, 7001, 0, AnnounceEvent.STARTED);
        AnnounceResponse leecher = announce(hash, 7002, 100, AnnounceEvent.STARTED);

        assertThat(leecher.isSuccess()).isTrue();
        assertThat(leecher.complete()).hasValue(1);
        assertThat(leecher.incomplete()).hasValue(1);
        assertThat(leecher.interval().orElseThrow()).isBetween(Duration.ofSeconds(1620), Duration.ofSeconds(1980));
        // opentracker lists the announcing peer too; the client leaves itself out (its own port on this host)
        assertThat(leecher.peers()).extracting(PeerAddress::port).containsExactly(7001);
        assertThat(opentracker.scrape(hash.toHex()).complete()).isEqualTo(1);
        assertThat(opentracker.scrape(hash.toHex()).incomplete()).isEqualTo(1);

        AnnounceResponse updated = announce(hash, 7002, 40, AnnounceEvent.NONE);
        assertThat(updated.incomplete()).hasValue(1);
        assertThat(opentracker.stats().peers()).isEqualTo(2);

        announce(hash, 7002, 0, AnnounceEvent.COMPLETED);
        announce(hash, 7001, 0, AnnounceEvent.STOPPED);
        var counts = opentracker.scrape(hash.toHex());
        assertThat(counts.complete()).isEqualTo(1);
        assertThat(counts.incomplete()).isZero();
        assertThat(counts.downloaded()).isEqualTo(1);
    }

    @Test
    void aTorrentOpentrackerDoesNotServeIsRefusedAtOnce() throws Exception {
        InfoHash unlisted = InfoHash.fromHex("00000000000000000000000000000000000000aa");
        long start = System.nanoTime();
        AnnounceResponse response = announce(unlisted, 7003, 1, AnnounceEvent.STARTED);
        assertThat(response.isSuccess()).isFalse();
        assertThat(response.failureReason()).hasValueSatisfying(r -> assertThat(r).contains("refused"));
        // answered, not timed out: well within the first retransmission timeout
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT);
    }

    @Test
    void scrapesAHundredTorrentsInTwoPackets() throws Exception {
        announce(hashes.get(0), 7004, 0, AnnounceEvent.STARTED);
        announce(hashes.get(99), 7005, 1, AnnounceEvent.STARTED);
        Map<InfoHash, ScrapeResult> results = runtime.scrape(opentracker.udpAnnounceUrl(), hashes, TIMEOUT)
                .get(20, TimeUnit.SECONDS);
        assertThat(results).hasSize(100);
        assertThat(results.get(hashes.get(0))).isEqualTo(new ScrapeResult(hashes.get(0), 1, 0, 0));
        assertThat(results.get(hashes.get(99))).isEqualTo(new ScrapeResult(hashes.get(99), 0, 1, 0));
        assertThat(results.get(hashes.get(50))).isEqualTo(new ScrapeResult(hashes.get(50), 0, 0, 0));
    }

    @Test
    void btDownloadsThroughOpentrackerOverUdp() throws Exception {
        TestTorrent torrent = TestTorrent.create(dir, 1_500_000, 44, List.of(List.of("udp://127.0.0.1:1/announce")));
        opentracker.close();
        opentracker = OpenTracker.start(List.of(torrent.infoHash().toHex()));
        torrent = TestTorrent.create(dir, 1_500_000, 44, List.of(List.of(opentracker.udpAnnounceUrl())));
        BtPeer.seedAndDownload(torrent, dir, () -> BtPeer.start(BtPeer.Trackers.PLUGIN_AUTO_LOADED),
                SeederListed.in(opentracker, torrent));
        var counts = opentracker.scrape(torrent.infoHash().toHex());
        assertThat(counts.downloaded()).isEqualTo(1);
        assertThat(counts.complete() + counts.incomplete()).as("both stopped at shutdown").isZero();
    }
}
