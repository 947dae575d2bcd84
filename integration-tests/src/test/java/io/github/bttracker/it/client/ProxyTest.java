package io.github.bttracker.it.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bttracker.TrackerRuntime;
import io.github.bttracker.core.AnnounceEvent;
import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.core.TrackerException;
import io.github.bttracker.it.Futures;
import io.github.bttracker.options.ConnectionOptions;
import io.github.bttracker.options.ProxySettings;
import io.github.bttracker.options.TrackerClientOptions;
import io.github.bttracker.testing.EmbeddedTracker;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP and WebSocket trackers reached through HTTP CONNECT and SOCKS5 proxies. */
class ProxyTest {

    static final InfoHash HASH = InfoHash.fromHex("0102030405060708090a0b0c0d0e0f1011121314");
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    EmbeddedTracker tracker;

    @BeforeEach
    void start() {
        tracker = EmbeddedTracker.start();
    }

    @AfterEach
    void stop() {
        tracker.close();
    }

    static TrackerRuntime through(ProxySettings proxy) {
        return TrackerRuntime.create(TrackerClientOptions.defaults()
                .withConnection(ConnectionOptions.defaults().withProxy(proxy)));
    }

    static AnnounceRequest request() {
        return AnnounceRequest.builder(HASH, PeerId.random("-PX0001-"), 6881).event(AnnounceEvent.STARTED).build();
    }

    @Test
    void announcesThroughAnHttpConnectProxy() throws Exception {
        try (TcpRelay proxy = TcpRelay.httpConnectProxy();
             TrackerRuntime runtime = through(ProxySettings.httpConnect(new InetSocketAddress("127.0.0.1",
                     proxy.port())))) {
            assertThat(runtime.announce(tracker.httpAnnounceUrl(), request(), TIMEOUT).get(20, TimeUnit.SECONDS)
                    .isSuccess()).isTrue();
            assertThat(proxy.targets).containsExactly("127.0.0.1:" + tracker.port());
        }
    }

    @Test
    void announcesThroughSocks5WithCredentialsHandingTheHostNameToTheProxy() throws Exception {
        try (TcpRelay proxy = TcpRelay.socks5Proxy("alice", "s3cret");
             TrackerRuntime runtime = through(ProxySettings.socks5(new InetSocketAddress("127.0.0.1", proxy.port()))
                     .withCredentials("alice", "s3cret"))) {
            String byName = "http://localhost:" + tracker.port() + "/announce";
            assertThat(runtime.announce(byName, request(), TIMEOUT).get(20, TimeUnit.SECONDS).isSuccess()).isTrue();
            assertThat(proxy.usersSeen).containsExactly("alice");
            // not resolved locally: the proxy got the name
            assertThat(proxy.targets).containsExactly("localhost:" + tracker.port());
        }
    }

    @Test
    void reachesWebSocketTrackersThroughTheProxy() throws Exception {
        try (TcpRelay proxy = TcpRelay.socks5Proxy(null, null);
             TrackerRuntime runtime = through(ProxySettings.socks5(new InetSocketAddress("127.0.0.1",
                     proxy.port())))) {
            assertThat(runtime.scrape(tracker.wsAnnounceUrl(), List.of(HASH), TIMEOUT).get(20, TimeUnit.SECONDS))
                    .containsKey(HASH);
            assertThat(proxy.targets).containsExactly("127.0.0.1:" + tracker.wsPort());
        }
    }

    @Test
    void aProxyThatRefusesTheCredentialsIsAConnectFailure() throws Exception {
        try (TcpRelay proxy = TcpRelay.socks5Proxy("alice", "s3cret");
             TrackerRuntime runtime = through(ProxySettings.socks5(new InetSocketAddress("127.0.0.1", proxy.port()))
                     .withCredentials("alice", "wrong"))) {
            TrackerException e = Futures.failureOf(runtime.announce(tracker.httpAnnounceUrl(), request(), TIMEOUT));
            assertThat(e.kind()).isEqualTo(TrackerException.Kind.CONNECT);
            assertThat(tracker.http().count()).isZero();
            assertThat(ProxySettings.socks5(new InetSocketAddress("127.0.0.1", 1)).withCredentials("u", "p")
                    .toString()).doesNotContain("p]").contains("***");
        }
    }
}
