package io.github.bttracker.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bttracker.spi.PeerFilter;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The option records: their defaults, what a wither changes, and what each refuses with which message. */
class TrackerClientOptionsTest {

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        TrackerClientOptions options = TrackerClientOptions.defaults();
        ConnectionOptions connection = options.connection();
        assertThat(connection.eventLoopThreads()).isEqualTo(Math.min(2, Runtime.getRuntime().availableProcessors()));
        assertThat(connection.useNativeTransport()).isTrue();
        assertThat(connection.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(connection.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(connection.hostResolver()).isEmpty();
        assertThat(connection.proxy()).isEmpty();
        assertThat(connection.trustManagerFactory()).isEmpty();
        assertThat(connection.useJvmProxySelector()).isTrue();

        HttpOptions http = options.http();
        assertThat(http.userAgent()).isEqualTo("bt-tracker/0.1");
        assertThat(http.readTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(http.idleConnectionTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(http.maxRedirects()).isEqualTo(5);
        assertThat(http.maxConnectionsPerOrigin()).isEqualTo(16);
        assertThat(http.maxQueuedRequestsPerOrigin()).isEqualTo(100_000);
        assertThat(http.maxHashesPerScrape()).isEqualTo(50);

        UdpOptions udp = options.udp();
        assertThat(udp.connectionIdLifetime()).isEqualTo(Duration.ofMinutes(1));
        assertThat(udp.retransmission()).isEqualTo(UdpRetransmission.ADAPTIVE);
        assertThat(udp.initialRetransmitTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(udp.minRetransmitTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(udp.maxInFlightPerTracker()).isEqualTo(128);
        assertThat(udp.maxQueuedRequestsPerTracker()).isEqualTo(100_000);
        assertThat(udp.receiveBufferSize()).isEqualTo(4 * 1024 * 1024);

        assertThat(options.webSocket().pingInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.webSocket().maxQueuedMessages()).isEqualTo(10_000);
        assertThat(options.webSocket().webRtc()).isEmpty();

        assertThat(options.retry()).isEqualTo(new RetryPolicy(Duration.ofSeconds(15), Duration.ofMinutes(30)));

        SafetyOptions safety = options.safety();
        assertThat(safety.maxResponseSize()).isEqualTo(1024 * 1024);
        assertThat(safety.maxBencodeDepth()).isEqualTo(32);
        assertThat(safety.ssrfMitigation()).isTrue();
        assertThat(safety.allowIdna()).isFalse();
        assertThat(safety.peerFilter()).isSameAs(PeerFilter.USABLE_UNICAST);
    }

    @Test
    void aWitherChangesItsSettingOnlyAndLeavesTheOriginalAsItWas() {
        TrackerClientOptions defaults = TrackerClientOptions.defaults();
        TrackerClientOptions changed = defaults.withHttp(defaults.http().withUserAgent("my-client/1.0"));

        assertThat(changed.http().userAgent()).isEqualTo("my-client/1.0");
        assertThat(changed.http().withUserAgent(HttpOptions.DEFAULT_USER_AGENT)).isEqualTo(defaults.http());
        assertThat(changed.connection()).isEqualTo(defaults.connection());
        assertThat(changed.udp()).isEqualTo(defaults.udp());
        assertThat(defaults.http().userAgent()).isEqualTo(HttpOptions.DEFAULT_USER_AGENT);
    }

    @Test
    void nullRestoresTheDefaultOfAnOptionalSetting() {
        ProxySettings proxy = ProxySettings.socks5(new InetSocketAddress("127.0.0.1", 1080));
        ConnectionOptions withProxy = ConnectionOptions.defaults().withProxy(proxy);
        assertThat(withProxy.proxy()).contains(proxy);
        assertThat(withProxy.withProxy(null).proxy()).isEmpty();
        assertThat(WebSocketOptions.defaults().withWebRtc(null).webRtc()).isEmpty();
        assertThat(ConnectionOptions.defaults().withHostResolver(null).hostResolver()).isEmpty();
    }

    @Test
    void outOfRangeValuesAreRefusedWithTheSettingsName() {
        assertThatThrownBy(() -> ConnectionOptions.defaults().withEventLoopThreads(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("eventLoopThreads must be positive: 0");
        assertThatThrownBy(() -> ConnectionOptions.defaults().withConnectTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("connectTimeout must be positive: PT0S");
        assertThatThrownBy(() -> ConnectionOptions.defaults().withRequestTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("requestTimeout must be positive: PT-1S");
        assertThatThrownBy(() -> HttpOptions.defaults().withMaxRedirects(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxRedirects must not be negative: -1");
        assertThat(HttpOptions.defaults().withMaxRedirects(0).maxRedirects()).isZero();
        assertThatThrownBy(() -> HttpOptions.defaults().withMaxConnectionsPerOrigin(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxConnectionsPerOrigin must be positive: 0");
        assertThatThrownBy(() -> UdpOptions.defaults().withMaxInFlightPerTracker(-5))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxInFlightPerTracker must be positive: -5");
        assertThatThrownBy(() -> WebSocketOptions.defaults().withPingInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("pingInterval must be positive: PT0S");
        assertThatThrownBy(() -> SafetyOptions.defaults().withMaxResponseSize(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxResponseSize must be positive: 0");
    }

    @Test
    void nullsAreRefusedWithTheSettingsName() {
        assertThatThrownBy(() -> HttpOptions.defaults().withUserAgent(null))
                .isInstanceOf(NullPointerException.class).hasMessage("userAgent");
        assertThatThrownBy(() -> HttpOptions.defaults().withReadTimeout(null))
                .isInstanceOf(NullPointerException.class).hasMessage("readTimeout");
        assertThatThrownBy(() -> UdpOptions.defaults().withRetransmission(null))
                .isInstanceOf(NullPointerException.class).hasMessage("retransmission");
        assertThatThrownBy(() -> SafetyOptions.defaults().withPeerFilter(null))
                .isInstanceOf(NullPointerException.class).hasMessage("peerFilter");
        assertThatThrownBy(() -> TrackerClientOptions.defaults().withHttp(null))
                .isInstanceOf(NullPointerException.class).hasMessage("http");
    }

    @Test
    void theLongestBackOffIsNeverBelowTheFirst() {
        assertThatThrownBy(() -> RetryPolicy.defaults().withMaxBackoff(Duration.ofSeconds(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxBackoff PT10S is below minBackoff PT15S");
        assertThatThrownBy(() -> RetryPolicy.defaults().withMinBackoff(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("minBackoff must be positive: PT0S");
        assertThat(new RetryPolicy(Duration.ofHours(1), Duration.ofHours(2)).minBackoff())
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aProxyTakesBothAUserNameAndAPasswordOrNeither() {
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", 1080);
        assertThatThrownBy(() -> ProxySettings.httpConnect(address).withCredentials("user", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("give both a user name and a password, or neither");
        assertThat(ProxySettings.socks5(address).withCredentials("user", "secret").toString())
                .doesNotContain("secret");
    }
}
