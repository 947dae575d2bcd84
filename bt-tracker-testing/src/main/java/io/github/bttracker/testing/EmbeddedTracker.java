package io.github.bttracker.testing;

import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A BitTorrent tracker running inside the test, in the spirit of OkHttp's MockWebServer: it answers announces and
 * scrapes like a real tracker, records every request for the test to take, and answers the next requests as
 * enqueued behaviours say (failures, redirects, compression, hangs...). Each protocol has a facet with the same
 * scripting and recording methods ({@link TrackerFacet}): {@link #http()}, {@link #udp()} and {@link #ws()}.
 *
 * <pre>{@code
 * try (EmbeddedTracker tracker = EmbeddedTracker.start()) {
 *     tracker.http().enqueue(TrackerBehaviour.warning("slow down"));
 *     client.announce(tracker.httpAnnounceUrl(), ...);
 *     RecordedRequest request = tracker.http().take();
 *     assertThat(request.event()).contains("started");
 * }
 * }</pre>
 *
 * <p>It also serves the UDP tracker protocol (BEP 15, with BEP 41 URL data) on the same port number when that UDP
 * port is free ({@link #udpAnnounceUrl()}), on the same swarms: it records every datagram for the test to
 * take and can be scripted to lose, delay, duplicate, reorder or garble the next answers, or to lose datagrams at
 * random ({@link #udp()}).
 *
 * <p>And it serves the WebSocket (WebTorrent) tracker protocol on a TCP port of its own ({@link #wsAnnounceUrl()}),
 * on the same swarms: JSON announces whose WebRTC offers it passes on to other WebSocket peers of the swarm,
 * answers it passes back, scrapes. It records every message for the test to take, can be scripted for the next
 * messages ({@link #ws()}), and can drop every connection
 * ({@link #disconnectWebSockets()}) or restart on the same port ({@link #restartWebSockets()}).
 *
 * <p>It listens on 127.0.0.1 by default. It has no authentication and no limits: bind it to loopback unless a
 * test really needs other hosts to reach it.
 *
 * <p>Threads: the three trackers run on one daemon thread of their own ({@code embedded-tracker-…}), so requests are
 * handled one at a time, in arrival order. Every method is thread-safe and may be called from the test's thread
 * while clients talk to the tracker; settings changed with the {@code set…} methods apply to the requests that
 * follow. Failures: {@link Builder#start()} throws {@link IllegalStateException} when it cannot listen; a request
 * the tracker cannot understand is recorded like any other and does not stop it; {@link #close()} never throws.
 */
public final class EmbeddedTracker implements AutoCloseable {
    /** The default {@code interval}, in seconds, that announce responses tell clients to wait. */
    public static final int DEFAULT_INTERVAL_SECONDS = 1800;

    private static final long SHUTDOWN_TIMEOUT_SECONDS = 5;
    // spelled out: InetAddress.getLoopbackAddress() may be ::1, depending on system properties
    private static final InetAddress IPV4_LOOPBACK = NetUtil.LOCALHOST4;

    private final EventLoopGroup eventLoopGroup;
    private final HttpTrackerFrontEnd http;
    private final UdpTrackerFrontEnd udp;
    private final WebSocketTrackerFrontEnd ws;
    private final boolean secure;
    private final Swarms swarms;
    private final TrackerSettings settings;
    private final RequestLog requestLog;
    private final BehaviourScript script;
    private final UdpTrackerState udpState;
    private final WebSocketTrackerState wsState;
    private final InetSocketAddress address;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final HttpFacet httpFacet;
    private final UdpFacet udpFacet;
    private final WebSocketFacet wsFacet;

    private EmbeddedTracker(EventLoopGroup eventLoopGroup, HttpTrackerFrontEnd http, UdpTrackerFrontEnd udp,
            WebSocketTrackerFrontEnd ws, boolean secure, Swarms swarms, TrackerSettings settings,
            RequestLog requestLog, BehaviourScript script, UdpTrackerState udpState, WebSocketTrackerState wsState) {
        this.eventLoopGroup = eventLoopGroup;
        this.http = http;
        this.udp = udp;
        this.ws = ws;
        this.secure = secure;
        this.swarms = swarms;
        this.settings = settings;
        this.requestLog = requestLog;
        this.script = script;
        this.udpState = udpState;
        this.wsState = wsState;
        this.httpFacet = new HttpFacet(script, requestLog);
        this.udpFacet = new UdpFacet(udpState);
        this.wsFacet = new WebSocketFacet(wsState, ws);
        this.address = http.localAddress();
    }

    /**
     * Starts a tracker on 127.0.0.1 and an ephemeral port, with default settings.
     *
     * @return the running tracker; close it when done
     */
    public static EmbeddedTracker start() {
        return builder().start();
    }

    /**
     * Starts configuring a tracker.
     *
     * @return a builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The port the HTTP tracker listens on.
     *
     * @return the TCP port
     */
    public int port() {
        return address.getPort();
    }

    /**
     * The port the UDP tracker listens on: the same number as {@link #port()} unless that UDP port was taken when
     * the tracker started.
     *
     * @return the UDP port
     */
    public int udpPort() {
        return udp.localAddress().getPort();
    }

    /**
     * The HTTP(S) tracker: scripts the answers to the next requests and takes the recorded ones.
     *
     * @return the HTTP side, the same object on every call
     */
    public HttpFacet http() {
        return httpFacet;
    }

    /**
     * The UDP tracker (BEP 15): scripts how the next datagrams are treated and takes the recorded ones.
     *
     * @return the UDP side, the same object on every call
     */
    public UdpFacet udp() {
        return udpFacet;
    }

    /**
     * The WebSocket (WebTorrent) tracker: scripts how the next messages are treated and takes the recorded ones.
     *
     * @return the WebSocket side, the same object on every call
     */
    public WebSocketFacet ws() {
        return wsFacet;
    }

    /**
     * The address the HTTP tracker listens on; the UDP and WebSocket trackers listen on the same.
     *
     * @return the bind address
     */
    public InetAddress address() {
        return address.getAddress();
    }

    /**
     * The announce URL, e.g. {@code http://127.0.0.1:PORT/announce} or {@code http://[::1]:PORT/announce};
     * {@code https://} when the tracker was started with {@link Builder#tls}.
     *
     * @return the URL
     */
    public String httpAnnounceUrl() {
        return httpUrl("/announce");
    }

    /**
     * The scrape URL, e.g. {@code http://127.0.0.1:PORT/scrape}.
     *
     * @return the URL
     */
    public String httpScrapeUrl() {
        return httpUrl("/scrape");
    }

    /**
     * A URL of this tracker with any path and query, e.g. {@code httpUrl("/announce.php?passkey=abc")}; any path
     * whose last segment starts with {@code announce} announces, with {@code scrape} scrapes.
     *
     * @param pathAndQuery the path and query, starting with {@code /}
     * @return the URL
     */
    public String httpUrl(String pathAndQuery) {
        if (!pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + pathAndQuery);
        }
        return (secure ? "https://" : "http://") + urlHost() + ":" + port() + pathAndQuery;
    }

    /**
     * The UDP announce URL, e.g. {@code udp://127.0.0.1:PORT/announce} or {@code udp://[::1]:PORT/announce}.
     *
     * @return the URL
     */
    public String udpAnnounceUrl() {
        return udpUrl("/announce");
    }

    /**
     * A UDP URL of this tracker with any path and query, e.g. {@code udpUrl("/announce?passkey=abc")}; clients
     * send the path and query as BEP 41 URL data ({@link RecordedDatagram#urlData()}). The UDP tracker announces
     * whatever the path.
     *
     * @param pathAndQuery the path and query, starting with {@code /}
     * @return the URL
     */
    public String udpUrl(String pathAndQuery) {
        if (!pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + pathAndQuery);
        }
        return "udp://" + urlHost() + ":" + udpPort() + pathAndQuery;
    }

    private String urlHost() {
        InetAddress ip = address();
        // NetUtil writes IPv6 in the RFC 5952 form ("::1"), which is what URLs want between brackets
        return ip instanceof Inet6Address ? "[" + NetUtil.toAddressString(ip) + "]" : ip.getHostAddress();
    }

    /**
     * The port the WebSocket tracker listens on: a TCP port of its own, since the HTTP tracker owns {@link #port()}.
     * It stays the same across {@link #restartWebSockets()}.
     *
     * @return the TCP port of the WebSocket tracker
     */
    public int wsPort() {
        return ws.localAddress().getPort();
    }

    /**
     * The WebSocket tracker URL as WebTorrent clients take it, e.g. {@code ws://127.0.0.1:PORT} or
     * {@code ws://[::1]:PORT}; {@code wss://} when the tracker was started with {@link Builder#tls}.
     *
     * @return the URL
     */
    public String wsAnnounceUrl() {
        return (secure ? "wss://" : "ws://") + urlHost() + ":" + wsPort();
    }

    /**
     * A WebSocket URL of this tracker with a path and query, e.g. {@code wsUrl("/announce")}; the tracker accepts
     * WebSocket upgrades on every path and does not look at it.
     *
     * @param pathAndQuery the path and query, starting with {@code /}
     * @return the URL
     */
    public String wsUrl(String pathAndQuery) {
        if (!pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + pathAndQuery);
        }
        return wsAnnounceUrl() + pathAndQuery;
    }

    /**
     * Closes every open WebSocket connection now, abruptly (no close frame), as a tracker that crashes or a
     * network that fails; the tracker keeps listening. Their peers leave their swarms, as when clients disconnect;
     * that is done when this returns. For a close frame with a status code, enqueue
     * {@link WebSocketBehaviour#closeWith} instead.
     */
    public void disconnectWebSockets() {
        ws.disconnectAll();
    }

    /**
     * A restart of the WebSocket tracker: {@link #stopWebSockets() stops} it and {@link #resumeWebSockets()
     * listens} again on the same port at once. Recorded messages, scripted behaviours and the swarms are kept,
     * except for the WebSocket peers, which left with their connections: clients must reconnect and announce again.
     *
     * @throws IllegalStateException if the port cannot be bound again
     */
    public void restartWebSockets() {
        ws.stop();
        ws.resume();
    }

    /**
     * Stops listening for WebSocket connections (clients get "connection refused" until
     * {@link #resumeWebSockets()}) and closes every open one abruptly; the HTTP and UDP trackers go on serving.
     */
    public void stopWebSockets() {
        ws.stop();
    }

    /**
     * Listens for WebSocket connections again, on the same port, after {@link #stopWebSockets()}; does nothing
     * while listening.
     *
     * @throws IllegalStateException if the port cannot be bound again (another socket took it meanwhile)
     */
    public void resumeWebSockets() {
        ws.resume();
    }

    /**
     * Whether the WebSocket tracker listens, i.e. is not {@link #stopWebSockets() stopped}.
     *
     * @return true while listening
     */
    public boolean isWebSocketListening() {
        return ws.isListening();
    }

    /**
     * The {@code interval}, in seconds, of WebSocket announce replies from now on; until set, they carry
     * {@link #interval()}.
     *
     * @param seconds the interval in seconds
     */
    public void setWsInterval(int seconds) {
        settings.setWsInterval(seconds);
    }

    /**
     * The {@code interval}, in seconds, that WebSocket announce replies currently carry.
     *
     * @return the interval in seconds
     */
    public int wsInterval() {
        return settings.wsInterval();
    }

    /**
     * The {@code interval}, in seconds, of announce responses from now on.
     *
     * @param seconds the interval in seconds
     */
    public void setInterval(int seconds) {
        settings.setInterval(seconds);
    }

    /**
     * The {@code interval}, in seconds, that announce responses currently carry.
     *
     * @return the interval in seconds
     */
    public int interval() {
        return settings.interval();
    }

    /**
     * Whether to answer with {@code Connection: close} and close every connection after its response from now on;
     * otherwise HTTP keep-alive is honoured.
     *
     * @param close true to close, false for keep-alive
     */
    public void setCloseConnectionsAfterResponse(boolean close) {
        settings.setCloseConnectionsAfterResponse(close);
    }

    /**
     * Whether to close every connection {@link #SILENT_CLOSE_DELAY} after its first response from now on, without
     * saying so in the response (no {@code Connection: close}), as opentracker does (it closes at once). A request
     * that comes on the connection in the meantime is lost with it ({@link HttpFacet#lostCount()}).
     *
     * @param close true to close silently, false to keep connections open
     */
    public void setCloseConnectionsSilently(boolean close) {
        settings.setCloseConnectionsSilently(close);
    }

    /** How long after a response a silently closing tracker closes the connection. */
    public static final Duration SILENT_CLOSE_DELAY = Duration.ofMillis(50);

    /**
     * The current counts of a swarm; zeros for an info hash nobody announced.
     *
     * @param infoHash the 20-byte info hash
     * @return the counts
     */
    public ScrapeCounts scrapeCounts(byte[] infoHash) {
        return swarms.scrape(infoHash);
    }

    /**
     * The peers currently in a swarm, in the order they joined.
     *
     * @param infoHash the 20-byte info hash
     * @return the peers, a snapshot
     */
    public List<Peer> peers(byte[] infoHash) {
        return swarms.peers(infoHash);
    }

    /**
     * The WebSocket peers currently in a swarm, in the order they joined.
     *
     * @param infoHash the 20-byte info hash
     * @return the peers, a snapshot
     */
    public List<Peer> wsPeers(byte[] infoHash) {
        return swarms.webSocketPeers(infoHash);
    }

    /**
     * The swarm state behind every front end, e.g. to put peers in a swarm without going through HTTP.
     *
     * @return the shared, thread-safe swarm state
     */
    public Swarms swarms() {
        return swarms;
    }

    /**
     * Closes every connection and the listening socket and stops the event loop, waiting a bounded time for it.
     * Only the first call does anything.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            for (TrackerFrontEnd frontEnd : List.of(http, udp, ws)) {
                frontEnd.close();
            }
        } finally {
            eventLoopGroup.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .awaitUninterruptibly(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedTracker[" + httpAnnounceUrl() + ", " + udpAnnounceUrl() + ", " + wsAnnounceUrl() + "]";
    }

    /** Configures and starts an {@link EmbeddedTracker}. */
    public static final class Builder {
        private InetAddress bindAddress = IPV4_LOOPBACK;
        private int port;
        private int interval = DEFAULT_INTERVAL_SECONDS;
        private boolean closeConnectionsAfterResponse;
        private boolean keepRecordings = true;
        private SslContext tls;
        private UdpPeerEntries udpPeerEntries = UdpPeerEntries.BY_ADDRESS_FAMILY;
        private Duration connectionIdLifetime = ConnectionIds.DEFAULT_LIFETIME;
        private int wsPort;
        private int wsInterval = -1;

        private Builder() {
        }

        /**
         * Serves HTTPS with this server context (certificate and key) instead of plain HTTP.
         *
         * @param serverContext a Netty server {@code SslContext}
         * @return this builder
         */
        public Builder tls(SslContext serverContext) {
            this.tls = Objects.requireNonNull(serverContext, "serverContext");
            return this;
        }

        /**
         * The address to listen on; 127.0.0.1 by default, {@code ::1} for IPv6.
         *
         * @param address the address, IPv4 or IPv6
         * @return this builder
         */
        public Builder bindAddress(InetAddress address) {
            this.bindAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /**
         * The port to listen on; 0 (the default) picks a free one.
         *
         * @param port the UDP and TCP port of the HTTP and UDP trackers, 0 for a free one
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 0xFFFF) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /** The {@code interval}, in seconds, of announce responses; {@value EmbeddedTracker#DEFAULT_INTERVAL_SECONDS} by
         *
         * @param seconds the interval in seconds
         * @return this builder
         * default. */
        public Builder interval(int seconds) {
            if (seconds < 0) {
                throw new IllegalArgumentException("interval must not be negative: " + seconds);
            }
            this.interval = seconds;
            return this;
        }

        /**
         * See {@link EmbeddedTracker#setCloseConnectionsAfterResponse}; off by default.
         *
         * @param close true to close every connection after its response
         * @return this builder
         */
        public Builder closeConnectionsAfterResponse(boolean close) {
            this.closeConnectionsAfterResponse = close;
            return this;
        }

        /**
         * How UDP announce responses list peers; {@link UdpPeerEntries#BY_ADDRESS_FAMILY} by default.
         *
         * @param entries how peers are listed
         * @return this builder
         */
        public Builder udpPeerEntries(UdpPeerEntries entries) {
            this.udpPeerEntries = Objects.requireNonNull(entries, "entries");
            return this;
        }

        /**
         * How long a UDP connection id stays valid after the tracker issued it; 2 minutes by default (BEP 15 lets
         * clients use one for a minute), {@link Duration#ZERO} for ids that are already expired when they arrive.
         *
         * @param lifetime the lifetime, zero or more
         * @return this builder
         */
        public Builder udpConnectionIdLifetime(Duration lifetime) {
            Objects.requireNonNull(lifetime, "lifetime");
            if (lifetime.isNegative()) {
                throw new IllegalArgumentException("negative lifetime: " + lifetime);
            }
            this.connectionIdLifetime = lifetime;
            return this;
        }

        /**
         * Whether to keep every request, datagram and message for the take and poll methods (the default); without,
         * they are only counted, so that a long run does not fill the heap with them.
         *
         * @param keep true to keep them, false to only count them
         * @return this builder
         */
        public Builder keepRecordings(boolean keep) {
            this.keepRecordings = keep;
            return this;
        }

        /**
         * The TCP port the WebSocket tracker listens on; 0 (the default) picks a free one.
         *
         * @param port the TCP port, 0 for a free one
         * @return this builder
         */
        public Builder wsPort(int port) {
            if (port < 0 || port > 0xFFFF) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.wsPort = port;
            return this;
        }

        /**
         * See {@link EmbeddedTracker#setWsInterval}; by default WebSocket replies carry the {@link #interval}.
         *
         * @param seconds the interval in seconds
         * @return this builder
         */
        public Builder wsInterval(int seconds) {
            if (seconds < 0) {
                throw new IllegalArgumentException("interval must not be negative: " + seconds);
            }
            this.wsInterval = seconds;
            return this;
        }

        /**
         * Starts the tracker; it listens when this returns.
         *
         * @return the running tracker; close it when done
         * @throws IllegalStateException if it cannot listen, e.g. because the address is not available
         */
        public EmbeddedTracker start() {
            // one thread is plenty for a test tracker, and keeps every connection's handling in order
            EventLoopGroup group = NioTransport.newEventLoopGroup(1, new DefaultThreadFactory("embedded-tracker", true));
            Swarms swarms = new Swarms();
            TrackerSettings settings = new TrackerSettings(interval, closeConnectionsAfterResponse);
            if (wsInterval >= 0) {
                settings.setWsInterval(wsInterval);
            }
            RequestLog requestLog = new RequestLog(keepRecordings);
            BehaviourScript script = new BehaviourScript();
            UdpTrackerState udpState = new UdpTrackerState(new DatagramLog(keepRecordings), new UdpBehaviourScript(),
                    new ConnectionIds(connectionIdLifetime), new PacketLoss());
            WebSocketTrackerState wsState = new WebSocketTrackerState(
                    new WebSocketMessageLog(keepRecordings), new WebSocketBehaviourScript(), new WebSocketPeerSockets());
            try {
                HttpTrackerFrontEnd http = HttpTrackerFrontEnd.bind(group, new InetSocketAddress(bindAddress, port),
                        tls, swarms, settings, requestLog, script);
                // shutting the group down on failure below closes the HTTP socket too
                UdpTrackerFrontEnd udp = UdpTrackerFrontEnd.bind(group, bindAddress, http.localAddress().getPort(),
                        swarms, settings, udpState, udpPeerEntries);
                WebSocketTrackerFrontEnd ws = WebSocketTrackerFrontEnd.bind(group,
                        new InetSocketAddress(bindAddress, wsPort), tls, swarms, settings, wsState);
                return new EmbeddedTracker(group, http, udp, ws, tls != null, swarms, settings, requestLog, script,
                        udpState, wsState);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
                throw new IllegalStateException("interrupted while starting the embedded tracker", e);
            } catch (Exception e) {
                // also what bind() rethrows undeclared, such as a BindException
                group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
                throw new IllegalStateException(
                        "embedded tracker cannot listen on " + bindAddress + ":" + port, e);
            }
        }
    }
}
