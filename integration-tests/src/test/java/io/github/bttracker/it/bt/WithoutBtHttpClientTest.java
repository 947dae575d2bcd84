package io.github.bttracker.it.bt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bt.tracker.ITrackerService;
import io.github.bttracker.testing.EmbeddedTracker;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs in its own surefire execution whose classpath lacks bt-http-tracker-client: a Bt runtime that has only the
 * plugin for HTTP still announces and downloads.
 */
class WithoutBtHttpClientTest {

    @TempDir
    Path dir;

    @Test
    void btsHttpClientIsReallyAbsent() {
        assertThatThrownBy(() -> Class.forName("bt.tracker.http.HttpTrackerFactory"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void theAutoLoadedPluginServesHttpAndBtStillServesUdp() {
        try (BtPeer peer = BtPeer.start(BtPeer.Trackers.PLUGIN_AUTO_LOADED)) {
            ITrackerService service = peer.runtime().service(ITrackerService.class);
            assertThat(service.isSupportedProtocol("http://tracker.example/announce")).isTrue();
            assertThat(service.isSupportedProtocol("https://tracker.example/announce")).isTrue();
            assertThat(service.isSupportedProtocol("udp://tracker.example:1/announce")).isTrue();
        }
    }

    @Test
    void downloadsThroughThePlugin() throws Exception {
        try (EmbeddedTracker tracker = EmbeddedTracker.start()) {
            TestTorrent torrent = TestTorrent.create(dir, 700_000, 7, List.of(List.of(tracker.httpAnnounceUrl())));
            BtPeer.seedAndDownload(torrent, dir, () -> BtPeer.start(BtPeer.Trackers.PLUGIN_AUTO_LOADED),
                    SeederListed.in(tracker, torrent));
        }
    }
}
