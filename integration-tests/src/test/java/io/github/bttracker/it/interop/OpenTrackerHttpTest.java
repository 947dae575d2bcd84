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
import java.net.InetAddress;
import java.net.ServerSocket;
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

/** The HTTP transport against opentracker (Debian's package) on loopback: a tracker nobody here wrote. */
class OpenTrackerHttpTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    List<InfoHash> hashes = new ArrayList<>();
    OpenTracker opentracker;
    TrackerRuntime runtime;

    @BeforeEach
    void start() {
        for (int i = 0; i < 120; i++) {
            byte[] b = new byte[20];
            b[0] = (byte) 0xD0;
            b[1] = (byte) i;
            b[19] = (byte) 0x80;
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

    AnnounceResponse announce(InfoHash hash, PeerId peer, int port, long left, AnnounceEvent event)
            throws Exception {
        return runtime.announce(opentracker.httpAnnounceUrl(), AnnounceRequest.builder(hash, peer, port)
                .event(event).left(left).build(), TIMEOUT).get(20, TimeUnit.SECONDS);
    }

    @Test
    void startUpdateCompleteAndStopShowInOpentrackersCounts() throws Exception {
        InfoHash hash = hashes.get(0);
        PeerId seeder = PeerId.random("-TS0001-");
        PeerId leecher = PeerId.random("-TS0001-");
        announce(hash, seeder, 7001, 0, AnnounceEvent.STARTED);
        AnnounceResponse started = announce(hash, leecher, 7002, 500, AnnounceEvent.STARTED);
        assertThat(started.isSuccess()).isTrue();
        assertThat(started.complete()).hasValue(1);
        assertThat(started.incomplete()).hasValue(1);
        assertThat(started.minInterval()).isPresent();
        assertThat(started.peers()).contains(PeerAddress.of(InetAddress.getByName("127.0.0.1"), 7001));
        assertThat(opentracker.stats().peers()).isEqualTo(2);

        announce(hash, leecher, 7002, 100, AnnounceEvent.NONE);
        assertThat(opentracker.scrape(hash.toHex()).incomplete()).isEqualTo(1);

        announce(hash, leecher, 7002, 0, AnnounceEvent.COMPLETED);
        var completed = opentracker.scrape(hash.toHex());
        assertThat(completed.complete()).isEqualTo(2);
        assertThat(completed.downloaded()).isEqualTo(1);

        announce(hash, seeder, 7001, 0, AnnounceEvent.STOPPED);
        announce(hash, leecher, 7002, 0, AnnounceEvent.STOPPED);
        var stopped = opentracker.scrape(hash.toHex());
        assertThat(stopped.complete() + stopped.incomplete()).isZero();
    }

    @Test
    void aTorrentOpentrackerDoesNotServeIsAFailedResponseWithItsMessage() throws Exception {
        AnnounceResponse response = announce(InfoHash.fromHex("00000000000000000000000000000000000000bb"),
                PeerId.random("-TS0001-"), 7003, 1, AnnounceEvent.STARTED);
        assertThat(response.isSuccess()).isFalse();
        assertThat(response.failureReason())
                .hasValue("Requested download is not authorized for use with this tracker.");
    }

    @Test
    void scrapesAndMultiScrapesWithTheAnnouncedCounts() throws Exception {
        announce(hashes.get(0), PeerId.random("-TS0001-"), 7004, 0, AnnounceEvent.STARTED);
        announce(hashes.get(0), PeerId.random("-TS0001-"), 7005, 9, AnnounceEvent.STARTED);
        announce(hashes.get(119), PeerId.random("-TS0001-"), 7006, 9, AnnounceEvent.STARTED);
        Map<InfoHash, ScrapeResult> results = runtime.scrape(opentracker.httpAnnounceUrl(), hashes, TIMEOUT)
                .get(20, TimeUnit.SECONDS);
        // opentracker leaves torrents without peers out of its answer
        assertThat(results).containsEntry(hashes.get(0), new ScrapeResult(hashes.get(0), 1, 1, 0))
                .containsEntry(hashes.get(119), new ScrapeResult(hashes.get(119), 0, 1, 0));
    }

    @Test
    void btDownloadsThroughOpentrackerOverHttp() throws Exception {
        TestTorrent torrent = TestTorrent.create(dir, 1_200_000, 46, List.of(List.of("http://127.0.0.1:1/announce")));
        opentracker.close();
        opentracker = OpenTracker.start(List.of(torrent.infoHash().toHex()));
        torrent = TestTorrent.create(dir, 1_200_000, 46, List.of(List.of(opentracker.httpAnnounceUrl())));
        BtPeer.seedAndDownload(torrent, dir, () -> BtPeer.start(BtPeer.Trackers.PLUGIN_AUTO_LOADED),
                SeederListed.in(opentracker, torrent));
        var counts = opentracker.scrape(torrent.infoHash().toHex());
        assertThat(counts.downloaded()).isEqualTo(1);
        assertThat(counts.complete() + counts.incomplete()).as("both stopped at shutdown").isZero();
    }

    @Test
    void btDownloadsWhenTheFirstTierIsDead() throws Exception {
        int dead;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = socket.getLocalPort();
        }
        TestTorrent probe = TestTorrent.create(dir, 900_000, 47, List.of(List.of("http://127.0.0.1:1/announce")));
        opentracker.close();
        opentracker = OpenTracker.start(List.of(probe.infoHash().toHex()));
        TestTorrent torrent = TestTorrent.create(dir, 900_000, 47, List.of(
                List.of("http://127.0.0.1:" + dead + "/announce", "udp://127.0.0.1:" + dead + "/announce"),
                List.of(opentracker.udpAnnounceUrl(), opentracker.httpAnnounceUrl())));
        // the silent UDP tracker of the dead tier costs a whole tracker timeout per announce: keep it short
        BtPeer.seedAndDownload(torrent, dir, () -> BtPeer.start(BtPeer.Trackers.PLUGIN_AUTO_LOADED,
                config -> config.setTrackerTimeout(Duration.ofSeconds(3))), SeederListed.in(opentracker, torrent));
        assertThat(opentracker.scrape(torrent.infoHash().toHex()).downloaded()).isEqualTo(1);
    }
}
