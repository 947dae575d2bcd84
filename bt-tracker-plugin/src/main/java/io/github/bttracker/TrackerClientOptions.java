package io.github.bttracker;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.TrustManagerFactory;

/**
 * Settings of the tracker client: threads, timeouts, limits, identification. Immutable; every setting has a
 * named default, listed on its builder method. Build with {@link #builder()}; {@link #defaults()} gives the
 * defaults.
 */
public final class TrackerClientOptions {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(20);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_IDLE_CONNECTION_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_RESPONSE_SIZE = 1024 * 1024;
    public static final int DEFAULT_MAX_REDIRECTS = 5;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ORIGIN = 16;
    public static final int DEFAULT_MAX_QUEUED_REQUESTS_PER_ORIGIN = 100_000;
    public static final int DEFAULT_MAX_HASHES_PER_HTTP_SCRAPE = 50;
    public static final int DEFAULT_MAX_BENCODE_DEPTH = 32;
    public static final String DEFAULT_USER_AGENT = "bt-tracker/0.1";
    public static final Duration DEFAULT_WS_PING_INTERVAL = Duration.ofSeconds(30);
    public static final int DEFAULT_WS_MAX_QUEUED_MESSAGES = 10_000;
    public static final Duration DEFAULT_UDP_CONNECTION_ID_LIFETIME = Duration.ofMinutes(1);
    public static final Duration DEFAULT_UDP_MIN_RETRANSMIT_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration DEFAULT_UDP_INITIAL_RETRANSMIT_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_UDP_MAX_IN_FLIGHT_PER_TRACKER = 128;
    public static final int DEFAULT_UDP_RECEIVE_BUFFER_SIZE = 4 * 1024 * 1024;

    private final int eventLoopThreads;
    private final String userAgent;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration requestTimeout;
    private final Duration idleConnectionTimeout;
    private final int maxResponseSize;
    private final int maxRedirects;
    private final int maxConnectionsPerOrigin;
    private final int maxQueuedRequestsPerOrigin;
    private final int maxHashesPerHttpScrape;
    private final int maxBencodeDepth;
    private final TrustManagerFactory trustManagerFactory;
    private final Duration udpConnectionIdLifetime;
    private final Duration udpMinRetransmitTimeout;
    private final Duration udpInitialRetransmitTimeout;
    private final UdpRetransmission udpRetransmission;
    private final int udpMaxInFlightPerTracker;
    private final int udpReceiveBufferSize;
    private final HostResolver hostResolver;
    private final boolean useNativeTransport;
    private final WebRtc webRtc;
    private final Duration wsPingInterval;
    private final int wsMaxQueuedMessages;
    private final ProxySettings proxy;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final PeerFilter peerFilter;
    private final boolean ssrfMitigation;
    private final boolean allowIdna;

    private TrackerClientOptions(Builder b) {
        this.eventLoopThreads = b.eventLoopThreads;
        this.userAgent = b.userAgent;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.requestTimeout = b.requestTimeout;
        this.idleConnectionTimeout = b.idleConnectionTimeout;
        this.maxResponseSize = b.maxResponseSize;
        this.maxRedirects = b.maxRedirects;
        this.maxConnectionsPerOrigin = b.maxConnectionsPerOrigin;
        this.maxQueuedRequestsPerOrigin = b.maxQueuedRequestsPerOrigin;
        this.maxHashesPerHttpScrape = b.maxHashesPerHttpScrape;
        this.maxBencodeDepth = b.maxBencodeDepth;
        this.trustManagerFactory = b.trustManagerFactory;
        this.udpConnectionIdLifetime = b.udpConnectionIdLifetime;
        this.udpMinRetransmitTimeout = b.udpMinRetransmitTimeout;
        this.udpInitialRetransmitTimeout = b.udpInitialRetransmitTimeout;
        this.udpRetransmission = b.udpRetransmission;
        this.udpMaxInFlightPerTracker = b.udpMaxInFlightPerTracker;
        this.udpReceiveBufferSize = b.udpReceiveBufferSize;
        this.hostResolver = b.hostResolver;
        this.useNativeTransport = b.useNativeTransport;
        this.webRtc = b.webRtc;
        this.wsPingInterval = b.wsPingInterval;
        this.wsMaxQueuedMessages = b.wsMaxQueuedMessages;
        this.proxy = b.proxy;
        this.minBackoff = b.minBackoff;
        this.maxBackoff = b.maxBackoff;
        this.peerFilter = b.peerFilter;
        this.ssrfMitigation = b.ssrfMitigation;
        this.allowIdna = b.allowIdna;
        if (maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is below minBackoff " + minBackoff);
        }
    }

