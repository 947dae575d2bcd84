package io.github.bttracker.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bttracker.it.bt.TestTorrent;
import io.github.bttracker.it.tracker.EmbeddedTracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bt runtimes with the plugin and this module, auto-loaded, swarm over WebRTC: their torrents list a WebSocket
 * tracker only, so every byte goes over a data channel and through the bridge to Bt's connection layer.
 */
class BtOverWebRtcTest {

    @TempDir
    Path dir;

    @Test
    void btDownloadsFromBtOverWebRtcOnlyByteForByte() throws Exception {
        try (EmbeddedTracker tracker = EmbeddedTracker.builder().bindAddress(Namespace.trackerAddress()).start()) {
            TestTorrent torrent = TestTorrent.create(dir, 4 * 1024 * 1024, 12,
                    List.of(List.of(tracker.wsUrl("/announce"))));
            Path seederDir = Files.createDirectory(dir.resolve("seeder"));
            Path leecherDir = Files.createDirectory(dir.resolve("leecher"));
            torrent.writeContentTo(seederDir);
            try (BtWebRtcPeer seeder = BtWebRtcPeer.start(); BtWebRtcPeer leecher = BtWebRtcPeer.start()) {
                seeder.download(torrent, seederDir, false);
                leecher.download(torrent, leecherDir, true).get(120, TimeUnit.SECONDS);
                assertThat(Files.readAllBytes(torrent.contentIn(leecherDir))).isEqualTo(torrent.content());
            }
        }
    }
}
