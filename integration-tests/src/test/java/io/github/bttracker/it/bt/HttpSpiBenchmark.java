package io.github.bttracker.it.bt;

import bt.tracker.ITrackerService;
import io.github.bttracker.it.tracker.EmbeddedTracker;
import org.junit.jupiter.api.Test;

/**
 * Figures, not a pass/fail test (its name keeps it out of the default run): the same 64-thread, 2,000-torrent
 * start-announce load through Bt's SPI, once with the plugin and once with Bt's built-in HTTP client, alternating,
 * against the embedded tracker. Run it with
 * {@code mvn -B -q -pl integration-tests test -Dtest=HttpSpiBenchmark}.
 */
class HttpSpiBenchmark {

    private static final int TORRENTS = Integer.getInteger("bench.torrents", 2000);
    private static final int THREADS = Integer.getInteger("bench.threads", 64);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

    @Test
    void pluginAgainstBuiltInHttpClient() throws Exception {
        try (EmbeddedTracker tracker = EmbeddedTracker.builder().closeConnectionsAfterResponse(false).start()) {
            int salt = 0;
            for (int round = 1; round <= ROUNDS; round++) {
                for (BtPeer.Trackers trackers : new BtPeer.Trackers[] {
                        BtPeer.Trackers.PLUGIN_EXPLICIT, BtPeer.Trackers.BUILT_IN}) {
                    try (BtPeer peer = BtPeer.start(trackers)) {
                        ITrackerService service = peer.runtime().service(ITrackerService.class);
                        SpiAnnounceLoad.Result result =
                                SpiAnnounceLoad.run(service, tracker.httpAnnounceUrl(), TORRENTS, THREADS, ++salt);
                        System.out.printf("round %d %-16s %d threads x %d torrents: %s%n", round, trackers, THREADS,
                                TORRENTS, result);
                    }
                }
            }
        }
    }
}
