package io.github.bttracker.options;

import io.github.bttracker.spi.HostResolver;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.TrustManagerFactory;

/**
 * What every transport shares: the event loop threads, how connections are made (timeouts, TLS trust, proxy) and how
 * tracker host names are resolved. Immutable and thread-safe; start from {@link #defaults()} and change settings with
 * the {@code with…} methods, each of which returns a copy.
 *
 * <p>Invalid values are refused when the record is made: a count or duration that must be positive and is not throws
 * {@link IllegalArgumentException} with the message {@code "<setting> must be positive: <value>"}; a null duration or
 * a null {@code Optional} throws {@link NullPointerException} with the setting's name as its message.
 *
 * @param eventLoopThreads threads of the shared event loop that carries all tracker traffic; positive; default
 *     min(2, available processors)
 * @param useNativeTransport whether a Linux native transport is used where one is available: io_uring where the kernel
 *     offers it and Netty 4.2 is on the class path (it submits a connection's connect, reads, writes and close in
 *     batches), otherwise epoll (it batches UDP datagrams, many per system call); the system property
 *     {@code io.github.bttracker.ioUring=false} keeps epoll. False, or any other system, uses Java's NIO; default true
 * @param connectTimeout time allowed to establish a TCP (and TLS) connection to an HTTP(S) or WebSocket tracker, or
 *     its WebSocket handshake; positive; default {@link #DEFAULT_CONNECT_TIMEOUT} (10 s)
 * @param requestTimeout time allowed for a whole announce or scrape, redirects included, when the caller gives none
 *     (a Bt runtime's {@code trackerTimeout} takes precedence); positive; default {@link #DEFAULT_REQUEST_TIMEOUT}
 *     (30 s)
 * @param hostResolver resolves tracker host names instead of the built-in asynchronous DNS resolver (which reads
 *     {@code /etc/hosts} and the system's name servers); it runs on the event loop and must not block, see
 *     {@link HostResolver}; default empty (the built-in resolver)
 * @param proxy the proxy (HTTP CONNECT or SOCKS5) through which HTTP(S) and WebSocket trackers are reached; UDP
 *     trackers are reached directly; default empty (no proxy of its own: see {@code useJvmProxySelector})
 * @param trustManagerFactory trust material for HTTPS and WSS trackers (for example a private CA), replacing the
 *     JDK's default trust store. Certificates and host names are always verified; this only chooses whom to trust.
 *     Default empty (the JDK's trust store)
 * @param useJvmProxySelector when no {@code proxy} is set, whether HTTP(S) and WebSocket trackers go through the proxy
 *     that the JVM's {@link java.net.ProxySelector#getDefault()} picks for them (from the {@code http.proxyHost},
 *     {@code https.proxyHost}, {@code socksProxyHost} and {@code http.nonProxyHosts} system properties, or a
 *     selector the application installed); asked once per scheme, host and port, with an {@code http} or
 *     {@code https} URI for {@code ws} and {@code wss}; {@code Proxy.Type.HTTP} means HTTP CONNECT and
 *     {@code SOCKS} SOCKS5. UDP trackers are never proxied. Default true
 */
