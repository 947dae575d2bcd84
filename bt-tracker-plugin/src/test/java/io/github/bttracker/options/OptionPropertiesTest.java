package io.github.bttracker.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Options from {@code bttracker.*} properties: every type of value, what is refused with which message, and the
 * precedence of system properties over the class path file over the defaults.
 */
class OptionPropertiesTest {

    static Properties properties(String... namesAndValues) {
        Properties p = new Properties();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            p.setProperty(namesAndValues[i], namesAndValues[i + 1]);
        }
        return p;
    }

    static TrackerClientOptions from(String... namesAndValues) {
        return TrackerClientOptions.fromProperties(properties(namesAndValues));
    }

    @Test
    void noPropertiesAreTheDefaults() {
        assertThat(from()).isEqualTo(TrackerClientOptions.defaults());
        assertThat(from("java.version", "17", "btTracker.http.userAgent", "ignored", "bt-tracker.x", "ignored"))
                .isEqualTo(TrackerClientOptions.defaults());
    }

    @Test
    void setsEveryKindOfValue() {
        TrackerClientOptions options = from(
                "bttracker.connection.eventLoopThreads", " 3 ",
                "bttracker.connection.useNativeTransport", "FALSE",
                "bttracker.connection.connectTimeout", "500ms",
                "bttracker.connection.requestTimeout", "PT20S",
                "bttracker.connection.useJvmProxySelector", "false",
                "bttracker.http.userAgent", "my-client/1.0 (+https://example.org)",
                "bttracker.http.readTimeout", "2m",
                "bttracker.http.idleConnectionTimeout", "1h",
                "bttracker.http.maxRedirects", "0",
                "bttracker.udp.retransmission", "strict_bep15",
                "bttracker.udp.connectionIdLifetime", "1d",
                "bttracker.retry.minBackoff", "5s",
                "bttracker.retry.maxBackoff", "10m",
                "bttracker.safety.ssrfMitigation", "false",
                "bttracker.safety.allowIdna", "true",
                "bttracker.safety.maxResponseSize", "2097152",
                "bttracker.webSocket.pingInterval", "15s");
        TrackerClientOptions expected = TrackerClientOptions.defaults()
                .withConnection(ConnectionOptions.defaults().withEventLoopThreads(3).withUseNativeTransport(false)
                        .withConnectTimeout(Duration.ofMillis(500)).withRequestTimeout(Duration.ofSeconds(20))
                        .withUseJvmProxySelector(false))
                .withHttp(HttpOptions.defaults().withUserAgent("my-client/1.0 (+https://example.org)")
                        .withReadTimeout(Duration.ofMinutes(2)).withIdleConnectionTimeout(Duration.ofHours(1))
                        .withMaxRedirects(0))
                .withUdp(UdpOptions.defaults().withRetransmission(UdpRetransmission.STRICT_BEP15)
                        .withConnectionIdLifetime(Duration.ofDays(1)))
                .withRetry(new RetryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(10)))
                .withSafety(SafetyOptions.defaults().withSsrfMitigation(false).withAllowIdna(true)
                        .withMaxResponseSize(2 * 1024 * 1024))
                .withWebSocket(WebSocketOptions.defaults().withPingInterval(Duration.ofSeconds(15)));
        assertThat(options).isEqualTo(expected);
    }

    @Test
    void longsParseToo() {
        // no setting is a long yet; the first one will be one without code
        assertThat(OptionProperties.parse("5000000000", long.class)).isEqualTo(5_000_000_000L);
        assertThatThrownBy(() -> OptionProperties.parse("5e9", long.class)).hasMessage("not a long: '5e9'");
    }

    @Test
    void aProxyIsAUrl() {
        ProxySettings http = from("bttracker.connection.proxy", "http://127.0.0.1:3128").connection().proxy()
                .orElseThrow();
        assertThat(http).isEqualTo(ProxySettings.httpConnect(InetSocketAddress.createUnresolved("127.0.0.1", 3128)));

        ProxySettings socks = from("bttracker.connection.proxy", "SOCKS5://alice:s%3Acret@proxy.example:1080/")
                .connection().proxy().orElseThrow();
        assertThat(socks).isEqualTo(ProxySettings.socks5(InetSocketAddress.createUnresolved("proxy.example", 1080))
                .withCredentials("alice", "s:cret"));

        ProxySettings v6 = from("bttracker.connection.proxy", "socks5://[::1]:1080").connection().proxy()
                .orElseThrow();
        assertThat(v6.address().getHostString()).isEqualTo("::1");

        assertThat(from("bttracker.connection.proxy", "").connection().proxy()).isEmpty();
    }

    @Test
    void aBadProxyUrlIsRefusedWithoutRepeatingIt() {
        for (String bad : new String[] {"127.0.0.1:3128", "ftp://h:21", "http://h", "http://h:1/path",
                "socks5://alice@h:1080", "http://h:99999"}) {
            assertThatThrownBy(() -> from("bttracker.connection.proxy", bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("bttracker.connection.proxy (properties): ");
        }
        assertThatThrownBy(() -> from("bttracker.connection.proxy", "socks5://alice:pw@h:1080/x?secret"))
                .hasMessageNotContaining("pw");
    }

    @Test
    void durationsTakeUnitsOrIso8601() {
        assertThat(OptionProperties.parse("500ms", Duration.class)).isEqualTo(Duration.ofMillis(500));
        assertThat(OptionProperties.parse("30s", Duration.class)).isEqualTo(Duration.ofSeconds(30));
        assertThat(OptionProperties.parse("30 S", Duration.class)).isEqualTo(Duration.ofSeconds(30));
        assertThat(OptionProperties.parse("2m", Duration.class)).isEqualTo(Duration.ofMinutes(2));
        assertThat(OptionProperties.parse("1h", Duration.class)).isEqualTo(Duration.ofHours(1));
        assertThat(OptionProperties.parse("pt1m30s", Duration.class)).isEqualTo(Duration.ofSeconds(90));
        for (String bad : new String[] {"30", "1.5s", "30sec", "-5s", "s", "99999999999999999999s"}) {
            assertThatThrownBy(() -> OptionProperties.parse(bad, Duration.class))
                    .hasMessage("not a duration (such as 500ms, 30s, 2m, 1h, or PT30S): '" + bad + "'");
        }
    }

    @Test
    void aValueThatDoesNotParseNamesTheProperty() {
        assertThatThrownBy(() -> from("bttracker.http.maxRedirects", "five"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bttracker.http.maxRedirects (properties): not an int: 'five'");
        assertThatThrownBy(() -> from("bttracker.safety.ssrfMitigation", "no"))
                .hasMessage("bttracker.safety.ssrfMitigation (properties): not a boolean (true or false): 'no'");
        assertThatThrownBy(() -> from("bttracker.udp.retransmission", "fast"))
                .hasMessage("bttracker.udp.retransmission (properties): not one of ADAPTIVE or STRICT_BEP15: 'fast'");
        assertThatThrownBy(() -> from("bttracker.retry.minBackoff", "soon"))
                .hasMessageStartingWith("bttracker.retry.minBackoff (properties): not a duration");
    }

    @Test
    void theRecordsRefuseValuesWithTheirOwnMessages() {
        assertThatThrownBy(() -> from("bttracker.http.maxRedirects", "-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bttracker.http.maxRedirects (properties): maxRedirects must not be negative: -1");
        assertThatThrownBy(() -> from("bttracker.connection.requestTimeout", "0s"))
                .hasMessage("bttracker.connection.requestTimeout (properties): requestTimeout must be positive: PT0S");
        // both are named in the message: each is blamed
        assertThatThrownBy(() -> from("bttracker.retry.minBackoff", "1h", "bttracker.retry.maxBackoff", "1m"))
                .hasMessage("bttracker.retry.minBackoff (properties), bttracker.retry.maxBackoff (properties): "
                        + "maxBackoff PT1M is below minBackoff PT1H");
        // only the one set: the other is the default
        assertThatThrownBy(() -> from("bttracker.retry.minBackoff", "1h"))
                .hasMessage("bttracker.retry.minBackoff (properties): maxBackoff PT30M is below minBackoff PT1H");
    }

    @Test
    void anUnknownNameIsAnErrorListingTheValidOnes() {
        assertThatThrownBy(() -> from("bttracker.http.userAgnet", "x", "bttracker.http", "y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown bt-tracker options bttracker.http (properties), "
                        + "bttracker.http.userAgnet (properties); the options are: "
                        + "bttracker.connection.eventLoopThreads, ")
                .hasMessageContaining(", bttracker.http.userAgent, ")
                .hasMessageContaining(", bttracker.safety.allowIdna")
                .hasMessageNotContaining("hostResolver");
    }

    @Test
    void objectsYouImplementCannotBeSet() {
        assertThatThrownBy(() -> from("bttracker.safety.peerFilter", "ANY"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bttracker.safety.peerFilter (properties): cannot be set as a property: it is an object "
                        + "you implement (PeerFilter); set it in code");
        for (String name : new String[] {"bttracker.connection.hostResolver", "bttracker.connection.trustManagerFactory",
                "bttracker.webSocket.webRtc"}) {
            assertThatThrownBy(() -> from(name, "x")).hasMessageContaining("cannot be set as a property");
        }
    }

    @Test
    void systemPropertiesWinOverTheClassPathFileWhichWinsOverTheDefaults(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(OptionProperties.FILE), """
                # a user agent with a non-ASCII character: the file is read as UTF-8
                bttracker.http.userAgent = from-the-file/1.0 é
                bttracker.http.maxRedirects = 2
                unrelated.setting = 1
                """, StandardCharsets.UTF_8);
        TrackerClientOptions fromFile = withClassPath(dir, Map.of(),
                TrackerClientOptions::fromSystemPropertiesAndClassPath);
        assertThat(fromFile).isEqualTo(TrackerClientOptions.defaults()
                .withHttp(HttpOptions.defaults().withUserAgent("from-the-file/1.0 é").withMaxRedirects(2)));

        TrackerClientOptions both = withClassPath(dir, Map.of("bttracker.http.userAgent", "from-the-jvm/2.0"),
                TrackerClientOptions::fromSystemPropertiesAndClassPath);
        assertThat(both).isEqualTo(TrackerClientOptions.defaults()
                .withHttp(HttpOptions.defaults().withUserAgent("from-the-jvm/2.0").withMaxRedirects(2)));
    }

    @Test
    void errorsSayWhereTheValueWasSet(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(OptionProperties.FILE), "bttracker.udp.receiveBufferSize=0\n");
        URL file = dir.resolve(OptionProperties.FILE).toUri().toURL();
        assertThatThrownBy(() -> withClassPath(dir, Map.of(), TrackerClientOptions::fromSystemPropertiesAndClassPath))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bttracker.udp.receiveBufferSize (bt-tracker.properties at " + file + "): "
                        + "receiveBufferSize must be positive: 0");
        assertThatThrownBy(() -> withClassPath(dir, Map.of("bttracker.udp.maxInFlightPerTracker", "none"),
                TrackerClientOptions::fromSystemPropertiesAndClassPath))
                .hasMessage("bttracker.udp.maxInFlightPerTracker (system property): not an int: 'none'");
    }

    @Test
    void withoutAFileOrPropertiesTheDefaults(@TempDir Path dir) {
        assertThat(withClassPath(dir, Map.of(), TrackerClientOptions::fromSystemPropertiesAndClassPath))
                .isEqualTo(TrackerClientOptions.defaults());
    }

    /**
     * Runs {@code read} with {@code dir} as the context class path and these system properties set, then restores
     * both (surefire runs every test class in one JVM).
     */
    static <T> T withClassPath(Path dir, Map<String, String> systemProperties, java.util.function.Supplier<T> read) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        Map<String, String> saved = new java.util.HashMap<>();
        systemProperties.keySet().forEach(name -> saved.put(name, System.getProperty(name)));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            thread.setContextClassLoader(loader);
            systemProperties.forEach(System::setProperty);
            return read.get();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            thread.setContextClassLoader(before);
            saved.forEach((name, value) -> {
                if (value == null) {
                    System.clearProperty(name);
                } else {
                    System.setProperty(name, value);
                }
            });
        }
    }
}
