package io.github.bttracker.it.opentracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bttracker.internal.bencode.BencodeDecoder;
import io.github.bttracker.internal.bencode.BencodeDictionary;
import io.github.bttracker.it.process.LoopbackPorts;
import io.github.bttracker.testing.ScrapeCounts;
import io.github.bttracker.testing.internal.BareUdpClient;
import io.github.bttracker.testing.internal.BareUdpClient.AnnounceReply;
import io.github.bttracker.testing.internal.BareUdpClient.Reply;
import io.github.bttracker.testing.internal.UdpProtocol;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real opentracker. These tests need it installed ({@code apt-get install -y opentracker})
 * and fail, rather than skip, when it is not.
 */
class OpenTrackerProcessTest {
    /** What opentracker answers for a hash that is not whitelisted; later tests match on it. */
    private static final String NOT_WHITELISTED =
            "d14:failure reason63:Requested download is not authorized for use with this tracker.e";

    /** opentracker's interval is 1800 s plus or minus 10 %, drawn per answer. */
    private static final int MIN_INTERVAL = 1620;
    private static final int MAX_INTERVAL = 1980;

    private static HttpClient http;

    @BeforeAll
    static void createClient() {
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    @AfterAll
    static void dropClient() {
        http = null; // HttpClient has no close() before Java 21; its threads die with the JVM
    }

    @Test
    void startAndCloseLeaveNoProcessOrDirectory() throws Exception {
        OpenTracker first = OpenTracker.start(List.of(randomHash()));
        Path proc;
        Path directory;
        try (OpenTracker second = OpenTracker.start(List.of())) {
            proc = Path.of("/proc", Long.toString(first.pid()));
            // its working directory is the chroot: the tracker's own directory
            directory = Files.readSymbolicLink(proc.resolve("cwd"));
            assertThat(proc).exists();
            assertThat(directory.resolve("whitelist.txt")).exists();
            assertThat(second.httpPort()).isNotEqualTo(first.httpPort());
            assertThat(first.udpPort()).isEqualTo(first.httpPort());
            assertThat(first.httpAnnounceUrl()).isEqualTo("http://127.0.0.1:" + first.httpPort() + "/announce");
            assertThat(first.udpAnnounceUrl()).isEqualTo("udp://127.0.0.1:" + first.udpPort() + "/announce");
        } finally {
            first.close();
        }

        assertThat(proc).doesNotExist();
        assertThat(directory).doesNotExist();
        first.close(); // idempotent
    }

    @Test
    void httpAnnounceOfWhitelistedHashReturnsIntervalAndTheAnnouncerItself() throws Exception {
        String hash = randomHash();
        try (OpenTracker tracker = OpenTracker.start(List.of(hash))) {
            BencodeDictionary response = announce(tracker, hash, "-TS0001-aaaaaaaaaaaa", 6881, 100, "started");

            assertThat(response.containsKey("failure reason")).isFalse();
            long interval = response.getLong("interval").orElseThrow();
            assertThat(interval).isBetween((long) MIN_INTERVAL, (long) MAX_INTERVAL);
            assertThat(response.getLong("min interval")).contains(interval / 2);
            assertThat(response.getLong("incomplete")).contains(1L);
            assertThat(response.getLong("complete")).contains(0L);
            // compact IPv4 entries only, and the announcing peer is in its own list
            assertThat(response.getString("peers").orElseThrow().bytes())
                    .containsExactly(127, 0, 0, 1, 6881 >> 8, 6881 & 0xFF);
        }
    }

    @Test
    void nonWhitelistedHashIsRefusedWithAFailureReason() throws Exception {
        try (OpenTracker tracker = OpenTracker.start(List.of(randomHash()))) {
            HttpResponse<byte[]> response = get(announceUri(tracker, randomHash(), "-TS0001-bbbbbbbbbbbb", 6881, 1, ""));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(new String(response.body(), StandardCharsets.ISO_8859_1)).isEqualTo(NOT_WHITELISTED);
        }
    }

    @Test
    void scrapeAndStatsCountALeecherAndASeed() throws Exception {
        String hash = randomHash();
        try (OpenTracker tracker = OpenTracker.start(List.of(hash))) {
            assertThat(tracker.scrape(hash)).isEqualTo(ScrapeCounts.NONE);

            announce(tracker, hash, "-TS0001-leecher00000", 7001, 1000, "started");
            announce(tracker, hash, "-TS0001-seed00000000", 7002, 0, "started");

            assertThat(tracker.scrape(hash)).isEqualTo(new ScrapeCounts(1, 1, 0));
            OpenTrackerStats stats = tracker.stats();
            assertThat(stats.torrents()).isEqualTo(1);
            assertThat(stats.peers()).isEqualTo(2);
            assertThat(stats.seeds()).isEqualTo(1);
            assertThat(stats.tcpAnnounces()).isGreaterThanOrEqualTo(2);
            // MRTG style: peers, seeds, then a description
            assertThat(tracker.stats("peer").lines().limit(3))
                    .containsExactly("2", "1", "opentracker serving 1 torrents");
            assertThat(tracker.stats("top10")).contains(hash.toUpperCase(Locale.ROOT));
        }
    }

    @Test
    void whitelistGrowsWhileRunning() throws Exception {
        String late = randomHash();
        try (OpenTracker tracker = OpenTracker.start(List.of(randomHash()))) {
            assertThat(new String(get(announceUri(tracker, late, "-TS0001-cccccccccccc", 6881, 1, "")).body(),
                    StandardCharsets.ISO_8859_1)).isEqualTo(NOT_WHITELISTED);

            tracker.whitelist(List.of(late));

            assertThat(tracker.whitelisted()).contains(late);
            assertThat(announce(tracker, late, "-TS0001-cccccccccccc", 6881, 1, "started").getLong("incomplete"))
                    .contains(1L);
        }
    }

    @Test
    void udpAnnounceCountsSeedsByLeftAndListsTheAnnouncer() throws Exception {
        String hash = randomHash();
        byte[] infoHash = HexFormat.of().parseHex(hash);
        try (OpenTracker tracker = OpenTracker.start(List.of(hash));
                BareUdpClient udp = new BareUdpClient(LoopbackPorts.IPV4, tracker.udpPort())) {
            long connectionId = udp.connect(1);
            AnnounceReply leecher = udp.announce(connectionId, 2, infoHash, peerId("-TS0001-udpleecher00"),
                    UdpProtocol.EVENT_STARTED, 500, 7101).asAnnounce();
            AnnounceReply seed = udp.announce(connectionId, 3, infoHash, peerId("-TS0001-udpseed00000"),
                    UdpProtocol.EVENT_STARTED, 0, 7102).asAnnounce();
            Reply refused = udp.announce(connectionId, 4, randomBytes(), peerId("-TS0001-udpleecher00"),
                    UdpProtocol.EVENT_STARTED, 500, 7101);

            assertThat(leecher.interval()).isBetween(MIN_INTERVAL, MAX_INTERVAL);
            assertThat(leecher.leechers()).isEqualTo(1);
            assertThat(leecher.seeders()).isZero();
            assertThat(leecher.ipv4Peers()).containsExactly(new InetSocketAddress("127.0.0.1", 7101));
            assertThat(seed.leechers()).isEqualTo(1);
            assertThat(seed.seeders()).isEqualTo(1);
            assertThat(seed.ipv4Peers()).containsExactlyInAnyOrder(
                    new InetSocketAddress("127.0.0.1", 7101), new InetSocketAddress("127.0.0.1", 7102));
            // a hash off the whitelist gets a bare header: action announce, transaction id, nothing more
            assertThat(refused.action()).isEqualTo(1);
            assertThat(refused.bytes()).hasSize(8);
        }
    }

    @Test
    void missingBinaryFailsWithHowToInstallIt() {
        assertThatThrownBy(() -> OpenTracker.builder().binary(Path.of("/nonexistent/opentracker")).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("apt-get install -y opentracker");
        assertThat(OpenTracker.isInstalled()).isTrue();
        assertThat(OpenTracker.binary()).isExecutable();
    }

    @Test
    void earlyExitFailsWithTheTrackersOutput(@TempDir Path dir) throws Exception {
        Path fake = dir.resolve("opentracker");
        Files.writeString(fake, "#!/bin/sh\necho \"cannot start: $*\"\nexit 3\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThatThrownBy(() -> OpenTracker.builder().binary(fake).whitelist(randomHash()).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited with code 3")
                .hasMessageContaining("cannot start: -i 127.0.0.1 -p ");
    }

    private static BencodeDictionary announce(
            OpenTracker tracker, String hash, String peerId, int port, long left, String event) throws Exception {
        HttpResponse<byte[]> response = get(announceUri(tracker, hash, peerId, port, left, event));
        assertThat(response.statusCode()).isEqualTo(200);
        return (BencodeDictionary) BencodeDecoder.decode(response.body());
    }

    private static URI announceUri(OpenTracker tracker, String hash, String peerId, int port, long left, String event) {
        return URI.create(tracker.httpAnnounceUrl()
                + "?info_hash=" + InfoHashHex.percentEncoded(hash)
                + "&peer_id=" + peerId
                + "&port=" + port
                + "&uploaded=0&downloaded=0&left=" + left
                + "&compact=1"
                + (event.isEmpty() ? "" : "&event=" + event));
    }

    private static HttpResponse<byte[]> get(URI uri) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] peerId(String twentyChars) {
        assertThat(twentyChars).hasSize(20);
        return twentyChars.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[20];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static String randomHash() {
        return HexFormat.of().formatHex(randomBytes());
    }
}
