package io.github.bttracker.internal.runtime;

import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.ScrapeResult;
import io.github.bttracker.core.TrackerException;
import io.github.bttracker.internal.metrics.Operation;
import io.github.bttracker.internal.metrics.RuntimeMetrics;
import io.github.bttracker.internal.transport.ConnectedPeers;
import io.github.bttracker.internal.transport.HostResolverGroup;
import io.github.bttracker.internal.transport.LibraryVersions;
import io.github.bttracker.internal.transport.NettyIo;
import io.github.bttracker.internal.transport.PeerListFilter;
import io.github.bttracker.internal.transport.TrackerTransport;
import io.github.bttracker.internal.transport.TransportContext;
import io.github.bttracker.internal.transport.http.HttpTrackerTransport;
import io.github.bttracker.internal.transport.udp.UdpTrackerTransport;
import io.github.bttracker.internal.transport.ws.WsTrackerTransport;
import io.github.bttracker.options.ConnectionOptions;
import io.github.bttracker.options.TrackerClientOptions;
import io.netty.channel.EventLoopGroup;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind {@link io.github.bttracker.TrackerRuntime}, the resources every tracker and torrent share: one Netty event loop group (its threads are named
 * {@code bt-tracker-N}), the asynchronous DNS resolver, timers (the event loop's), and one transport per
 * protocol family. Thread-safe. {@link #close()} releases everything exactly once; afterwards every request fails
 * with {@link TrackerException.Kind#CLOSED}.
 *
 * <p>Internal: the public {@code TrackerRuntime} is a handle on one of these without any Netty type in its API. The
 * plugin's own code (the client, the Bt adapter, the transports) works with this class directly.
 */
public final class TransportRuntime implements AutoCloseable {

    /** Prefix of the names of the runtime's event loop threads. */
    public static final String THREAD_NAME_PREFIX = "bt-tracker";

    private static final Logger LOG = LoggerFactory.getLogger(TransportRuntime.class);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

    private final TrackerClientOptions options;
    private final NettyIo io;
    private final EventLoopGroup eventLoopGroup;
    private final EventLoopThreads eventLoopThreads = new EventLoopThreads(THREAD_NAME_PREFIX);
    private final AddressResolverGroup<InetSocketAddress> resolverGroup;
    private final List<TrackerTransport> transports;
    private final PeerListFilter peerListFilter;
    private final ConnectedPeers connectedPeers = new ConnectedPeers();
    private final RuntimeMetrics metrics;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TransportRuntime(TrackerClientOptions options) {
        // first: a WebRTC implementation taken by another runtime fails this one before it starts any thread
        this.metrics = RuntimeMetrics.create(options.metrics());
        options.webSocket().webRtc().ifPresent(webRtc -> webRtc.connectedPeers(connectedPeers::accept));
        this.options = options;
        ConnectionOptions connection = options.connection();
        this.io = NettyIo.select(connection.useNativeTransport());
        this.eventLoopGroup = io.newEventLoopGroup(connection.eventLoopThreads(), eventLoopThreads);
        this.resolverGroup = connection.hostResolver()
                .<AddressResolverGroup<InetSocketAddress>>map(HostResolverGroup::new)
                .orElseGet(() -> new DnsAddressResolverGroup(new DnsNameResolverBuilder()
                        .datagramChannelFactory(io.datagramChannels()).socketChannelFactory(io.socketChannels())));
        this.peerListFilter = new PeerListFilter(options.safety().peerFilter());
        // each transport gets the shared I/O and only the settings of its own concern
        TransportContext shared = new TransportContext(io, eventLoopGroup, resolverGroup, metrics);
        this.transports = List.of(
                new HttpTrackerTransport(shared, connection, options.http(), options.safety()),
                new UdpTrackerTransport(shared, options.udp(), options.safety()),
                new WsTrackerTransport(shared, connection, options.http(), options.webSocket(), options.safety()));
    }

    /**
     * Starts a runtime with the given options. Close it when done.
     *
     * @throws IllegalStateException if a library on the class path is older than the plugin needs
     *         ({@link LibraryVersions})
     */
    public static TransportRuntime create(TrackerClientOptions options) {
        LibraryVersions.requireSupported();
        return new TransportRuntime(Objects.requireNonNull(options, "options"));
    }

    public TrackerClientOptions options() {
        return options;
    }

    /** @return the I/O implementation (io_uring, epoll or NIO) of the event loop group and its channels */
    public NettyIo io() {
        return io;
    }

    /** @return the event loop group that carries all tracker traffic */
    public EventLoopGroup eventLoopGroup() {
        return eventLoopGroup;
    }

    /** @return the shared asynchronous DNS resolver */
    public AddressResolverGroup<InetSocketAddress> resolverGroup() {
        return resolverGroup;
    }

    /** @return the peers the options' {@link io.github.bttracker.spi.WebRtc} connected, by torrent */
    public ConnectedPeers connectedPeers() {
        return connectedPeers;
    }

    /** @return what the runtime records: JFR events, and meters when metrics are on */
    public RuntimeMetrics metrics() {
        return metrics;
    }

    /** @return true if a transport of this runtime serves the URL's scheme */
    public boolean supports(String trackerUrl) {
        return transportFor(trackerUrl).isPresent();
    }

    /** @return the transport serving the URL's scheme, if any */
    private Optional<TrackerTransport> transportFor(String trackerUrl) {
        String scheme = schemeOf(trackerUrl);
        for (TrackerTransport transport : transports) {
            if (transport.schemes().contains(scheme)) {
                return Optional.of(transport);
            }
        }
        return Optional.empty();
    }

    /**
     * Announces to one tracker. See {@link TrackerTransport} for how the future completes; an unsupported scheme
     * or a closed runtime fails it with {@link TrackerException}. The answer's peers are those the options'
     * {@link io.github.bttracker.spi.PeerFilter} accepts, without duplicates and without this client itself.
     */
    public CompletableFuture<AnnounceResponse> announce(String trackerUrl, AnnounceRequest request, Duration timeout) {
        CompletableFuture<AnnounceResponse> answer =
                withTransport(trackerUrl, t -> t.announce(trackerUrl, request, timeout));
        CompletableFuture<AnnounceResponse> cleaned = metrics.record(Operation.ANNOUNCE, trackerUrl, 1,
                answer.thenApply(response -> peerListFilter.apply(request, response)));
        // cancelling what the caller holds must cancel the request itself, which frees its connection or slot
        cleaned.whenComplete((response, error) -> {
            if (error instanceof java.util.concurrent.CancellationException) {
                answer.cancel(true);
            }
        });
        return cleaned;
    }

    /** Scrapes several torrents from one tracker. See {@link TrackerTransport#scrape}. */
    public CompletableFuture<Map<InfoHash, ScrapeResult>> scrape(
            String trackerUrl, Collection<InfoHash> infoHashes, Duration timeout) {
        return metrics.record(Operation.SCRAPE, trackerUrl, infoHashes.size(),
                withTransport(trackerUrl, t -> t.scrape(trackerUrl, infoHashes, timeout)));
    }

    private <T> CompletableFuture<T> withTransport(
            String trackerUrl, java.util.function.Function<TrackerTransport, CompletableFuture<T>> call) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(
                    new TrackerException(trackerUrl, TrackerException.Kind.CLOSED, "the tracker client is closed"));
        }
        Optional<TrackerTransport> transport = transportFor(trackerUrl);
        if (transport.isEmpty()) {
            return CompletableFuture.failedFuture(new TrackerException(trackerUrl,
                    TrackerException.Kind.UNSUPPORTED_SCHEME, "unsupported tracker scheme '" + schemeOf(trackerUrl)
                    + "'"));
        }
        return call.apply(transport.get());
    }

    /** @return true once {@link #close()} has been called */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Closes the peers its WebRTC connected, the transports, the resolver and the event loop group, waiting (at most
     * a few seconds) for the event loop threads to end. Requests still in flight fail with {@link TrackerException.Kind#CLOSED}. Idempotent;
     * must not be called from an event loop thread.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        connectedPeers.close();
        for (TrackerTransport transport : transports) {
            try {
                transport.close();
            } catch (RuntimeException e) {
                LOG.warn("Failed to close the {} transport", transport.schemes(), e);
            }
        }
        resolverGroup.close();
        // before the loops end: a close still under way when its loop ends may never close the socket (NettyIo)
        if (!io.closeChannels(SHUTDOWN_TIMEOUT)) {
            LOG.warn("Tracker connections did not close within {}", SHUTDOWN_TIMEOUT);
        }
        boolean terminated = eventLoopGroup.shutdownGracefully(0, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(SHUTDOWN_TIMEOUT.toMillis() * 2);
        // the group terminates in its threads' last lines; wait for the threads themselves, as the Javadoc says
        if (!terminated || !eventLoopThreads.awaitEnd(SHUTDOWN_TIMEOUT)) {
            LOG.warn("Tracker event loop threads did not end within {}", SHUTDOWN_TIMEOUT.multipliedBy(3));
        }
    }

    /** @return the URL's scheme in lower case, or "" when it has none */
    static String schemeOf(String url) {
        int colon = url == null ? -1 : url.indexOf(':');
        return colon <= 0 ? "" : url.substring(0, colon).toLowerCase(Locale.ROOT);
    }
}