public record ConnectionOptions(int eventLoopThreads, boolean useNativeTransport, Duration connectTimeout,
                                Duration requestTimeout, Optional<HostResolver> hostResolver,
                                Optional<ProxySettings> proxy, Optional<TrustManagerFactory> trustManagerFactory,
                                boolean useJvmProxySelector) {

    /** The default {@link #connectTimeout()}. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The default {@link #requestTimeout()}. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Checks the values.
     *
     * @param eventLoopThreads threads of the shared event loop that carries all tracker traffic; positive; default
     *     min(2, available processors)
     * @param useNativeTransport whether a Linux native transport is used where one is available: io_uring where the
     *     kernel offers it and Netty 4.2 is on the class path, otherwise epoll; the system property
     *     {@code io.github.bttracker.ioUring=false} keeps epoll. False, or any other system, uses Java's NIO; default
     *     true
     * @param connectTimeout time allowed to establish a TCP (and TLS) connection to an HTTP(S) or WebSocket tracker, or
     *     its WebSocket handshake; positive; default {@link #DEFAULT_CONNECT_TIMEOUT} (10 s)
     * @param requestTimeout time allowed for a whole announce or scrape, redirects included, when the caller gives none
     *     (a Bt runtime's {@code trackerTimeout} takes precedence); positive; default {@link #DEFAULT_REQUEST_TIMEOUT}
     *     (30 s)
     * @param hostResolver resolves tracker host names instead of the built-in asynchronous DNS resolver (which reads
     *     {@code /etc/hosts} and the system's name servers); it runs on the event loop and must not block, see
     *     {@link HostResolver}; default empty (the built-in resolver)
     * @param proxy the proxy (HTTP CONNECT or SOCKS5) through which HTTP(S) and WebSocket trackers are reached; UDP
     *     trackers are reached directly; default empty (no proxy)
     * @param trustManagerFactory trust material for HTTPS and WSS trackers (for example a private CA), replacing the
     *     JDK's default trust store. Certificates and host names are always verified; this only chooses whom to trust.
     *     Default empty (the JDK's trust store)
     * @param useJvmProxySelector without a {@code proxy}, whether HTTP(S) and WebSocket trackers go through the proxy
     *     that the JVM's {@link java.net.ProxySelector#getDefault() ProxySelector} picks for them ({@code
     *     http.proxyHost}, {@code https.proxyHost}, {@code socksProxyHost}, {@code http.nonProxyHosts}, or a selector
     *     the application installed), asked once per scheme, host and port; UDP trackers are never proxied; default
     *     true
     * @throws IllegalArgumentException when {@code eventLoopThreads} or a duration is not positive
     * @throws NullPointerException when a duration or an {@code Optional} is null
     */
    public ConnectionOptions {
        Checks.positive(eventLoopThreads, "eventLoopThreads");
        Checks.positive(connectTimeout, "connectTimeout");
        Checks.positive(requestTimeout, "requestTimeout");
        Checks.present(hostResolver, "hostResolver");
        Checks.present(proxy, "proxy");
        Checks.present(trustManagerFactory, "trustManagerFactory");
    }

    /** @return every setting at its default */
    public static ConnectionOptions defaults() {
        return new ConnectionOptions(Math.min(2, Runtime.getRuntime().availableProcessors()), true,
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, Optional.empty(), Optional.empty(), Optional.empty(), true);
    }

    /**
     * A copy with another {@code eventLoopThreads}, every other setting the same.
     *
     * @param threads threads of the shared event loop that carries all tracker traffic; positive; default min(2,
     *     available processors)
     * @return the copy
     * @throws IllegalArgumentException "eventLoopThreads must be positive: N" when {@code threads} is 0 or less
     */
    public ConnectionOptions withEventLoopThreads(int threads) {
        return new ConnectionOptions(threads, useNativeTransport, connectTimeout, requestTimeout, hostResolver, proxy,
                trustManagerFactory, useJvmProxySelector);
    }

    /**
     * A copy with another {@code useNativeTransport}, every other setting the same.
     *
     * @param useNative whether a Linux native transport is used where one is available: io_uring where the kernel
     *     offers it and Netty 4.2 is on the class path, otherwise epoll; false, or any other system, uses Java's NIO;
     *     default true
     * @return the copy
     */
    public ConnectionOptions withUseNativeTransport(boolean useNative) {
        return new ConnectionOptions(eventLoopThreads, useNative, connectTimeout, requestTimeout, hostResolver, proxy,
                trustManagerFactory, useJvmProxySelector);
    }

    /**
     * A copy with another {@code connectTimeout}, every other setting the same.
     *
     * @param timeout time allowed to establish a TCP (and TLS) connection to an HTTP(S) or WebSocket tracker, or its
     *     WebSocket handshake; positive; default {@link #DEFAULT_CONNECT_TIMEOUT} (10 s)
     * @return the copy
     * @throws IllegalArgumentException "connectTimeout must be positive: D" for zero or a negative duration
     */
    public ConnectionOptions withConnectTimeout(Duration timeout) {
        return new ConnectionOptions(eventLoopThreads, useNativeTransport, timeout, requestTimeout, hostResolver, proxy,
                trustManagerFactory, useJvmProxySelector);
    }

    /**
     * A copy with another {@code requestTimeout}, every other setting the same.
     *
     * @param timeout time allowed for a whole announce or scrape, redirects included, when the caller gives none (a Bt
     *     runtime's {@code trackerTimeout} takes precedence); positive; default {@link #DEFAULT_REQUEST_TIMEOUT} (30 s)
     * @return the copy
     * @throws IllegalArgumentException "requestTimeout must be positive: D" for zero or a negative duration
     */
    public ConnectionOptions withRequestTimeout(Duration timeout) {
        return new ConnectionOptions(eventLoopThreads, useNativeTransport, connectTimeout, timeout, hostResolver, proxy,
                trustManagerFactory, useJvmProxySelector);
    }

    /**
     * A copy with another {@code hostResolver}, every other setting the same.
     *
     * @param resolver the resolver to use, or null to restore the built-in DNS resolver
     * @return the copy
     */
    public ConnectionOptions withHostResolver(HostResolver resolver) {
        return new ConnectionOptions(eventLoopThreads, useNativeTransport, connectTimeout, requestTimeout,
                Optional.ofNullable(resolver), proxy, trustManagerFactory, useJvmProxySelector);
    }

    /**
     * A copy with another {@code proxy}, every other setting the same.
     *
     * @param proxy the proxy for HTTP(S) and WebSocket trackers, or null for none
     * @return the copy
     */
    public ConnectionOptions withProxy(ProxySettings proxy) {
        return new ConnectionOptions(eventLoopThreads, useNativeTransport, connectTimeout, requestTimeout, hostResolver,
                Optional.ofNullable(proxy), trustManagerFactory, useJvmProxySelector);
    }

    /**
     * A copy with another {@code trustManagerFactory}, every other setting the same.
     *
     * @param factory trust material for HTTPS and WSS trackers, or null to restore the JDK's default trust store
     * @return the copy
     */
    public ConnectionOptions withTrustManagerFactory(TrustManagerFactory factory) {
        return new ConnectionOptions(eventLoopThreads, useNativeTransport, connectTimeout, requestTimeout, hostResolver,
                proxy, Optional.ofNullable(factory), useJvmProxySelector);
    }

    /**
     * A copy with another {@code useJvmProxySelector}, every other setting the same.
     *
     * @param use whether trackers without an explicit {@code proxy} go through the one the JVM's
     *     {@code ProxySelector} picks
     * @return the copy
     */
    public ConnectionOptions withUseJvmProxySelector(boolean use) {
        return new ConnectionOptions(eventLoopThreads, useNativeTransport, connectTimeout, requestTimeout, hostResolver,
                proxy, trustManagerFactory, use);
    }
}
