package io.github.bttracker.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.core.ScrapeResult;
import io.github.bttracker.core.TrackerException;
import io.github.bttracker.testing.BencodeEncoder;
import io.github.bttracker.testing.AnnounceEvent;
import io.github.bttracker.testing.AnnounceParams;
import io.github.bttracker.testing.EmbeddedTracker;
import io.github.bttracker.testing.RecordedDatagram;
import io.github.bttracker.testing.RecordedRequest;
import io.github.bttracker.testing.TrackerBehaviour;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link MultiScrapeExample} against the embedded tracker. */
class MultiScrapeExampleTest {

    static final InfoHash BUSY = InfoHash.fromHex("d2474e86c95b19b8bcfdb92bc12c9d44667cfa36");
    static final InfoHash QUIET = InfoHash.fromHex("0123456789abcdef0123456789abcdef01234567");
    static final InfoHash UNKNOWN = InfoHash.fromHex("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");

    ByteArrayOutputStream output = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(output, true, UTF_8);

    @ParameterizedTest
    @ValueSource(strings = {"http", "udp"})
    void scrapesEveryTorrentInOneRequestAndPrintsTheirCounts(String protocol) throws Exception {
        try (EmbeddedTracker tracker = EmbeddedTracker.start()) {
            // BUSY: two seeders (one of them finished its download here) and a leecher; QUIET: one leecher
            join(tracker, BUSY, 1, 0L, AnnounceEvent.COMPLETED);
            join(tracker, BUSY, 2, 0L, AnnounceEvent.STARTED);
            join(tracker, BUSY, 3, 1000L, AnnounceEvent.STARTED);
            join(tracker, QUIET, 4, 1000L, AnnounceEvent.STARTED);
            String url = protocol.equals("http") ? tracker.httpAnnounceUrl() : tracker.udpAnnounceUrl();

            Map<InfoHash, ScrapeResult> results = MultiScrapeExample.scrape(url, List.of(BUSY, QUIET, UNKNOWN), out);

            assertThat(results).containsOnly(
                    Map.entry(BUSY, new ScrapeResult(BUSY, 2, 1, 1)),
                    Map.entry(QUIET, new ScrapeResult(QUIET, 0, 1, 0)),
                    Map.entry(UNKNOWN, new ScrapeResult(UNKNOWN, 0, 0, 0)));
            assertThat(output.toString(UTF_8).lines()).containsExactly(
                    BUSY.toHex() + ": 2 seeders, 1 leechers, 1 downloads",
                    QUIET.toHex() + ": 0 seeders, 1 leechers, 0 downloads",
                    UNKNOWN.toHex() + ": 0 seeders, 0 leechers, 0 downloads");
            // all three torrents in one request
            if (protocol.equals("http")) {
                RecordedRequest scrape = tracker.http().take();
                assertThat(scrape.isScrape()).isTrue();
                assertThat(scrape.params("info_hash")).containsExactlyInAnyOrder(BUSY.bytes(), QUIET.bytes(),
                        UNKNOWN.bytes());
                assertThat(tracker.http().count()).isOne();
            } else {
                RecordedDatagram connect = tracker.udp().take();
                RecordedDatagram scrape = tracker.udp().take();
                assertThat(connect.isConnect()).isTrue();
                assertThat(scrape.isScrape()).isTrue();
                assertThat(scrape.scrapeInfoHashes()).containsExactly(BUSY.bytes(), QUIET.bytes(), UNKNOWN.bytes());
                assertThat(tracker.udp().count()).isEqualTo(2);
            }
        }
    }

    @Test
    void aTorrentTheTrackerLeavesOutIsAbsentAndSaidSo() throws Exception {
        try (EmbeddedTracker tracker = EmbeddedTracker.start()) {
            // a tracker that answers for BUSY only, as trackers do for torrents they do not track
            byte[] body = BencodeEncoder.encode(Map.of("files",
                    Map.of(BUSY.bytes(), Map.of("complete", 5, "incomplete", 3, "downloaded", 40))));
            tracker.http().enqueue(TrackerBehaviour.body(200, body, Map.of("Content-Type", "text/plain")));

            Map<InfoHash, ScrapeResult> results =
                    MultiScrapeExample.scrape(tracker.httpAnnounceUrl(), List.of(BUSY, QUIET), out);

            assertThat(results).containsOnly(Map.entry(BUSY, new ScrapeResult(BUSY, 5, 3, 40)));
            assertThat(output.toString(UTF_8).lines()).containsExactly(
                    BUSY.toHex() + ": 5 seeders, 3 leechers, 40 downloads",
                    QUIET.toHex() + ": not reported by the tracker");
        }
    }

    @Test
    void aTrackerWithoutScrapeFailsWithATrackerException() {
        try (EmbeddedTracker tracker = EmbeddedTracker.start()) {
            // no 'announce' segment in the URL, so no scrape URL can be derived from it (BEP 48); not on loopback,
            // where the SSRF rules would refuse the path first (nothing is resolved or sent either way)
            String url = "http://tracker.example/tracker";
            assertThatThrownBy(() -> MultiScrapeExample.scrape(url, List.of(BUSY), out))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(TrackerException.class,
                            e -> assertThat(e.kind()).isEqualTo(TrackerException.Kind.SCRAPE_NOT_SUPPORTED));
            assertThat(output.toString(UTF_8)).isEmpty();
            assertThat(tracker.http().count()).isZero();
        }
    }

    /** Puts peer number {@code n} into the swarm of {@code infoHash}, as if it had announced. */
    static void join(EmbeddedTracker tracker, InfoHash infoHash, int n, Long left, AnnounceEvent event)
            throws Exception {
        tracker.swarms().announce(new AnnounceParams(infoHash.bytes(), PeerId.random("-PEER" + n + "-").bytes(),
                InetAddress.getByName("10.0.0." + n), 6881, left, event, 50));
    }
}
