package io.github.bttracker.it.bt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bt.metainfo.TorrentId;
import bt.tracker.ITrackerService;
import bt.tracker.TrackerResponse;
import io.github.bttracker.options.HttpOptions;
import io.github.bttracker.testing.EmbeddedTracker;
import io.github.bttracker.testing.RecordedRequest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The auto-loaded plugin, which no code configures, takes its options from {@code bttracker.*} system properties; an
 * explicit module does not. Every test restores the properties it sets: surefire runs all test classes in one JVM.
 */
class BtConfiguredByPropertiesTest {

    static final String USER_AGENT = "bttracker.http.userAgent";

    EmbeddedTracker tracker;

    @BeforeEach
    void start() {
        tracker = EmbeddedTracker.start();
    }

    @AfterEach
    void stop() {
        System.clearProperty(USER_AGENT);
        System.clearProperty("bttracker.http.maxRedirects");
        tracker.close();
    }

    static TorrentId torrent() {
        byte[] bytes = new byte[20];
        bytes[0] = 0x42;
        bytes[19] = 0x17;
        return TorrentId.fromBytes(bytes);
    }

    /** Announces through the runtime's tracker service and returns what the tracker recorded. */
    RecordedRequest announceFrom(BtPeer peer) {
        ITrackerService service = peer.runtime().service(ITrackerService.class);
        TrackerResponse response = service.getTracker(tracker.httpAnnounceUrl()).request(torrent()).start();
        assertThat(response.isSuccess()).as("%s", response.getErrorMessage()).isTrue();
        return tracker.http().take(Duration.ofSeconds(20));
    }

    @Test
    void theAutoLoadedPluginAnnouncesWithTheUserAgentOfASystemProperty() {
        System.setProperty(USER_AGENT, "configured-by-property/1.0");
        try (BtPeer peer = BtPeer.start(BtPeer.Trackers.PLUGIN_AUTO_LOADED)) {
            assertThat(announceFrom(peer).header("User-Agent")).hasValue("configured-by-property/1.0");
        }
    }

    @Test
    void anExplicitModuleUsesOnlyTheOptionsItIsGiven() {
        System.setProperty(USER_AGENT, "configured-by-property/1.0");
        try (BtPeer peer = BtPeer.start(BtPeer.Trackers.PLUGIN_EXPLICIT)) {
            assertThat(announceFrom(peer).header("User-Agent")).hasValue(HttpOptions.DEFAULT_USER_AGENT);
        }
    }

    @Test
    void withoutPropertiesTheAutoLoadedPluginHasTheDefaults() {
        try (BtPeer peer = BtPeer.start(BtPeer.Trackers.PLUGIN_AUTO_LOADED)) {
            assertThat(announceFrom(peer).header("User-Agent")).hasValue(HttpOptions.DEFAULT_USER_AGENT);
        }
    }

    @Test
    void aBadPropertyFailsTheRuntimesBuildNamingIt() {
        System.setProperty("bttracker.http.maxRedirects", "-1");
        assertThatThrownBy(() -> BtPeer.start(BtPeer.Trackers.PLUGIN_AUTO_LOADED).close())
                // Guice wraps what the module threw
                .hasStackTraceContaining("IllegalArgumentException: bttracker.http.maxRedirects (system property): "
                        + "maxRedirects must not be negative: -1");
    }
}
