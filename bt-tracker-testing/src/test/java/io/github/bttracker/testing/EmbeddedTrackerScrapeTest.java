package io.github.bttracker.testing;

import static io.github.bttracker.testing.TrackerTestSupport.dict;
import static io.github.bttracker.testing.TrackerTestSupport.get;
import static io.github.bttracker.testing.TrackerTestSupport.id;
import static io.github.bttracker.testing.TrackerTestSupport.percentEncode;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.http.HttpClient;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EmbeddedTrackerScrapeTest {
    private static final byte[] SEEDED = id(0x80);
    private static final byte[] EMPTY = id(0xFF);

    private final EmbeddedTracker tracker = EmbeddedTracker.start();
    private final HttpClient client = TrackerTestSupport.newClient();

    @AfterEach
    void close() {
        tracker.close();
    }

    private void seedSwarm() {
        InetAddress ip = InetAddress.getLoopbackAddress();
        tracker.swarms().announce(new AnnounceParams(SEEDED, id(1), ip, 6001, 0L, AnnounceEvent.COMPLETED, 50));
        tracker.swarms().announce(new AnnounceParams(SEEDED, id(2), ip, 6002, 7L, AnnounceEvent.STARTED, 50));
        tracker.swarms().announce(new AnnounceParams(SEEDED, id(3), ip, 6003, null, AnnounceEvent.STARTED, 50));
    }

    @Test
    void reportsTheCountsOfEveryRequestedInfoHash() {
        seedSwarm();

        Map<String, Object> files = dict(Bdecode.dictionary(get(client, tracker.httpUrl(
                "/scrape?info_hash=" + percentEncode(SEEDED) + "&info_hash=" + percentEncode(EMPTY))).body())
                .get("files"));

        assertThat(files).hasSize(2);
        assertThat(dict(files.get(Bdecode.key(SEEDED))))
                .containsEntry("complete", 1L).containsEntry("incomplete", 2L).containsEntry("downloaded", 1L);
        assertThat(dict(files.get(Bdecode.key(EMPTY))))
                .containsEntry("complete", 0L).containsEntry("incomplete", 0L).containsEntry("downloaded", 0L);
        assertThat(tracker.http().take().params("info_hash")).hasSize(2);
    }

    @Test
    void reportsEverySwarmWithoutInfoHash() {
        seedSwarm();

        Map<String, Object> files = dict(Bdecode.dictionary(get(client, tracker.httpUrl("/tracker/scrape.php")).body())
                .get("files"));

        assertThat(files).containsOnlyKeys(Bdecode.key(SEEDED));
    }
}
