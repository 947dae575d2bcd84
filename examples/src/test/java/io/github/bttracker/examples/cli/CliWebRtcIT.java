package io.github.bttracker.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bttracker.it.jstracker.JsTracker;
import io.github.bttracker.it.webtorrent.Namespace;
import io.github.bttracker.it.webtorrent.WebTorrentNode;
import io.github.bttracker.it.webtorrent.WebTorrentPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bt-tracker.jar's {@code download} as a WebRTC (WebTorrent) peer, against WebTorrent in Node and the reference
 * JavaScript tracker's WebSocket side. libwebrtc gathers no ICE candidates on loopback: this class runs in
 * bt-tracker-webrtc's network namespace (failsafe's {@code namespace} execution), and so do the jar, the Node peer and
 * the tracker it starts, whose WebRTC traffic goes over the namespace's veth pair, 10.77.0.1 and 10.77.0.2.
 */
@Tag("namespace")
class CliWebRtcIT {

    static final Duration LIMIT = Duration.ofSeconds(120);
    static final int LENGTH = 4 * 1024 * 1024;

    @Test
    void downloadsFourMebibytesFromAWebTorrentSeederAndShowsItsWebRtcPeers(@TempDir Path dir) throws Exception {
        Namespace.trackerAddress();
        byte[] content = new byte[LENGTH];
        new Random(15).nextBytes(content);
        Path data = Files.createDirectories(dir.resolve("seeded")).resolve("random.bin");
        Files.write(data, content);
        Path into = dir.resolve("downloaded");
        Path btLog = dir.resolve("bt.log");
        try (JsTracker tracker = JsTracker.start();
             WebTorrentPeer seeder = WebTorrentNode.seed(data, 256 * 1024, List.of(tracker.wsAnnounceUrl()))
                     .awaitReady()) {
            seeder.awaitAnnounced(LIMIT);
            // the torrent WebTorrent made lists the WebSocket tracker only: every byte comes over WebRTC
            Jar.Run run = Jar.runExplained(LIMIT, Jar.btConnectionLog(btLog),
                    () -> "\n--- " + seeder.describe("the seeder") + Jar.tail(btLog, 80),
                    Jar.download(seeder.torrentFile().toString(), "--dir", into.toString(),
                            "--port", String.valueOf(Jar.freePort()), "--address", "127.0.0.1"));

            assertThat(Files.readAllBytes(into.resolve("random.bin"))).as(run.toString()).isEqualTo(content);
            assertThat(run.out()).as(run.toString())
                    .contains("Download complete: " + into.toAbsolutePath())
                    .doesNotContain("WebRTC peers: off")
                    // the progress line splits the peers: the seeder is a WebRTC one
                    .containsPattern("\\d+ peer\\(s\\) \\(tcp \\d+, webrtc [1-9]\\d*\\)")
                    // the tracker table: the WebSocket tracker gives WebRTC peers, and the count below it
                    .containsPattern("ws://127\\.0\\.0\\.1:\\d+ +WS +ok +\\S+ +\\d+ +\\d+ +webrtc ")
                    .containsPattern("WebRTC peers \\(from the ws/wss trackers\\): \\d+ open now, [1-9]\\d* at most "
                            + "at once");
            CliIT.assertNoStackTrace(run, btLog);
            assertThat(seeder.wires()).as(seeder.describe("had no WebRTC peer"))
                    .extracting(WebTorrentPeer.Wire::type).isNotEmpty().containsOnly("webrtc");
        }
    }
}
