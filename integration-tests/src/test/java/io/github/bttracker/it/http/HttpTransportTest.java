package io.github.bttracker.it.http;

import static io.github.bttracker.testing.TrackerBehaviour.extraFields;
import static io.github.bttracker.testing.TrackerBehaviour.extraPeers;
import static io.github.bttracker.testing.TrackerBehaviour.warning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bttracker.TrackerRuntime;
import io.github.bttracker.core.AnnounceEvent;
import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerAddress;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.core.ScrapeResult;
import io.github.bttracker.core.TrackerException.Kind;
import io.github.bttracker.core.TrackerException;
import io.github.bttracker.it.Futures;
import io.github.bttracker.options.ConnectionOptions;
import io.github.bttracker.options.HttpOptions;
import io.github.bttracker.options.SafetyOptions;
import io.github.bttracker.options.TrackerClientOptions;
import io.github.bttracker.testing.EmbeddedTracker;
import io.github.bttracker.testing.RecordedRequest;
import io.github.bttracker.testing.TrackerBehaviour;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP transport against the embedded tracker on loopback: what a caller of the runtime sees. */
class HttpTransportTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final byte[] BINARY_HASH = {0, 1, 2, ' ', '%', '&', '+', 0x7F, (byte) 0x80, (byte) 0xFF,
        '0', '9', 'a', 'Z', '~', '.', '-', '_', '=', '?'};

    EmbeddedTracker tracker;
    TrackerRuntime runtime;

    @BeforeEach
    void start() {
        tracker = EmbeddedTracker.start();
        runtime = TrackerRuntime.create(TrackerClientOptions.defaults()
                .withHttp(HttpOptions.defaults().withUserAgent("http-transport-test/1")));
    }

    @AfterEach
    void stop() {
        runtime.close();
        tracker.close();
    }

    static AnnounceRequest.Builder request(InfoHash hash, int port) {
        return AnnounceRequest.builder(hash, PeerId.random("-TS0001-"), port).event(AnnounceEvent.STARTED)
                .left(1000);
    }

    static InfoHash hash(int n) {
        byte[] bytes = new byte[20];
        bytes[0] = (byte) n;
        bytes[1] = (byte) (n >> 8);
        bytes[19] = (byte) 0xEE;
        return InfoHash.of(bytes);
    }

    AnnounceResponse announce(String url, AnnounceRequest request) throws Exception {
        return runtime.announce(url, request, TIMEOUT).get(20, TimeUnit.SECONDS);
    }

    static TrackerException failureOf(CompletableFuture<?> future) {
        return Futures.failureOf(future);
    }

    @Test
    void announceFindsTheOtherPeersOfTheSwarm() throws Exception {
        InfoHash hash = hash(1);
        AnnounceResponse first = announce(tracker.httpAnnounceUrl(), request(hash, 6001).build());
        AnnounceResponse second = announce(tracker.httpAnnounceUrl(), request(hash, 6002).build());

        assertThat(first.isSuccess()).isTrue();
        assertThat(first.peers()).isEmpty();
        assertThat(second.peers()).containsExactly(PeerAddress.of(InetAddress.getByName("127.0.0.1"), 6001));
        assertThat(second.incomplete()).hasValue(2);
        assertThat(second.complete()).hasValue(0);
        assertThat(second.interval()).hasValue(Duration.ofSeconds(tracker.interval()));
        assertThat(second.trackerUrl()).isEqualTo(tracker.httpAnnounceUrl());
    }

    @Test
    void sendsByteExactParametersAndTheUserAgent() throws Exception {
        InfoHash hash = InfoHash.of(BINARY_HASH);
        PeerId peerId = PeerId.of("-TS0001-\u0000\u00ff3456789abc".getBytes(StandardCharsets.ISO_8859_1));
        announce(tracker.httpAnnounceUrl(), AnnounceRequest.builder(hash, peerId, 51413).event(AnnounceEvent.STARTED)
                .uploaded(7).downloaded(8).left(9).numWant(33).key(0xCAFE).customParameter("supportcrypto", "1")
                .build());

        RecordedRequest recorded = tracker.http().take();
        assertThat(recorded.infoHash()).hasValue(BINARY_HASH);
        assertThat(recorded.peerId()).hasValue(peerId.bytes());
        assertThat(recorded.param("port")).hasValue("51413");
        assertThat(recorded.param("uploaded")).hasValue("7");
        assertThat(recorded.param("downloaded")).hasValue("8");
        assertThat(recorded.param("left")).hasValue("9");
        assertThat(recorded.param("numwant")).hasValue("33");
        assertThat(recorded.param("compact")).hasValue("1");
        assertThat(recorded.param("key")).hasValue("0000CAFE");
        assertThat(recorded.param("supportcrypto")).hasValue("1");
        assertThat(recorded.event()).hasValue("started");
        assertThat(recorded.param("ip")).isEmpty();
        assertThat(recorded.header("User-Agent")).hasValue("http-transport-test/1");
        assertThat(recorded.header("Accept-Encoding")).hasValueSatisfying(v -> assertThat(v).contains("gzip"));
        assertThat(recorded.rawQuery()).contains("info_hash=%00%01%02%20%25%26%2B%7F%80%FF09aZ~.-_%3D%3F");
    }

    @Test
    void keepsPasskeysInTheAnnounceUrl() throws Exception {
        String url = tracker.httpUrl("/private/announce.php?passkey=abc%2Fdef");
        assertThat(announce(url, request(hash(2), 1).build()).isSuccess()).isTrue();
        RecordedRequest recorded = tracker.http().take();
        assertThat(recorded.path()).isEqualTo("/private/announce.php");
        assertThat(recorded.rawQuery()).startsWith("passkey=abc%2Fdef&info_hash=");
    }

    @Test
    void requestsANonAsciiPathPercentEncodedInUtf8() throws Exception {
        String url = tracker.httpUrl("/tr\u00e4cker/announce?k=\u00fc");
        assertThat(announce(url, request(hash(3), 1).build()).isSuccess()).isTrue();
        RecordedRequest recorded = tracker.http().take();
        assertThat(recorded.target()).startsWith("/tr%C3%A4cker/announce?k=%C3%BC&info_hash=");
    }

    @Test
    void eachOfMoreTrackerUrlsThanItKeepsParsedGetsItsOwnRequest() throws Exception {
        // more distinct URLs than the transport keeps parsed (1,024), then the first ones again
        int urls = 1_100;
        for (int i = 0; i < urls + 5; i++) {
            int n = i % urls;
            String url = tracker.httpUrl("/t" + n + "/announce?passkey=" + n);
            assertThat(announce(url, request(hash(4), 1).build()).isSuccess()).isTrue();
            RecordedRequest recorded = tracker.http().take();
            assertThat(recorded.path()).isEqualTo("/t" + n + "/announce");
            assertThat(recorded.rawQuery()).startsWith("passkey=" + n + "&info_hash=");
        }
    }

    @Test
    void aFailureReasonIsAFailedResponse() throws Exception {
        tracker.http().enqueue(TrackerBehaviour.failure("unregistered torrent"));
        AnnounceResponse response = announce(tracker.httpAnnounceUrl(), request(hash(3), 1).build());
        assertThat(response.isSuccess()).isFalse();
        assertThat(response.failureReason()).hasValue("unregistered torrent");
    }

    @Test
    void reportsWarningMinIntervalTrackerIdAndExternalIp() throws Exception {
        tracker.http().enqueue(warning("be nice").and(extraFields(Map.of("min interval", 120, "tracker id", "T-1",
                "external ip", new byte[] {(byte) 198, 51, 100, 7}))));
        AnnounceResponse response = announce(tracker.httpAnnounceUrl(), request(hash(4), 1).build());
        assertThat(response.warningMessage()).hasValue("be nice");
        assertThat(response.minInterval()).hasValue(Duration.ofSeconds(120));
        assertThat(response.trackerId()).hasValue("T-1");
        assertThat(response.externalIp()).hasValue(InetAddress.getByName("198.51.100.7"));
    }

    @Test
    void readsGzipAndDeflateBodies() throws Exception {
        tracker.http().enqueue(TrackerBehaviour.gzip().and(warning("gzipped")));
        tracker.http().enqueue(TrackerBehaviour.deflate().and(warning("deflated")));
        assertThat(announce(tracker.httpAnnounceUrl(), request(hash(5), 1).build()).warningMessage())
                .hasValue("gzipped");
        assertThat(announce(tracker.httpAnnounceUrl(), request(hash(5), 2).build()).warningMessage())
                .hasValue("deflated");
    }

    @Test
    void readsDictionaryPeersAndIpv6PeersFromPeers6() throws Exception {
        InfoHash hash = hash(6);
        announce(tracker.httpAnnounceUrl(), request(hash, 7001).build());
        tracker.http().enqueue(TrackerBehaviour.dictionaryPeers());
        AnnounceResponse dict = announce(tracker.httpAnnounceUrl(), request(hash, 7002).build());
        assertThat(dict.peers()).singleElement().satisfies(p -> {
            assertThat(p.port()).isEqualTo(7001);
            assertThat(p.peerId()).isPresent();
        });

        tracker.http().enqueue(extraPeers(List.of(new InetSocketAddress("::1", 7003),
                new InetSocketAddress("2001:db8::5", 7004))));
        AnnounceResponse withV6 = announce(tracker.httpAnnounceUrl(), request(hash, 7005).build());
        assertThat(withV6.peers()).extracting(PeerAddress::toString)
                .contains("[0:0:0:0:0:0:0:1]:7003", "[2001:db8:0:0:0:0:0:5]:7004", "127.0.0.1:7001");
    }

    @Test
    void reusesOneKeptAliveConnectionForSequentialAnnounces() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(announce(tracker.httpAnnounceUrl(), request(hash(7), 100 + i).build()).isSuccess()).isTrue();
        }
        assertThat(tracker.http().connectionCount()).isEqualTo(1);
    }

    @Test
    void worksWithATrackerThatClosesEveryConnection() throws Exception {
        tracker.setCloseConnectionsAfterResponse(true);
        for (int i = 0; i < 20; i++) {
            assertThat(announce(tracker.httpAnnounceUrl(), request(hash(8), 100 + i).build()).isSuccess()).isTrue();
        }
        assertThat(tracker.http().connectionCount()).isEqualTo(20);
    }

    @Test
    void stopsReusingConnectionsOfATrackerThatClosesThemWithoutSaying() throws Exception {
        // opentracker answers HTTP/1.1 without Connection: close, then closes: a request sent on such a connection
        // in the meantime is lost with it
        tracker.setCloseConnectionsSilently(true);
        for (int i = 0; i < 20; i++) {
            assertThat(announce(tracker.httpAnnounceUrl(), request(hash(9), 100 + i).build()).isSuccess()).isTrue();
            Thread.sleep(EmbeddedTracker.SILENT_CLOSE_DELAY.toMillis() / 5); // well within the tracker's close delay
        }
        // one request is lost on a reused connection and sent again; from then on each gets a fresh connection
        assertThat(tracker.http().count()).isEqualTo(20);
        assertThat(tracker.http().lostCount()).isEqualTo(1);
        assertThat(tracker.http().connectionCount()).isEqualTo(20);

        List<CompletableFuture<AnnounceResponse>> concurrent = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            concurrent.add(runtime.announce(tracker.httpAnnounceUrl(), request(hash(3000 + i), 2000).build(),
                    TIMEOUT));
        }
        for (CompletableFuture<AnnounceResponse> f : concurrent) {
            assertThat(f.get(30, TimeUnit.SECONDS).isSuccess()).isTrue();
        }
        assertThat(tracker.http().lostCount()).isEqualTo(1);
    }

    @Test
    void boundsTheConnectionsAndQueueOfATrackerThatClosesEveryConnection() throws Exception {
        runtime.close();
        runtime = TrackerRuntime.create(TrackerClientOptions.defaults()
                .withHttp(HttpOptions.defaults().withMaxConnectionsPerOrigin(2).withMaxQueuedRequestsPerOrigin(3)));
        tracker.setCloseConnectionsSilently(true);
        // once a request has gone out on a connection the tracker was closing, the client knows it closes every
        // connection and opens one per request
        for (int i = 0; i < 20 && tracker.http().lostCount() == 0; i++) {
            assertThat(announce(tracker.httpAnnounceUrl(), request(hash(20), 100 + i).build()).isSuccess()).isTrue();
            Thread.sleep(EmbeddedTracker.SILENT_CLOSE_DELAY.toMillis() / 5); // well within the tracker's close delay
        }
        assertThat(tracker.http().lostCount()).isEqualTo(1);
        int before = tracker.http().count();
        int connectionsBefore = tracker.http().connectionCount();

        // the first two requests take the two connections and get no answer; three wait; one is refused
        tracker.http().enqueue(TrackerBehaviour.noResponse());
        tracker.http().enqueue(TrackerBehaviour.noResponse());
        List<CompletableFuture<AnnounceResponse>> unanswered = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            unanswered.add(runtime.announce(tracker.httpAnnounceUrl(), request(hash(22 + i), 1).build(),
                    Duration.ofSeconds(1)));
        }
        List<CompletableFuture<AnnounceResponse>> later = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            later.add(runtime.announce(tracker.httpAnnounceUrl(), request(hash(24 + i), 1).build(), TIMEOUT));
        }

        for (CompletableFuture<AnnounceResponse> f : unanswered) {
            assertThat(failureOf(f).kind()).isEqualTo(Kind.TIMEOUT);
        }
        List<TrackerException> refused = new ArrayList<>();
        for (CompletableFuture<AnnounceResponse> f : later) {
            try {
                assertThat(f.get(20, TimeUnit.SECONDS).isSuccess()).isTrue();
            } catch (java.util.concurrent.ExecutionException e) {
                refused.add((TrackerException) e.getCause());
            }
        }
        assertThat(refused).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(Kind.OVERLOADED);
            assertThat(e).hasMessageContaining("waiting for a connection");
        });
        // each request that was not refused had a connection of its own, the refused one none
        assertThat(tracker.http().count() - before).isEqualTo(5);
        assertThat(tracker.http().connectionCount() - connectionsBefore).isEqualTo(5);
        assertThat(tracker.http().lostCount()).isEqualTo(1);
    }

    @Test
    void runsConcurrentAnnouncesInParallelWithinTheConnectionLimit() throws Exception {
        runtime.close();
        runtime = TrackerRuntime.create(TrackerClientOptions.defaults()
                .withHttp(HttpOptions.defaults().withMaxConnectionsPerOrigin(4)));
        List<CompletableFuture<AnnounceResponse>> futures = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            futures.add(runtime.announce(tracker.httpAnnounceUrl(), request(hash(1000 + i), 2000).build(), TIMEOUT));
        }
        for (CompletableFuture<AnnounceResponse> f : futures) {
            assertThat(f.get(30, TimeUnit.SECONDS).isSuccess()).isTrue();
        }
        assertThat(tracker.http().connectionCount()).isBetween(1, 4);
    }

    @Test
    void followsRedirects() throws Exception {
        tracker.http().enqueue(TrackerBehaviour.redirectKeepingQuery(302, tracker.httpUrl("/moved/announce")));
        tracker.http().enqueue(TrackerBehaviour.redirectKeepingQuery(307, "/final/announce"));
        AnnounceResponse response = announce(tracker.httpAnnounceUrl(), request(hash(9), 1).build());
        assertThat(response.isSuccess()).isTrue();
        assertThat(tracker.http().take().path()).isEqualTo("/announce");
        assertThat(tracker.http().take().path()).isEqualTo("/moved/announce");
        RecordedRequest last = tracker.http().take();
        assertThat(last.path()).isEqualTo("/final/announce");
        assertThat(last.infoHash()).hasValue(hash(9).bytes());
    }

    @Test
    void givesUpAfterFiveRedirects() {
        for (int i = 0; i < 6; i++) {
            tracker.http().enqueue(TrackerBehaviour.redirectKeepingQuery(302, "/again/announce"));
        }
        TrackerException e = failureOf(runtime.announce(tracker.httpAnnounceUrl(), request(hash(10), 1).build(),
                TIMEOUT));
        assertThat(e.kind()).isEqualTo(Kind.REDIRECT);
        assertThat(e).hasMessageContaining(tracker.httpAnnounceUrl()).hasMessageContaining("more than 5 redirects");
        assertThat(tracker.http().count()).isEqualTo(6);
    }

    @Test
    void rejectsAResponseLargerThanTheCap() {
        tracker.http().enqueue(TrackerBehaviour.oversizedBody(SafetyOptions.DEFAULT_MAX_RESPONSE_SIZE + 1));
        TrackerException e = failureOf(runtime.announce(tracker.httpAnnounceUrl(), request(hash(11), 1).build(),
                TIMEOUT));
        assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE);
        assertThat(e).hasMessageContaining("1048576 bytes");
    }

    @Test
    void acceptsAResponseExactlyAtTheCap() throws Exception {
        tracker.http().enqueue(TrackerBehaviour.oversizedBody(SafetyOptions.DEFAULT_MAX_RESPONSE_SIZE));
        assertThat(announce(tracker.httpAnnounceUrl(), request(hash(12), 1).build()).isSuccess()).isTrue();
    }

    @Test
    void rejectsAnAbsurdContentLengthWithoutWaitingForTheBody() {
        tracker.http().enqueue(TrackerBehaviour.hugeContentLength());
        TrackerException e = failureOf(runtime.announce(tracker.httpAnnounceUrl(), request(hash(13), 1).build(),
                Duration.ofSeconds(30)));
        assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE);
    }

    @Test
    void waitsForASlowTrackerWithinTheDeadlineAndGivesUpBeyondIt() throws Exception {
        tracker.http().enqueue(TrackerBehaviour.delay(Duration.ofMillis(300)).and(warning("slow")));
        assertThat(announce(tracker.httpAnnounceUrl(), request(hash(24), 1).build()).warningMessage())
                .hasValue("slow");
        tracker.http().enqueue(TrackerBehaviour.delay(Duration.ofSeconds(5)));
        TrackerException e = failureOf(runtime.announce(tracker.httpAnnounceUrl(), request(hash(24), 2).build(),
                Duration.ofMillis(500)));
        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(e).hasMessageContaining("within 500 ms");
    }

    @Test
    void timesOutOnATrackerThatNeverAnswers() {
        tracker.http().enqueue(TrackerBehaviour.noResponse());
        TrackerException e = failureOf(runtime.announce(tracker.httpAnnounceUrl(), request(hash(14), 1).build(),
                Duration.ofSeconds(1)));
        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(e).hasMessageContaining(tracker.httpAnnounceUrl());
    }

    @Test
    void timesOutOnABodyThatNeverEnds() {
        tracker.http().enqueue(TrackerBehaviour.neverEndingBody());
        TrackerException e = failureOf(runtime.announce(tracker.httpAnnounceUrl(), request(hash(15), 1).build(),
                Duration.ofSeconds(1)));
        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
    }

    @Test
    void appliesTheReadTimeoutWithinALongerDeadline() {
        runtime.close();
        runtime = TrackerRuntime.create(TrackerClientOptions.defaults()
                .withHttp(HttpOptions.defaults().withReadTimeout(Duration.ofMillis(300))));
        tracker.http().enqueue(TrackerBehaviour.noResponse());
        TrackerException e = failureOf(runtime.announce(tracker.httpAnnounceUrl(), request(hash(16), 1).build(),
                Duration.ofSeconds(60)));
        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(e).hasMessageContaining("no data from the tracker for 300 ms");
    }

    @Test
    void theNextRequestAfterAHostileResponseSucceeds() throws Exception {
        tracker.http().enqueue(TrackerBehaviour.closeConnection());
        TrackerException e = failureOf(runtime.announce(tracker.httpAnnounceUrl(), request(hash(17), 1).build(),
                TIMEOUT));
        assertThat(e.kind()).isEqualTo(Kind.CONNECTION_LOST);
        assertThat(announce(tracker.httpAnnounceUrl(), request(hash(17), 2).build()).isSuccess()).isTrue();
    }

    @Test
    void reportsMalformedBodiesAndHttpErrors() throws Exception {
        tracker.http().enqueue(TrackerBehaviour.body(200, "<html>not bencode</html>".getBytes(), Map.of()));
        assertThat(failureOf(runtime.announce(tracker.httpAnnounceUrl(), request(hash(18), 1).build(), TIMEOUT))
                .kind()).isEqualTo(Kind.MALFORMED_RESPONSE);

        tracker.http().enqueue(TrackerBehaviour.body(503, "<html>down</html>".getBytes(), Map.of()));
        TrackerException status = failureOf(runtime.announce(tracker.httpAnnounceUrl(), request(hash(18), 1).build(),
                TIMEOUT));
        assertThat(status.kind()).isEqualTo(Kind.HTTP_STATUS);
        assertThat(status).hasMessageContaining("503");

        tracker.http().enqueue(TrackerBehaviour.body(400, "d14:failure reason7:go awaye".getBytes(), Map.of()));
        assertThat(announce(tracker.httpAnnounceUrl(), request(hash(18), 1).build()).failureReason())
                .hasValue("go away");
    }

    @Test
    void reportsARefusedConnection() throws Exception {
        int deadPort;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + deadPort + "/announce";
        TrackerException e = failureOf(runtime.announce(url, request(hash(19), 1).build(), TIMEOUT));
        assertThat(e.kind()).isEqualTo(Kind.CONNECT);
        assertThat(e.trackerUrl()).isEqualTo(url);
    }

    @Test
    void reportsAConnectTimeout() throws Exception {
        runtime.close();
        runtime = TrackerRuntime.create(TrackerClientOptions.defaults()
                .withConnection(ConnectionOptions.defaults().withConnectTimeout(Duration.ofMillis(300))));
        // a listener that never accepts, its backlog filled: the kernel drops further handshakes, so connect hangs
        try (var listener = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<java.nio.channels.SocketChannel> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    java.nio.channels.SocketChannel filler = java.nio.channels.SocketChannel.open();
                    filler.configureBlocking(false);
                    filler.connect(listener.getLocalSocketAddress());
                    fillers.add(filler);
                }
                String url = "http://127.0.0.1:" + listener.getLocalPort() + "/announce";
                TrackerException e = failureOf(runtime.announce(url, request(hash(23), 1).build(), TIMEOUT));
                assertThat(e.kind()).isEqualTo(Kind.CONNECT);
                assertThat(e).hasMessageContaining("within 300 ms");
            } finally {
                for (java.nio.channels.SocketChannel filler : fillers) {
                    filler.close();
                }
            }
        }
    }

    @Test
    void reportsBadUrlsAndUnsupportedSchemes() {
        assertThat(failureOf(runtime.announce("http://", request(hash(20), 1).build(), TIMEOUT)).kind())
                .isEqualTo(Kind.INVALID_URL);
        assertThat(failureOf(runtime.announce("http://exa mple/announce", request(hash(20), 1).build(), TIMEOUT))
                .kind()).isEqualTo(Kind.INVALID_URL);
        assertThat(failureOf(runtime.announce("gopher://x/announce", request(hash(20), 1).build(), TIMEOUT)).kind())
                .isEqualTo(Kind.UNSUPPORTED_SCHEME);
    }

    @Test
    void scrapesManyTorrentsInBatchesKeyedByInfoHash() throws Exception {
        List<InfoHash> hashes = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            hashes.add(hash(5000 + i));
        }
        announce(tracker.httpAnnounceUrl(), request(hashes.get(0), 1).left(0).build());
        announce(tracker.httpAnnounceUrl(), request(hashes.get(0), 2).build());
        announce(tracker.httpAnnounceUrl(), request(hashes.get(119), 3).build());
        int before = tracker.http().count();

        Map<InfoHash, ScrapeResult> results = runtime.scrape(tracker.httpAnnounceUrl(), hashes, TIMEOUT)
                .get(20, TimeUnit.SECONDS);

        assertThat(results).hasSize(120);
        assertThat(results.get(hashes.get(0))).isEqualTo(new ScrapeResult(hashes.get(0), 1, 1, 0));
        assertThat(results.get(hashes.get(119))).isEqualTo(new ScrapeResult(hashes.get(119), 0, 1, 0));
        assertThat(results.get(hashes.get(50))).isEqualTo(new ScrapeResult(hashes.get(50), 0, 0, 0));
        assertThat(tracker.http().count() - before).isEqualTo(3);
    }

    @Test
    void aScrapeAnswerKeepsOnlyTheTorrentsAskedFor() throws Exception {
        // a tracker answering one asked hash with 10,001 entries: the other 10,000 are not the caller's business
        Map<Object, Object> files = new java.util.HashMap<>();
        files.put(hash(1).bytes(), Map.of("complete", 2, "incomplete", 3, "downloaded", 4));
        for (int i = 0; i < 10_000; i++) {
            files.put(hash(100_000 + i).bytes(), Map.of("complete", 1, "incomplete", 1, "downloaded", 1));
        }
        tracker.http().enqueue(TrackerBehaviour.body(200,
                io.github.bttracker.testing.BencodeEncoder.encode(Map.of("files", files)), Map.of()));

        Map<InfoHash, ScrapeResult> results = runtime.scrape(tracker.httpAnnounceUrl(), List.of(hash(1)), TIMEOUT)
                .get(20, TimeUnit.SECONDS);

        assertThat(results).containsOnly(Map.entry(hash(1), new ScrapeResult(hash(1), 2, 3, 4)));
    }

    @Test
    void scrapeOfAnUrlWithoutAnnounceSegmentIsNotSupported() {
        TrackerException e = failureOf(runtime.scrape("http://tracker.example/tracker", List.of(hash(1)), TIMEOUT));
        assertThat(e.kind()).isEqualTo(Kind.SCRAPE_NOT_SUPPORTED);
        assertThat(e).hasMessageContaining("BEP 48");
    }

    @Test
    void aClosedRuntimeFailsRequestsAndStopsItsThreads() {
        runtime.close();
        runtime.close();
        assertThat(failureOf(runtime.announce(tracker.httpAnnounceUrl(), request(hash(21), 1).build(), TIMEOUT))
                .kind()).isEqualTo(Kind.CLOSED);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t ->
                t.getName().startsWith(TrackerRuntime.THREAD_NAME_PREFIX) && t.isAlive());
    }

    @Test
    void cancellingAnAnnounceFreesItsConnection() throws Exception {
        runtime.close();
        runtime = TrackerRuntime.create(TrackerClientOptions.defaults()
                .withHttp(HttpOptions.defaults().withMaxConnectionsPerOrigin(1)));
        tracker.http().enqueue(TrackerBehaviour.noResponse());
        CompletableFuture<AnnounceResponse> stuck =
                runtime.announce(tracker.httpAnnounceUrl(), request(hash(22), 1).build(), Duration.ofMinutes(5));
        tracker.http().take();
        stuck.cancel(true);
        // the only connection allowed was held by the cancelled request; this one needs it back
        assertThat(announce(tracker.httpAnnounceUrl(), request(hash(22), 2).build()).isSuccess()).isTrue();
    }
}
