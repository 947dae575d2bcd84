package io.github.bttracker.internal.transport;

import io.github.bttracker.options.ConnectionOptions;
import io.github.bttracker.options.ProxySettings;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The proxy, if any, through which the TCP connections to one origin (scheme, host and port) of an HTTP(S) or
 * WebSocket tracker go: the {@code proxy} of the {@link ConnectionOptions} when one is set; otherwise, unless
 * {@code useJvmProxySelector} is off, the one {@link ProxySelector#getDefault()} picks for the origin's
 * {@code http} or {@code https} URI (also for {@code ws} and {@code wss}: the JDK's selector knows no WebSocket
 * schemes). {@link Proxy.Type#HTTP} becomes HTTP CONNECT, {@link Proxy.Type#SOCKS} SOCKS5.
 *
 * <p>Each origin is decided once and remembered, because connections are pooled per origin: a selector's later
 * changes apply to origins not contacted yet. The proxy's own host name is resolved then too (Netty connects to the
 * proxy's address as given), by the JVM's resolver; the tracker's host name is never resolved locally behind a proxy.
 */
public final class OriginProxies {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OriginProxies.class);

    private final ConnectionOptions connection;
    private final Map<String, Optional<ProxySettings>> decided = new ConcurrentHashMap<>();

    public OriginProxies(ConnectionOptions connection) {
        this.connection = connection;
    }

    /**
     * @param secure true for https and wss
     * @param host the host name or IP literal, without IPv6 brackets
     * @return the proxy for connections to this origin, empty to connect directly
     */
    public Optional<ProxySettings> proxyFor(boolean secure, String host, int port) {
        String key = (secure ? "https://" : "http://") + host + ":" + port;
        Optional<ProxySettings> known = decided.get(key);
        if (known != null) {
            return known;
        }
        Optional<ProxySettings> proxy = decide(secure, host, port).map(OriginProxies::resolved);
        // a proxy whose name did not resolve is not remembered: the next connection tries again
        if (proxy.isEmpty() || !proxy.get().address().isUnresolved()) {
            decided.put(key, proxy);
        }
        return proxy;
    }

    private Optional<ProxySettings> decide(boolean secure, String host, int port) {
        if (connection.proxy().isPresent()) {
            return connection.proxy();
        }
        if (!connection.useJvmProxySelector()) {
            return Optional.empty();
        }
        ProxySelector selector = ProxySelector.getDefault();
        if (selector == null) {
            return Optional.empty();
        }
        URI uri;
        List<Proxy> proxies;
        try {
            uri = new URI(secure ? "https" : "http", null, host, port, "/", null, null);
            proxies = selector.select(uri);
        } catch (URISyntaxException | RuntimeException e) {
            LOG.warn("the JVM's proxy selector gave no proxy for {}://{}:{}, connecting directly: {}",
                    secure ? "https" : "http", host, port, e.toString());
            return Optional.empty();
        }
        Optional<ProxySettings> chosen = proxies == null ? Optional.empty()
                : proxies.stream().findFirst().flatMap(OriginProxies::settingsOf);
        LOG.debug("the JVM's proxy selector chose {} for {}", chosen.map(Object::toString).orElse("no proxy"), uri);
        return chosen;
    }

    /** @return the settings for a {@link Proxy} of the JDK's; empty for {@code DIRECT} */
    private static Optional<ProxySettings> settingsOf(Proxy proxy) {
        SocketAddress address = proxy.address();
        if (proxy.type() == Proxy.Type.DIRECT || !(address instanceof InetSocketAddress inet)) {
            return Optional.empty();
        }
        return Optional.of(proxy.type() == Proxy.Type.HTTP ? ProxySettings.httpConnect(inet) : ProxySettings.socks5(inet));
    }

    /** @return the settings with the proxy's address resolved, as Netty connects to it as it is */
    private static ProxySettings resolved(ProxySettings proxy) {
        InetSocketAddress address = proxy.address();
        if (!address.isUnresolved()) {
            return proxy;
        }
        InetSocketAddress resolved = new InetSocketAddress(address.getHostString(), address.getPort());
        if (resolved.isUnresolved()) {
            LOG.warn("the proxy host {} does not resolve", address.getHostString());
            return proxy;
        }
        return new ProxySettings(proxy.type(), resolved, proxy.username(), proxy.password());
    }
}