    public static TrackerClientOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .eventLoopThreads(eventLoopThreads)
                .userAgent(userAgent)
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .requestTimeout(requestTimeout)
                .idleConnectionTimeout(idleConnectionTimeout)
                .maxResponseSize(maxResponseSize)
                .maxRedirects(maxRedirects)
                .maxConnectionsPerOrigin(maxConnectionsPerOrigin)
                .maxQueuedRequestsPerOrigin(maxQueuedRequestsPerOrigin)
                .maxHashesPerHttpScrape(maxHashesPerHttpScrape)
                .maxBencodeDepth(maxBencodeDepth)
                .trustManagerFactory(trustManagerFactory)
                .udpConnectionIdLifetime(udpConnectionIdLifetime)
                .udpMinRetransmitTimeout(udpMinRetransmitTimeout)
                .udpInitialRetransmitTimeout(udpInitialRetransmitTimeout)
                .udpRetransmission(udpRetransmission)
                .udpMaxInFlightPerTracker(udpMaxInFlightPerTracker)
                .udpReceiveBufferSize(udpReceiveBufferSize)
                .hostResolver(hostResolver)
                .useNativeTransport(useNativeTransport)
                .webRtc(webRtc)
                .wsPingInterval(wsPingInterval)
                .wsMaxQueuedMessages(wsMaxQueuedMessages)
                .proxy(proxy)
                .minBackoff(minBackoff)
                .maxBackoff(maxBackoff)
                .peerFilter(peerFilter)
                .ssrfMitigation(ssrfMitigation)
                .allowIdna(allowIdna);
    }

    public int eventLoopThreads() {
        return eventLoopThreads;
    }

    public String userAgent() {
        return userAgent;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public Duration idleConnectionTimeout() {
        return idleConnectionTimeout;
    }

    public int maxResponseSize() {
        return maxResponseSize;
    }

    public int maxRedirects() {
        return maxRedirects;
    }

    public int maxConnectionsPerOrigin() {
        return maxConnectionsPerOrigin;
    }

    public int maxQueuedRequestsPerOrigin() {
        return maxQueuedRequestsPerOrigin;
    }

    public int maxHashesPerHttpScrape() {
        return maxHashesPerHttpScrape;
    }

    public int maxBencodeDepth() {
        return maxBencodeDepth;
    }

    public Duration udpConnectionIdLifetime() {
        return udpConnectionIdLifetime;
    }

    public Duration udpMinRetransmitTimeout() {
        return udpMinRetransmitTimeout;
    }

    public Duration udpInitialRetransmitTimeout() {
        return udpInitialRetransmitTimeout;
    }

    public UdpRetransmission udpRetransmission() {
        return udpRetransmission;
    }

    public int udpMaxInFlightPerTracker() {
        return udpMaxInFlightPerTracker;
    }

    public int udpReceiveBufferSize() {
        return udpReceiveBufferSize;
    }

    /** @return the WebRTC implementation that WebSocket tracker announces use, if any */
    public Optional<WebRtc> webRtc() {
        return Optional.ofNullable(webRtc);
    }

    /** @return the proxy for HTTP(S) and WebSocket trackers, if any */
    /** @return the first back-off after a tracker failed (default 15 s); it doubles up to {@link #maxBackoff()} */
    public Duration minBackoff() {
        return minBackoff;
    }

    /** @return the longest back-off after failures (default 30 min) */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** @return whether announce URLs may only reach loopback trackers at announce paths, and more (see the builder) */
    public boolean ssrfMitigation() {
        return ssrfMitigation;
    }

    /** @return whether trackers with international domain names are contacted (default false) */
    public boolean allowIdna() {
        return allowIdna;
    }

    /** @return which peers of an answer are handed on (default {@link PeerFilter#USABLE_UNICAST}) */
    public PeerFilter peerFilter() {
        return peerFilter;
    }

    public Optional<ProxySettings> proxy() {
        return Optional.ofNullable(proxy);
    }

    public Duration wsPingInterval() {
        return wsPingInterval;
    }

    public int wsMaxQueuedMessages() {
        return wsMaxQueuedMessages;
    }

    /** @return whether Linux's native epoll transport is used where it is available */
    public boolean useNativeTransport() {
        return useNativeTransport;
    }

    /** @return the resolver of tracker host names, if one was given instead of the built-in DNS resolver */
    public Optional<HostResolver> hostResolver() {
        return Optional.ofNullable(hostResolver);
    }

    /** @return trust material for HTTPS trackers, replacing the JDK's default trust store; empty for the default */
    public Optional<TrustManagerFactory> trustManagerFactory() {
        return Optional.ofNullable(trustManagerFactory);
    }

    /** Builder of {@link TrackerClientOptions}; not thread-safe. */
    public static final class Builder {
        private int eventLoopThreads = Math.min(2, Runtime.getRuntime().availableProcessors());
        private String userAgent = DEFAULT_USER_AGENT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Duration idleConnectionTimeout = DEFAULT_IDLE_CONNECTION_TIMEOUT;
        private int maxResponseSize = DEFAULT_MAX_RESPONSE_SIZE;
        private int maxRedirects = DEFAULT_MAX_REDIRECTS;
        private int maxConnectionsPerOrigin = DEFAULT_MAX_CONNECTIONS_PER_ORIGIN;
        private int maxQueuedRequestsPerOrigin = DEFAULT_MAX_QUEUED_REQUESTS_PER_ORIGIN;
        private int maxHashesPerHttpScrape = DEFAULT_MAX_HASHES_PER_HTTP_SCRAPE;
        private int maxBencodeDepth = DEFAULT_MAX_BENCODE_DEPTH;
        private TrustManagerFactory trustManagerFactory;
        private Duration udpConnectionIdLifetime = DEFAULT_UDP_CONNECTION_ID_LIFETIME;
        private Duration udpMinRetransmitTimeout = DEFAULT_UDP_MIN_RETRANSMIT_TIMEOUT;
        private Duration udpInitialRetransmitTimeout = DEFAULT_UDP_INITIAL_RETRANSMIT_TIMEOUT;
        private UdpRetransmission udpRetransmission = UdpRetransmission.ADAPTIVE;
        private int udpMaxInFlightPerTracker = DEFAULT_UDP_MAX_IN_FLIGHT_PER_TRACKER;
        private int udpReceiveBufferSize = DEFAULT_UDP_RECEIVE_BUFFER_SIZE;
        private HostResolver hostResolver;
        private boolean useNativeTransport = true;
        private WebRtc webRtc;
        private Duration wsPingInterval = DEFAULT_WS_PING_INTERVAL;
        private int wsMaxQueuedMessages = DEFAULT_WS_MAX_QUEUED_MESSAGES;
        private ProxySettings proxy;
        private Duration minBackoff = io.github.bttracker.internal.announce.AnnounceSchedule.DEFAULT_MIN_BACKOFF;
        private Duration maxBackoff = io.github.bttracker.internal.announce.AnnounceSchedule.DEFAULT_MAX_BACKOFF;
        private PeerFilter peerFilter = PeerFilter.USABLE_UNICAST;
        private boolean ssrfMitigation = true;
        private boolean allowIdna;

        private Builder() {
        }

        /** Threads of the shared event loop that carries all tracker traffic; default min(2, processors). */
        public Builder eventLoopThreads(int threads) {
            this.eventLoopThreads = positive(threads, "eventLoopThreads");
            return this;
        }

        /** The User-Agent header sent to HTTP(S) trackers; default {@value #DEFAULT_USER_AGENT}. */
        public Builder userAgent(String userAgent) {
            this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
            return this;
        }

        /** Time allowed to establish a TCP connection; default 10 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** Longest silence allowed while waiting for a response's bytes; default 20 s. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive(timeout, "readTimeout");
            return this;
        }

        /**
         * Time allowed for a whole announce or scrape, redirects included, when the caller gives none (a Bt
         * runtime's {@code trackerTimeout} takes precedence); default 30 s.
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /** How long a kept-alive HTTP connection may stay unused before it is closed; default 30 s. */
        public Builder idleConnectionTimeout(Duration timeout) {
            this.idleConnectionTimeout = positive(timeout, "idleConnectionTimeout");
            return this;
        }

        /** Largest response body accepted, after decompression; default 1 MiB. */
        public Builder maxResponseSize(int bytes) {
            this.maxResponseSize = positive(bytes, "maxResponseSize");
            return this;
        }

        /** Redirects followed for one request; default 5, 0 to follow none. */
        public Builder maxRedirects(int redirects) {
            if (redirects < 0) {
                throw new IllegalArgumentException("maxRedirects must not be negative: " + redirects);
            }
            this.maxRedirects = redirects;
            return this;
        }

        /** Kept-alive HTTP connections open at once to one scheme, host and port; default 16. */
        public Builder maxConnectionsPerOrigin(int connections) {
            this.maxConnectionsPerOrigin = positive(connections, "maxConnectionsPerOrigin");
            return this;
        }

        /**
         * Requests that may wait for a connection to one HTTP origin, or for a free slot at one UDP tracker address,
         * before new ones fail fast with {@code OVERLOADED}; default 100,000.
         */
        public Builder maxQueuedRequestsPerOrigin(int requests) {
            this.maxQueuedRequestsPerOrigin = positive(requests, "maxQueuedRequestsPerOrigin");
            return this;
        }

        /** Info hashes per HTTP scrape request (a multi-scrape is split into batches); default 50. */
        public Builder maxHashesPerHttpScrape(int hashes) {
            this.maxHashesPerHttpScrape = positive(hashes, "maxHashesPerHttpScrape");
            return this;
        }

        /** Deepest nesting of lists and dictionaries accepted in a bencoded response; default 32. */
        public Builder maxBencodeDepth(int depth) {
            this.maxBencodeDepth = positive(depth, "maxBencodeDepth");
            return this;
        }

        /**
         * Trust material for HTTPS trackers (for example a private CA). Certificates and host names are always
         * verified; this only chooses whom to trust. {@code null} restores the JDK default trust store.
         */
        public Builder trustManagerFactory(TrustManagerFactory trustManagerFactory) {
            this.trustManagerFactory = trustManagerFactory;
            return this;
        }

        /**
         * How long a UDP connection id is reused by every torrent announcing to that tracker address before a new
         * connect; default 1 min, the most BEP 15 allows.
         */
        public Builder udpConnectionIdLifetime(Duration lifetime) {
            this.udpConnectionIdLifetime = positive(lifetime, "udpConnectionIdLifetime");
            return this;
        }

        /** Floor of the adaptive UDP retransmission timeout; default 1 s. See {@link UdpRetransmission}. */
        public Builder udpMinRetransmitTimeout(Duration timeout) {
            this.udpMinRetransmitTimeout = positive(timeout, "udpMinRetransmitTimeout");
            return this;
        }

        /** UDP retransmission timeout before any round trip to a tracker was measured; default 2 s. */
        public Builder udpInitialRetransmitTimeout(Duration timeout) {
            this.udpInitialRetransmitTimeout = positive(timeout, "udpInitialRetransmitTimeout");
            return this;
        }

        /** The UDP retransmission schedule; default {@link UdpRetransmission#ADAPTIVE}. */
        public Builder udpRetransmission(UdpRetransmission retransmission) {
            this.udpRetransmission = Objects.requireNonNull(retransmission, "udpRetransmission");
            return this;
        }

        /**
         * UDP requests awaiting an answer from one tracker address at once; the rest wait in a queue (bounded by
         * {@code maxQueuedRequestsPerOrigin}) so bursts do not overflow socket buffers (the tracker's above all); default 128.
         */
        public Builder udpMaxInFlightPerTracker(int requests) {
            this.udpMaxInFlightPerTracker = positive(requests, "udpMaxInFlightPerTracker");
            return this;
        }

        /** Receive buffer asked of the OS for each UDP channel (it may grant less); default 4 MiB. */
        public Builder udpReceiveBufferSize(int bytes) {
            this.udpReceiveBufferSize = positive(bytes, "udpReceiveBufferSize");
            return this;
        }

        /**
         * Resolves tracker host names with {@code resolver} instead of the built-in asynchronous DNS resolver (which
         * reads {@code /etc/hosts} and the system's name servers). It runs on the event loop and must not block: see
         * {@link HostResolver}. {@code null} restores the built-in resolver.
         */
        public Builder hostResolver(HostResolver resolver) {
            this.hostResolver = resolver;
            return this;
        }

        /**
         * Whether to use Linux's native epoll transport where it is available (default true): it batches UDP
         * datagrams, many per system call. False, or any other system, uses Java's NIO.
         */
        public Builder useNativeTransport(boolean useNative) {
            this.useNativeTransport = useNative;
            return this;
        }

        /**
         * The WebRTC implementation for WebSocket (WebTorrent) trackers; none by default, in which case those
         * trackers are scraped for counts and never joined. See {@link WebRtc}.
         */
        public Builder webRtc(WebRtc webRtc) {
            this.webRtc = webRtc;
            return this;
        }

        /**
         * How often an otherwise quiet WebSocket tracker connection is pinged; a connection from which nothing at all
         * arrives for twice this long is taken for dead and reconnected. Default 30 s.
         */
        public Builder wsPingInterval(Duration interval) {
            this.wsPingInterval = positive(interval, "wsPingInterval");
            return this;
        }

        /**
         * Messages that may wait for one WebSocket tracker connection (while it connects, or when the tracker reads
         * slowly) before new requests fail fast with {@code OVERLOADED}; default 10,000.
         */
        public Builder wsMaxQueuedMessages(int messages) {
            this.wsMaxQueuedMessages = positive(messages, "wsMaxQueuedMessages");
            return this;
        }

        /**
         * Connects to HTTP(S) and WebSocket trackers through this proxy (HTTP CONNECT or SOCKS5); none by default.
         * UDP trackers are reached directly.
         */
        public Builder proxy(ProxySettings proxy) {
            this.proxy = proxy;
            return this;
        }

        /**
         * The first back-off after a tracker failed (default 15 s), for the Bt adapter and as the standalone client's
         * default; it doubles after each further failure, ±25% jitter, up to {@link #maxBackoff}.
         */
        public Builder minBackoff(Duration backoff) {
            this.minBackoff = positive(backoff, "minBackoff");
            return this;
        }

        /** The longest back-off after failures (default 30 min); at least {@link #minBackoff}. */
        public Builder maxBackoff(Duration backoff) {
            this.maxBackoff = positive(backoff, "maxBackoff");
            return this;
        }

        /**
         * Which peers of a tracker's answer reach Bt and {@link TrackerClientListener#onPeer} (default
         * {@link PeerFilter#USABLE_UNICAST}; {@link PeerFilter#ANY} keeps every address). Duplicates and the client
         * itself are left out whatever the filter.
         */
        public Builder peerFilter(PeerFilter filter) {
            this.peerFilter = Objects.requireNonNull(filter, "peerFilter");
            return this;
        }

        /**
         * Announce URLs come from torrent files and magnet links, which anyone can write, and trackers answer with
         * redirects: on (the default, as libtorrent's {@code ssrf_mitigation}), the client refuses to be a tool for
         * requests to services of this host or its network. An HTTP(S) or WebSocket tracker on a loopback address
         * (by its URL, or by what its host name resolves to) is contacted only at a path whose last segment starts
         * with {@code announce} (or, for a scrape, {@code scrape}), or, over WebSocket, at no path at all; and an
         * HTTP redirect from a public address to a loopback, private or link-local one is not followed. A refused
         * request fails with {@code INVALID_URL} (or {@code REDIRECT}) naming the rule. Through a proxy, only the
         * URL is checked (the proxy resolves the name). UDP trackers are not restricted: BEP 15 packets are no
         * request another service would act on.
         */
        public Builder ssrfMitigation(boolean on) {
            this.ssrfMitigation = on;
            return this;
        }

        /**
         * Whether a tracker whose host name is an international domain name (non-ASCII, or punycode labels starting
         * {@code xn--}) is contacted (default false, as libtorrent's {@code allow_idna}: such names can imitate
         * others).
         */
        public Builder allowIdna(boolean allow) {
            this.allowIdna = allow;
            return this;
        }

        public TrackerClientOptions build() {
            return new TrackerClientOptions(this);
        }

        private static int positive(int value, String name) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }
    }
}
