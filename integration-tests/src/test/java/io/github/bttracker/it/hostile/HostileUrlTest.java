package io.github.bttracker.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bttracker.TrackerRuntime;
import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.options.ConnectionOptions;
import io.github.bttracker.options.SafetyOptions;
import io.github.bttracker.options.TrackerClientOptions;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Hostile announce URLs, as a torrent file can carry them: they are untrusted input, and whatever the client keeps
 * of them must stay bounded, and must not outlive its runtime. Runs in the hostile suite's 64 MiB JVM.
 */
class HostileUrlTest extends HostileTrackerBase {

    private static final InfoHash HASH = InfoHash.fromHex("aa11bb22cc33dd44ee55ff6600112233445566ff");
    private static final int MIB = 1024 * 1024;

    /** A valid udp:// URL to the embedded tracker, about one MiB long (its path is BEP 41 URL data). */
    private String longUdpUrl(int n) {
        return tracker.udpAnnounceUrl() + "/" + n + "/" + "a".repeat(MIB);
    }

    private void announceAndForget(TrackerRuntime runtime, String url) throws Exception {
        AnnounceRequest request = AnnounceRequest.builder(HASH, PeerId.random("-HU0001-"), 6881).build();
        try {
            runtime.announce(url, request, Duration.ofMillis(100)).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // a 1 MiB URL cannot be sent in a datagram: failing is fine, keeping it is not
        }
    }

    @Test
    void longUdpUrlsAreNotKeptByARuntime() throws Exception {
        // 48 distinct URLs of 1 MiB (each held twice when parsed: the text and its URL data) would need some
        // 96 MiB if a runtime kept them
        for (int i = 0; i < 48; i++) {
            announceAndForget(runtime, longUdpUrl(i));
        }
        AnnounceRequest request = AnnounceRequest.builder(HASH, PeerId.random("-HU0001-"), 6881).build();
        AnnounceResponse answer = runtime.announce(tracker.udpAnnounceUrl(), request, Duration.ofSeconds(10))
                .get(20, TimeUnit.SECONDS);
        assertThat(answer.isSuccess()).isTrue();
    }

    @Test
    void nothingOfAUrlOutlivesItsRuntime() throws Exception {
        for (int i = 0; i < 48; i++) {
            try (TrackerRuntime shortLived = TrackerRuntime.create(TrackerClientOptions.defaults())) {
                announceAndForget(shortLived, longUdpUrl(i));
            }
        }
        AnnounceRequest request = AnnounceRequest.builder(HASH, PeerId.random("-HU0001-"), 6881).build();
        assertThat(runtime.announce(tracker.udpAnnounceUrl(), request, Duration.ofSeconds(10))
                .get(20, TimeUnit.SECONDS).isSuccess()).isTrue();
    }

    private static io.github.bttracker.core.TrackerException unwrap(
            java.util.concurrent.CompletableFuture<AnnounceResponse> failed) {
        try {
            failed.join();
            throw new AssertionError("expected a failure");
        } catch (java.util.concurrent.CompletionException e) {
            return (io.github.bttracker.core.TrackerException) e.getCause();
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"/admin/delete?id=7", "/", "", "/announce/../admin",
        "/trackerannounce"})
    void aLoopbackTrackerIsContactedOnlyAtAnAnnouncePath(String pathAndQuery) {
        String url = "http://127.0.0.1:" + tracker.port() + pathAndQuery;
        var e = unwrap(runtimeAnnounce(url));
        assertThat(e.kind()).isEqualTo(io.github.bttracker.core.TrackerException.Kind.INVALID_URL);
        assertThat(e.getMessage()).contains("ssrfMitigation");
        assertThat(tracker.http().count()).isZero();
    }

    @Test
    void aLoopbackWebSocketTrackerIsContactedOnlyAtItsRootOrAnAnnouncePath() {
        var e = unwrap(runtimeAnnounce(tracker.wsUrl("/admin")));
        assertThat(e.kind()).isEqualTo(io.github.bttracker.core.TrackerException.Kind.INVALID_URL);
        assertThat(e.getMessage()).contains("ssrfMitigation");
        assertThat(tracker.ws().connectionCount()).isZero();
    }

