package io.github.bttracker.it.bt;

import static org.assertj.core.api.Assertions.assertThat;

import bt.tracker.ITrackerService;
import io.github.bttracker.testing.EmbeddedTracker;
import org.junit.jupiter.api.Test;

/**
 * 64 engine threads announcing 2,000 distinct torrents at once to one tracker through Bt's SPI: every announce must
 * succeed (Bt's built-in HTTP client fails most of them; see {@code HttpSpiBenchmark} for the side-by-side figures).
 */
class ConcurrentSpiAnnounceTest {

    @Test
    void everyOneOf2000ConcurrentAnnouncesFrom64ThreadsSucceeds() throws Exception {
        try (EmbeddedTracker tracker = EmbeddedTracker.start();
             BtPeer peer = BtPeer.start(BtPeer.Trackers.PLUGIN_AUTO_LOADED)) {
            ITrackerService service = peer.runtime().service(ITrackerService.class);

            SpiAnnounceLoad.Result result = SpiAnnounceLoad.run(service, tracker.httpAnnounceUrl(), 2000, 64, 1);

            System.out.println("plugin, 64 threads x 2000 torrents: " + result);
            assertThat(result.failures()).isEmpty();
            assertThat(result.succeeded()).isEqualTo(2000);
            assertThat(tracker.swarms().infoHashes()).hasSize(2000);
        }
    }
}
