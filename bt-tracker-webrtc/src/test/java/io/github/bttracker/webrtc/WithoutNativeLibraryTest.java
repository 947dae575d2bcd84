package io.github.bttracker.webrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bttracker.it.bt.BtPeer;
import io.github.bttracker.it.bt.TestTorrent;
import io.github.bttracker.testing.EmbeddedTracker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs in its own surefire execution, with libwebrtc's native jar left off the class path (see the pom): a missing
 * native library is one exception that names the fix, every time it is tried, and the JVM goes on; in Bt, WebRTC is
 * off with one warning naming the fix, and the plugin works as without the module.
 */
@Tag("without-native-library")
class WithoutNativeLibraryTest {

    @TempDir
    Path dir;

    @Test
    void missingNativeLibraryIsOneClearException() {
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> NativeWebRtc.builder().build())
                    .isInstanceOf(WebRtcUnavailableException.class)
                    .hasMessageContaining("apt-get install libpulse0")
                    .hasMessageContaining("classifier linux-x86_64");
        }
    }

    @Test
    void btWithTheModuleButNoNativeLibraryWarnsOnceAndDownloadsOverItsHttpTracker() throws Exception {
        PrintStream stderr = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (EmbeddedTracker tracker = EmbeddedTracker.builder().start()) {
            TestTorrent torrent = TestTorrent.create(dir, 1024 * 1024, 16,
                    List.of(List.of(tracker.httpAnnounceUrl()), List.of(tracker.wsUrl("/announce"))));
            Path seederDir = Files.createDirectory(dir.resolve("seeder"));
            Path leecherDir = Files.createDirectory(dir.resolve("leecher"));
            torrent.writeContentTo(seederDir);
            // slf4j-simple writes to whatever System.err is when it logs
            System.setErr(new PrintStream(new TeeStream(stderr, log), true, StandardCharsets.UTF_8));
            try (BtPeer seeder = BtPeer.startAutoLoaded(BtPeer.FREQUENT_TRACKER_QUERIES);
                    BtPeer leecher = BtPeer.startAutoLoaded(BtPeer.FREQUENT_TRACKER_QUERIES)) {
                seeder.download(torrent, seederDir, false);
                BtPeer.awaitDownload(leecher.download(torrent, leecherDir, true), seeder, leecher);
                assertThat(Files.readAllBytes(torrent.contentIn(leecherDir))).isEqualTo(torrent.content());
            } finally {
                System.setErr(stderr);
            }
        }
        String text = log.toString(StandardCharsets.UTF_8);
        assertThat(text.lines().filter(line -> line.contains("WebRTC peers are off")))
                .as("one warning per Bt runtime").hasSize(2)
                .allSatisfy(line -> assertThat(line).contains("WARN").contains("apt-get install libpulse0"));
        assertThat(text).doesNotContain("Exception in thread");
    }

    /** Copies what is written to two streams. */
    static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream one;
        private final java.io.OutputStream two;

        TeeStream(java.io.OutputStream one, java.io.OutputStream two) {
            this.one = one;
            this.two = two;
        }

        @Override
        public synchronized void write(int b) throws java.io.IOException {
            one.write(b);
            two.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
            one.write(b, off, len);
            two.write(b, off, len);
        }
    }
}
