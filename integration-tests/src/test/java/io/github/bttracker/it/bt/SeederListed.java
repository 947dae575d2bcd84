package io.github.bttracker.it.bt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.bttracker.it.opentracker.OpenTracker;
import io.github.bttracker.testing.EmbeddedTracker;
import io.github.bttracker.testing.Peer;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Waits, for {@link BtPeer#seedAndDownload}, until a tracker lists the seeder of a torrent, so that the leecher's first
 * (and for the next 5 minutes only) query for peers finds it.
 */
public final class SeederListed {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private SeederListed() {
    }

    /** Until the embedded tracker's swarm of {@code torrent} has a peer on the seeder's port. */
    public static Consumer<BtPeer> in(EmbeddedTracker tracker, TestTorrent torrent) {
        return seeder -> await("the tracker lists the seeder").atMost(TIMEOUT).untilAsserted(() ->
                assertThat(tracker.peers(torrent.infoHash().bytes())).extracting(Peer::port)
                        .contains(seeder.port()));
    }

    /** Until opentracker counts one seeder of {@code torrent} (it scrapes counts, not addresses). */
    public static Consumer<BtPeer> in(OpenTracker tracker, TestTorrent torrent) {
        return seeder -> await("the tracker lists the seeder").atMost(TIMEOUT).untilAsserted(() ->
                assertThat(tracker.scrape(torrent.infoHash().toHex()).complete()).isEqualTo(1));
    }
}
