package io.github.bttracker.it.jstracker;

import io.github.bttracker.it.process.LoopbackPorts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.internal.bencode.BencodeDecoder;
import io.github.bttracker.internal.bencode.BencodeDictionary;
import io.github.bttracker.internal.bencode.BencodeString;
import io.github.bttracker.testing.internal.BareUdpClient;
import io.github.bttracker.testing.internal.BareUdpClient.AnnounceReply;
import io.github.bttracker.testing.internal.BareUdpClient.Reply;
import io.github.bttracker.testing.internal.BareWebSocketClient;
import io.github.bttracker.testing.internal.UdpProtocol;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the reference JavaScript tracker and talks to it with plain JDK clients, not the project's
 * own transports, to pin down what it answers. These tests need {@code npm ci --ignore-scripts}
 * run in {@code integration-tests/js-tracker} and fail, rather than skip, when it was not.
 * {@link PeerTubeTrackerProcessTest} runs the same tests against PeerTube's fork.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JsTrackerProcessTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] IPV4_LOOPBACK = {127, 0, 0, 1};
    private static final byte[] IPV6_LOOPBACK = LoopbackPorts.IPV6.getAddress();

    /** Shared by the tests that only look at answers; tests that count start their own tracker. */
    private JsTracker tracker;
    private static HttpClient http;

    /** @return the tracker these tests run */
    JsTrackerPackage trackerPackage() {
        return JsTrackerPackage.BITTORRENT_TRACKER;
    }

    /**
     * @return how {@code /stats.json} names the client of a {@code -RM0100-} peer id: the reference's
     *     bittorrent-peerid 2.0.2 knows it as RUM Torrent 0.1
     */
    Map<String, Map<String, Integer>> rumTorrentInStats() {
        return Map.of("RUM Torrent", Map.of("0.1.0.0", 1));
    }

    @BeforeAll
    void start() {
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT)
                .build();
        tracker = JsTracker.start(trackerPackage());
    }

    @AfterAll
    void stop() {
        if (tracker != null) {
            tracker.close();
        }
        http = null; // HttpClient has no close() before Java 21; its threads die with the JVM
    }

    @Test
    void closeStopsTheProcessAndIsIdempotent() {
        JsTracker own = JsTracker.start(trackerPackage());
        long pid = own.pid();
        assertThat(ProcessHandle.of(pid)).hasValueSatisfying(handle -> assertThat(handle.isAlive()).isTrue());
        assertThat(own.port()).isNotEqualTo(tracker.port());
        assertThat(own.httpAnnounceUrl()).isEqualTo("http://127.0.0.1:" + own.port() + "/announce");
        assertThat(own.http6AnnounceUrl()).isEqualTo("http://[::1]:" + own.port() + "/announce");
        assertThat(own.udpAnnounceUrl()).isEqualTo("udp://127.0.0.1:" + own.port());
        assertThat(own.udp6AnnounceUrl()).isEqualTo("udp://[::1]:" + own.port());
        assertThat(own.wsAnnounceUrl()).isEqualTo("ws://127.0.0.1:" + own.port());
        assertThat(own.log()).contains("listening " + own.port());

        own.close();

        assertThat(ProcessHandle.of(pid)).isEmpty();
        // server.mjs handles SIGTERM itself, so it was not killed
        assertThat(own.log()).contains("SIGTERM: closing");
        own.close();
        assertThatThrownBy(own::stats).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void withoutNodeModulesStartingFailsAndSaysWhatToRun(@TempDir Path emptyDirectory) {
        assertThatThrownBy(() -> JsTrackerHome.verify(emptyDirectory, trackerPackage()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(trackerPackage().npmName() + " is not installed")
                .hasMessageContaining("npm ci --ignore-scripts")
                .hasMessageContaining(emptyDirectory.toString());
    }

    @Test
    void httpAnnounceReturnsIntervalAndTheAnnouncerItself() throws Exception {
        byte[] hash = randomBytes(20);
        BencodeDictionary answer = httpAnnounce(tracker.httpAnnounceUrl(), hash, randomPeerId(), 6881, 100);

        assertThat(answer.getLong("interval")).hasValue(600L);
        assertThat(answer.getLong("incomplete")).hasValue(1L);
        assertThat(answer.getLong("complete")).hasValue(0L);
        assertThat(answer.getString("peers").map(BencodeString::bytes)).hasValue(compactPeer(IPV4_LOOPBACK, 6881));
        // peers6 is always there, empty when no IPv6 peer is in the swarm
        assertThat(answer.getString("peers6").map(BencodeString::length)).hasValue(0);
        assertThat(answer.containsKey("min interval")).isFalse();
        assertThat(answer.containsKey("tracker id")).isFalse();
        assertThat(answer.containsKey("warning message")).isFalse();
    }

    @Test
    void httpAnnounceOverIpv6ListsTheAnnouncerInPeers6() throws Exception {
        byte[] hash = randomBytes(20);
        BencodeDictionary answer = httpAnnounce(tracker.http6AnnounceUrl(), hash, randomPeerId(), 6882, 0);

        assertThat(answer.getLong("complete")).hasValue(1L);
        assertThat(answer.getString("peers").map(BencodeString::length)).hasValue(0);
        assertThat(answer.getString("peers6").map(BencodeString::bytes)).hasValue(compactPeer(IPV6_LOOPBACK, 6882));
    }

    @Test
    void udpAnnounceOverIpv4ListsTheAnnouncerItself() throws Exception {
        byte[] hash = randomBytes(20);
        try (BareUdpClient udp = new BareUdpClient(LoopbackPorts.IPV4, tracker.port())) {
            Reply connected = udp.exchange(BareUdpClient.connectRequest(1));
            // the tracker hands out no connection ids of its own: it echoes the protocol id
            assertThat(connected.action()).isZero();
            assertThat(connected.connectionId()).isEqualTo(UdpProtocol.PROTOCOL_ID);

            Reply reply = udp.announce(connected.connectionId(), 2, hash, randomPeerId(), UdpProtocol.EVENT_STARTED,
                    100, 7001);

            assertThat(reply.action()).isEqualTo(1);
            AnnounceReply answer = reply.asAnnounce();
            assertThat(answer.interval()).isEqualTo(600);
            assertThat(answer.leechers()).isEqualTo(1);
            assertThat(answer.peers()).isEqualTo(compactPeer(IPV4_LOOPBACK, 7001));
        }
    }

    @Test
    void udpAnnounceOverIpv6AnswersWithSixByteEntriesOfIpv4PeersOnly() throws Exception {
        byte[] hash = randomBytes(20);
        try (BareUdpClient udp6 = new BareUdpClient(LoopbackPorts.IPV6, tracker.port());
                BareUdpClient udp4 = new BareUdpClient(LoopbackPorts.IPV4, tracker.port())) {
            Reply alone = udp6.announce(udp6.connect(1), 2, hash, randomPeerId(), UdpProtocol.EVENT_STARTED, 100, 7002);
            // the announcer is in the swarm (one leecher) but, being IPv6, in no UDP answer
            assertThat(alone.action()).isEqualTo(1);
            assertThat(alone.asAnnounce().leechers()).isEqualTo(1);
            assertThat(alone.asAnnounce().peers()).isEmpty();

            udp4.announce(udp4.connect(3), 4, hash, randomPeerId(), UdpProtocol.EVENT_STARTED, 100, 7003);
            AnnounceReply again = udp6.announce(UdpProtocol.PROTOCOL_ID, 5, hash, randomPeerId(),
                    UdpProtocol.EVENT_STARTED, 100, 7004).asAnnounce();

            assertThat(again.leechers()).isEqualTo(3);
            assertThat(again.peers()).isEqualTo(compactPeer(IPV4_LOOPBACK, 7003));
        }
    }

    @Test
    void webSocketAnnounceAnswersWithActionAndAFifthOfTheInterval() throws Exception {
        for (String url : new String[] {tracker.wsAnnounceUrl(), tracker.ws6AnnounceUrl()}) {
            String hash = randomAscii(20);
            try (BareWebSocketClient ws = BareWebSocketClient.connect(url, http)) {
                ws.send(JSON.writeValueAsString(Map.of(
                        "action", "announce", "info_hash", hash, "peer_id", randomAscii(20),
                        "numwant", 0, "left", 100, "uploaded", 0, "downloaded", 0, "event", "started")));

                JsonNode answer = JSON.readTree(ws.receiveText());

                assertThat(answer.path("action").asText()).as(url).isEqualTo("announce");
                assertThat(answer.path("interval").asInt()).as(url).isEqualTo(120);
                assertThat(answer.path("info_hash").asText()).as(url).isEqualTo(hash);
                assertThat(answer.path("incomplete").asInt()).as(url).isEqualTo(1);
            }
        }
    }

    @Test
    void scrapeKeysOfHashesWithHighBytesComeBackUtf8Encoded() throws Exception {
        byte[] hash = new byte[20];
        for (int i = 0; i < hash.length; i++) {
            hash[i] = (byte) (0x80 + i);
        }
        httpAnnounce(tracker.httpAnnounceUrl(), hash, randomPeerId(), 6883, 0);

        BencodeDictionary answer = httpGet(tracker.httpScrapeUrl() + "?info_hash=" + percentEncoded(hash));
        BencodeDictionary files = answer.getDictionary("files").orElseThrow();

        // each byte is taken as a Latin-1 character and written out as UTF-8: two bytes each
        byte[] utf8Key = new String(hash, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.UTF_8);
        assertThat(files.entries().keySet()).containsExactly(BencodeString.of(utf8Key));
        assertThat(files.entries().get(BencodeString.of(utf8Key))).isInstanceOfSatisfying(
                BencodeDictionary.class, counts -> assertThat(counts.getLong("complete")).hasValue(1L));
    }

    @Test
    void statsCountTorrentsAndPeersByAddressAndPort() throws Exception {
        try (JsTracker own = JsTracker.start(trackerPackage())) {
            assertThat(own.stats()).isEqualTo(new JsTrackerStats(0, 0, 0, 0, 0, 0, 0, 0, Map.of()));
            byte[] first = randomBytes(20);
            byte[] second = randomBytes(20);
            httpAnnounce(own.httpAnnounceUrl(), first, peerId("-JT0001-"), 6891, 0);
            // the same address and port in a second swarm is the same peer
            httpAnnounce(own.httpAnnounceUrl(), second, peerId("-JT0001-"), 6891, 100);
            httpAnnounce(own.http6AnnounceUrl(), first, peerId("-JT0001-"), 6892, 100);

            JsTrackerStats stats = own.stats();

            assertThat(stats.torrents()).isEqualTo(2);
            assertThat(stats.activeTorrents()).isEqualTo(2);
            assertThat(stats.peersAll()).isEqualTo(2);
            assertThat(stats.peersSeederOnly()).isZero();
            assertThat(stats.peersLeecherOnly()).isEqualTo(1);
            assertThat(stats.peersSeederAndLeecher()).isEqualTo(1);
            assertThat(stats.peersIPv4()).isEqualTo(1);
            assertThat(stats.peersIPv6()).isEqualTo(1);
            assertThat(stats.clients()).isEqualTo(Map.of("unknown", Map.of("-JT0001-", 2)));
        }
    }

    @Test
    void statsNameTheClientAfterThePeerId() throws Exception {
        try (JsTracker own = JsTracker.start(trackerPackage())) {
            httpAnnounce(own.httpAnnounceUrl(), randomBytes(20), peerId("-RM0100-"), 6895, 0);

            assertThat(own.stats().clients()).isEqualTo(rumTorrentInStats());
        }
    }

    @Test
    void swarmListsEachPeerAsTheTrackerRecordedIt() throws Exception {
        byte[] hash = randomBytes(20);
        byte[] leecher = randomPeerId();
        byte[] seed = randomPeerId();
        assertThat(tracker.swarm(InfoHash.of(hash))).isEmpty();
        httpAnnounce(tracker.httpAnnounceUrl(), hash, leecher, 6901, 100);
        httpAnnounce(tracker.http6AnnounceUrl(), hash, seed, 6902, 0);

        JsTrackerSwarm swarm = tracker.swarm(InfoHash.of(hash)).orElseThrow();

        assertThat(swarm.complete()).isEqualTo(1);
        assertThat(swarm.incomplete()).isEqualTo(1);
        assertThat(swarm.peers()).containsExactlyInAnyOrder(
                new JsTrackerSwarm.Peer("http", PeerId.of(leecher), "127.0.0.1", 6901, false),
                new JsTrackerSwarm.Peer("http", PeerId.of(seed), "::1", 6902, true));
    }

    private static BencodeDictionary httpAnnounce(String announceUrl, byte[] infoHash, byte[] peerId, int port, long left)
            throws Exception {
        String query = "?info_hash=" + percentEncoded(infoHash) + "&peer_id=" + percentEncoded(peerId)
                + "&port=" + port + "&uploaded=0&downloaded=0&left=" + left + "&event=started&compact=1";
        BencodeDictionary answer = httpGet(announceUrl + query);
        assertThat(answer.containsKey("failure reason")).as("failure in %s", answer).isFalse();
        return answer;
    }

    private static BencodeDictionary httpGet(String url) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return (BencodeDictionary) BencodeDecoder.decode(response.body());
    }

    /** Every byte as %XX, so the request does not depend on which bytes the value happens to hold. */
    private static String percentEncoded(byte[] bytes) {
        StringBuilder encoded = new StringBuilder(3 * bytes.length);
        for (byte b : bytes) {
            encoded.append('%').append(String.format("%02X", b & 0xFF));
        }
        return encoded.toString();
    }

    private static byte[] compactPeer(byte[] address, int port) {
        return ByteBuffer.allocate(address.length + 2).put(address).putShort((short) port).array();
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static byte[] randomPeerId() {
        return peerId("-JT0001-");
    }

    /** A 20-byte peer id: the prefix, then random digits. */
    private static byte[] peerId(String prefix) {
        StringBuilder id = new StringBuilder(prefix);
        while (id.length() < 20) {
            id.append((char) ('0' + ThreadLocalRandom.current().nextInt(10)));
        }
        return id.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String randomAscii(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return text.toString();
    }
}