    @Test
    void aHostNameResolvingToLoopbackIsHeldToTheSameRule() throws Exception {
        try (TrackerRuntime resolving = TrackerRuntime.create(TrackerClientOptions.defaults()
                .withConnection(ConnectionOptions.defaults().withHostResolver(io.github.bttracker.it.udp.FixedResolver.of(
                        "tracker.test", java.util.List.of(java.net.InetAddress.getLoopbackAddress())))))) {
            var http = unwrap(announce(resolving, "http://tracker.test:" + tracker.port() + "/admin/delete?id=7"));
            assertThat(http.kind()).isEqualTo(io.github.bttracker.core.TrackerException.Kind.INVALID_URL);
            assertThat(http.getMessage()).contains("loopback").contains("ssrfMitigation");
            var ws = unwrap(announce(resolving, "ws://tracker.test:" + tracker.wsPort() + "/admin"));
            assertThat(ws.getMessage()).contains("loopback").contains("ssrfMitigation");
            // the same name at an announce path is a tracker like any other
            assertThat(announce(resolving, "http://tracker.test:" + tracker.port() + "/announce")
                    .get(20, TimeUnit.SECONDS).isSuccess()).isTrue();
        }
        // the tracker saw the one request at /announce: nothing reached the other paths (the WebSocket connection
        // was made, which is how its address is learnt, and closed before its handshake)
        assertThat(tracker.http().take().path()).isEqualTo("/announce");
        assertThat(tracker.http().poll()).isNull();
        assertThat(tracker.ws().count()).isZero();
    }

    @Test
    void aRedirectToAnotherPathOnLoopbackIsNotFollowed() {
        tracker.http().enqueue(io.github.bttracker.testing.TrackerBehaviour.redirect(302,
                "http://127.0.0.1:" + tracker.port() + "/admin/delete?id=7"));
        var e = unwrap(runtimeAnnounce(tracker.httpAnnounceUrl()));
        assertThat(e.kind()).isEqualTo(io.github.bttracker.core.TrackerException.Kind.REDIRECT);
        assertThat(e.getMessage()).contains("ssrfMitigation");
        assertThat(tracker.http().take().path()).isEqualTo("/announce");
        assertThat(tracker.http().poll()).isNull();
    }

    @Test
    void internationalDomainNamesAreRefusedUnlessAllowed() {
        for (String url : java.util.List.of("http://xn--bcher-kva.example/announce",
                "udp://b\u00fccher.example:6969/announce", "wss://tracker.xn--p1ai/announce")) {
            var e = unwrap(runtimeAnnounce(url));
            assertThat(e.kind()).isEqualTo(io.github.bttracker.core.TrackerException.Kind.INVALID_URL);
            assertThat(e.getMessage()).contains("allowIdna");
        }
    }

    @Test
    void withTheMitigationOffALoopbackTrackerIsRequestedAsGiven() throws Exception {
        try (TrackerRuntime unguarded = TrackerRuntime.create(TrackerClientOptions.defaults()
                .withSafety(SafetyOptions.defaults().withSsrfMitigation(false)))) {
            announce(unguarded, tracker.httpUrl("/admin/delete?id=7"));
        }
        assertThat(tracker.http().take().path()).isEqualTo("/admin/delete");
    }

    private java.util.concurrent.CompletableFuture<AnnounceResponse> runtimeAnnounce(String url) {
        return announce(runtime, url);
    }

    private static java.util.concurrent.CompletableFuture<AnnounceResponse> announce(TrackerRuntime client,
                                                                                    String url) {
        AnnounceRequest request = AnnounceRequest.builder(HASH, PeerId.random("-HU0001-"), 6881).build();
        var future = client.announce(url, request, Duration.ofMinutes(2));
        // a refusal comes at once, long before the deadline: waiting 30 s cannot pass for it
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(future::isDone);
        return future;
    }
}
