package io.github.bttracker.testing;

import static io.github.bttracker.testing.TrackerTestSupport.announceQuery;
import static io.github.bttracker.testing.TrackerTestSupport.compactPeers;
import static io.github.bttracker.testing.TrackerTestSupport.get;
import static io.github.bttracker.testing.TrackerTestSupport.id;
import static io.github.bttracker.testing.TrackerTestSupport.loopback;
import static io.github.bttracker.testing.TrackerTestSupport.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EmbeddedTrackerBehaviourTest {
    private static final byte[] HASH = id(0x22);

    private final EmbeddedTracker tracker = EmbeddedTracker.start();
    private final HttpClient client = TrackerTestSupport.newClient();

    @AfterEach
    void close() {
        tracker.close();
    }

    private String announceUrl(int peer, String extra) {
        return tracker.httpUrl("/announce" + announceQuery(HASH, id(peer), 6880 + peer, 10, extra));
    }

    @Test
    void failureAnswersWithTheReasonAndLeavesTheSwarmAlone() {
        tracker.http().enqueue(TrackerBehaviour.failure("torrent not registered"));

        HttpResponse<byte[]> response = get(client, announceUrl(1, ""));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Bdecode.dictionary(response.body())).containsOnlyKeys("failure reason");
        assertThat(string(Bdecode.dictionary(response.body()).get("failure reason")))
                .isEqualTo("torrent not registered");
        assertThat(tracker.peers(HASH)).isEmpty();
    }

    @Test
    void behavioursApplyInOrderToOneRequestEach() {
        tracker.http().enqueue(TrackerBehaviour.failure("first"));
        tracker.http().enqueue(TrackerBehaviour.warning("second").and(TrackerBehaviour.extraFields(
                Map.of("min interval", 60, "tracker id", "t-1", "external ip", new byte[] {10, 0, 0, 7}))));

        Map<String, Object> first = Bdecode.dictionary(get(client, announceUrl(1, "")).body());
        Map<String, Object> second = Bdecode.dictionary(get(client, announceUrl(1, "")).body());
        Map<String, Object> third = Bdecode.dictionary(get(client, announceUrl(1, "")).body());

        assertThat(first).containsKey("failure reason");
        assertThat(string(second.get("warning message"))).isEqualTo("second");
        assertThat(second).containsEntry("min interval", 60L).containsKeys("interval", "peers");
        assertThat((byte[]) second.get("external ip")).containsExactly(10, 0, 0, 7);
        assertThat(third).doesNotContainKeys("warning message", "failure reason", "min interval");
    }

    @Test
    void gzipAndDeflateCompressTheNormalBody() throws IOException {
        tracker.http().enqueue(TrackerBehaviour.gzip());
        tracker.http().enqueue(TrackerBehaviour.deflate());

        HttpResponse<byte[]> gzipped = get(client, announceUrl(1, "&compact=1"));
        HttpResponse<byte[]> deflated = get(client, announceUrl(2, "&compact=1"));

        assertThat(gzipped.headers().firstValue("content-encoding")).contains("gzip");
        assertThat(Bdecode.dictionary(inflate(new GZIPInputStream(new ByteArrayInputStream(gzipped.body())))))
                .containsKeys("interval", "peers");
        assertThat(deflated.headers().firstValue("content-encoding")).contains("deflate");
        Map<String, Object> body = Bdecode.dictionary(
                inflate(new InflaterInputStream(new ByteArrayInputStream(deflated.body()))));
        assertThat(compactPeers((byte[]) body.get("peers"), 4)).containsExactly(loopback(6881));
    }

    private static byte[] inflate(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    @Test
    void redirectSendsStatusAndLocation() {
        tracker.http().enqueue(TrackerBehaviour.redirect(307, "http://127.0.0.1:1/elsewhere"));

        HttpResponse<byte[]> response = get(client, announceUrl(1, ""));

        assertThat(response.statusCode()).isEqualTo(307);
        assertThat(response.headers().firstValue("location")).contains("http://127.0.0.1:1/elsewhere");
        assertThat(response.body()).isEmpty();
        assertThat(tracker.peers(HASH)).isEmpty();
    }

    @Test
    void extraPeersGoToPeersAndPeers6AndDictionaryPeersOverridesCompact() {
        InetSocketAddress v4 = new InetSocketAddress("10.0.0.1", 1111);
        InetSocketAddress v6 = new InetSocketAddress("2001:db8::1", 2222);
        tracker.http().enqueue(TrackerBehaviour.extraPeers(List.of(v4, v6)));
        tracker.http().enqueue(TrackerBehaviour.dictionaryPeers());

        Map<String, Object> compact = Bdecode.dictionary(get(client, announceUrl(1, "&compact=1")).body());
        Map<String, Object> dictionaries = Bdecode.dictionary(get(client, announceUrl(2, "&compact=1")).body());

        assertThat(compactPeers((byte[]) compact.get("peers"), 4)).containsExactly(v4);
        assertThat(compactPeers((byte[]) compact.get("peers6"), 16)).containsExactly(v6);
        assertThat((List<?>) dictionaries.get("peers")).singleElement()
                .satisfies(peer -> assertThat(TrackerTestSupport.dict(peer)).containsEntry("port", 6881L));
    }

    @Test
    void delayAnswersLaterWithoutBlockingOtherConnections() {
        tracker.http().enqueue(TrackerBehaviour.delay(Duration.ofMillis(300)));
        long start = System.nanoTime();

        HttpResponse<byte[]> response = get(client, announceUrl(1, ""));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(Bdecode.dictionary(response.body())).containsKey("interval");
    }

    @Test
    void noResponseKeepsTheClientWaiting() {
        tracker.http().enqueue(TrackerBehaviour.noResponse());

        assertThatThrownBy(() -> get(client, announceUrl(1, ""), Duration.ofMillis(300)))
                .hasCauseInstanceOf(HttpTimeoutException.class);
        assertThat(tracker.http().take().isAnnounce()).isTrue();
    }

    @Test
    void rawBodySendsExactlyWhatItIsGiven() {
        tracker.http().enqueue(TrackerBehaviour.body(502, "d8:interva".getBytes(StandardCharsets.US_ASCII),
                Map.of("X-Test", "yes")));
        tracker.http().enqueue(TrackerBehaviour.oversizedBody(100_000));

        HttpResponse<byte[]> malformed = get(client, announceUrl(1, ""));
        HttpResponse<byte[]> oversized = get(client, announceUrl(1, ""));

        assertThat(malformed.statusCode()).isEqualTo(502);
        assertThat(malformed.headers().firstValue("x-test")).contains("yes");
        assertThat(malformed.body()).asString(StandardCharsets.US_ASCII).isEqualTo("d8:interva");
        assertThat(oversized.body()).hasSize(100_000);
        assertThat(Bdecode.dictionary(oversized.body())).containsKeys("interval", "peers", "padding");
    }

    @Test
    void closeConnectionDropsTheConnectionWithoutAResponse() throws IOException {
        tracker.http().enqueue(TrackerBehaviour.closeConnection());

        try (RawHttpConnection connection = new RawHttpConnection(loopback(tracker.port()))) {
            connection.send("/announce", "");
            assertThat(connection.serverClosed()).isTrue();
        }
    }

    @Test
    void neverEndingBodyKeepsSendingChunks() throws IOException {
        tracker.http().enqueue(TrackerBehaviour.neverEndingBody());

        try (RawHttpConnection connection = new RawHttpConnection(loopback(tracker.port()))) {
            connection.send("/announce", "");
            String head = connection.readHead();
            assertThat(head).startsWith("HTTP/1.1 200");
            assertThat(RawHttpConnection.header(head, "transfer-encoding")).isEqualTo("chunked");
            int received = 0;
            for (int chunk = 0; chunk < 4; chunk++) {
                received += connection.readAtMost(64).length;
            }
            assertThat(received).isPositive();
        }
    }

    @Test
    void hugeContentLengthClaimsTerabytesAndSendsAFewBytes() throws IOException {
        tracker.http().enqueue(TrackerBehaviour.hugeContentLength());

        try (RawHttpConnection connection = new RawHttpConnection(loopback(tracker.port()))) {
            connection.send("/announce", "");
            String head = connection.readHead();
            assertThat(RawHttpConnection.header(head, "content-length")).isEqualTo("5000000000000");
            assertThat(connection.readAtMost(1024)).isNotEmpty();
            connection.setReadTimeoutMillis(200);
            assertThat(connection.serverClosed()).as("connection stays open").isFalse();
        }
    }
}
