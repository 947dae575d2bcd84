package io.github.bttracker.it.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bttracker.TrackerRuntime;
import io.github.bttracker.options.ConnectionOptions;
import io.github.bttracker.options.ProxySettings;
import io.github.bttracker.options.TrackerClientOptions;
import io.github.bttracker.testing.EmbeddedTracker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HTTP and WebSocket trackers reached through the proxy the JVM's {@link ProxySelector} picks when the options set
 * none. Each test installs its selector and puts the JVM's back afterwards: surefire runs every test class in one JVM.
 */
class JvmProxySelectorTest {

    EmbeddedTracker tracker;
    ProxySelector jvmSelector;

    /**
     * Answers every http and https URI with one proxy, and keeps those URIs. Other URIs (the relays' own
     * {@code java.net.Socket}s ask with {@code socket://}) go direct.
     */
    static final class OneProxy extends ProxySelector {
        final Proxy proxy;
        final List<URI> asked = new CopyOnWriteArrayList<>();

        OneProxy(Proxy.Type type, TcpRelay relay) {
            // unresolved, as the JDK's own selector gives its proxies
            this.proxy = new Proxy(type, InetSocketAddress.createUnresolved("127.0.0.1", relay.port()));
        }

        @Override
        public List<Proxy> select(URI uri) {
            if (!uri.getScheme().equals("http") && !uri.getScheme().equals("https")) {
                return List.of(Proxy.NO_PROXY);
            }
            asked.add(uri);
            return List.of(proxy);
        }

        @Override
        public void connectFailed(URI uri, SocketAddress address, IOException e) {
        }
    }

    @BeforeEach
    void start() {
        tracker = EmbeddedTracker.start();
        jvmSelector = ProxySelector.getDefault();
    }

    @AfterEach
    void stop() {
        ProxySelector.setDefault(jvmSelector);
        tracker.close();
    }

    static TrackerRuntime runtime(ConnectionOptions connection) {
        return TrackerRuntime.create(TrackerClientOptions.defaults().withConnection(connection));
    }

    @Test
    void announcesToHttpTrackersThroughTheHttpProxyTheSelectorPicks() throws Exception {
        try (TcpRelay proxy = TcpRelay.httpConnectProxy();
             TrackerRuntime runtime = runtime(ConnectionOptions.defaults())) {
            OneProxy selector = new OneProxy(Proxy.Type.HTTP, proxy);
            ProxySelector.setDefault(selector);
            assertThat(runtime.announce(tracker.httpAnnounceUrl(), ProxyTest.request(), ProxyTest.TIMEOUT)
                    .get(20, TimeUnit.SECONDS).isSuccess()).isTrue();
            assertThat(proxy.targets).containsExactly("127.0.0.1:" + tracker.port());
            assertThat(selector.asked).containsExactly(URI.create("http://127.0.0.1:" + tracker.port() + "/"));
            assertThat(tracker.http().count()).isEqualTo(1);
        }
    }

    @Test
    void reachesWebSocketTrackersThroughTheSocksProxyTheSelectorPicksForTheirHttpUri() throws Exception {
        try (TcpRelay proxy = TcpRelay.socks5Proxy(null, null);
             TrackerRuntime runtime = runtime(ConnectionOptions.defaults())) {
            OneProxy selector = new OneProxy(Proxy.Type.SOCKS, proxy);
            ProxySelector.setDefault(selector);
            assertThat(runtime.scrape(tracker.wsAnnounceUrl(), List.of(ProxyTest.HASH), ProxyTest.TIMEOUT)
                    .get(20, TimeUnit.SECONDS)).containsKey(ProxyTest.HASH);
            assertThat(proxy.targets).containsExactly("127.0.0.1:" + tracker.wsPort());
            assertThat(selector.asked).containsExactly(URI.create("http://127.0.0.1:" + tracker.wsPort() + "/"));
        }
    }

    @Test
    void withTheOptionOffTheSelectorIsNotAsked() throws Exception {
        try (TcpRelay proxy = TcpRelay.httpConnectProxy();
             TrackerRuntime runtime = runtime(ConnectionOptions.defaults().withUseJvmProxySelector(false))) {
            OneProxy selector = new OneProxy(Proxy.Type.HTTP, proxy);
            ProxySelector.setDefault(selector);
            assertThat(runtime.announce(tracker.httpAnnounceUrl(), ProxyTest.request(), ProxyTest.TIMEOUT)
                    .get(20, TimeUnit.SECONDS).isSuccess()).isTrue();
            assertThat(runtime.scrape(tracker.wsAnnounceUrl(), List.of(ProxyTest.HASH), ProxyTest.TIMEOUT)
                    .get(20, TimeUnit.SECONDS)).containsKey(ProxyTest.HASH);
            assertThat(tracker.http().count()).isEqualTo(1);
            assertThat(proxy.targets).isEmpty();
            assertThat(selector.asked).isEmpty();
        }
    }

    @Test
    void anExplicitProxyWinsOverTheSelector() throws Exception {
        try (TcpRelay chosen = TcpRelay.socks5Proxy(null, null);
             TcpRelay selected = TcpRelay.httpConnectProxy();
             TrackerRuntime runtime = runtime(ConnectionOptions.defaults()
                     .withProxy(ProxySettings.socks5(new InetSocketAddress("127.0.0.1", chosen.port()))))) {
            OneProxy selector = new OneProxy(Proxy.Type.HTTP, selected);
            ProxySelector.setDefault(selector);
            assertThat(runtime.announce(tracker.httpAnnounceUrl(), ProxyTest.request(), ProxyTest.TIMEOUT)
                    .get(20, TimeUnit.SECONDS).isSuccess()).isTrue();
            assertThat(chosen.targets).containsExactly("127.0.0.1:" + tracker.port());
            assertThat(selected.targets).isEmpty();
            assertThat(selector.asked).isEmpty();
        }
    }
}
