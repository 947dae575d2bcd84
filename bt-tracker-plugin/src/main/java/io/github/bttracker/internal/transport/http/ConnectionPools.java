package io.github.bttracker.internal.transport.http;

import io.github.bttracker.internal.metrics.RuntimeMetrics;
import io.github.bttracker.internal.transport.OriginProxies;
import io.github.bttracker.internal.transport.ProxyHandlers;
import io.github.bttracker.options.ProxySettings;
import io.github.bttracker.internal.transport.TransportContext;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.pool.AbstractChannelPoolHandler;
import io.netty.channel.pool.AbstractChannelPoolMap;
import io.netty.channel.pool.ChannelHealthChecker;
import io.netty.channel.pool.ChannelPool;
import io.netty.channel.pool.FixedChannelPool;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.resolver.NoopAddressResolverGroup;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Kept-alive HTTP connections, bounded per {@link Origin} (Netty's {@link FixedChannelPool}s, one per event loop):
 * at most {@code maxConnectionsPerOrigin} connections, the requests beyond that queued. Connections whose server closed
 * them are dropped by the pool's health check; unused ones close after {@code idleConnectionTimeout}. Once an origin
 * is known to close every connection after a response ({@link #closingOrigins}), its requests take a new connection
 * each from {@link OneShotConnections}, under the same bounds, instead of going through a pool.
 */
final class ConnectionPools implements HttpExchange.Connections, AutoCloseable {

    /** The longest status line or chunk size line read. */
    static final int MAX_INITIAL_LINE = 8 * 1024;
    /** The most bytes of headers (or of trailers) read of one response. */
    static final int MAX_HEADER_SIZE = 16 * 1024;
    private static final int MAX_CHUNK_SIZE = 16 * 1024;

    private final AbstractChannelPoolMap<Lane, LanePool> pools;
    private final java.util.Map<Lane, OneShotConnections> oneShots = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.function.Function<Lane, OneShotConnections> newOneShots;
    private final java.util.Set<Origin> closingOrigins = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.List<io.netty.channel.EventLoop> loops = new java.util.ArrayList<>();
    private final OriginProxies proxies;
    private final int lanes;
    private final int maxConnections;
    private final java.util.concurrent.atomic.AtomicInteger nextLane = new java.util.concurrent.atomic.AtomicInteger();

    /** One origin's connections on one event loop. */
    private record Lane(Origin origin, int index) {
    }

    /** A kept-alive lane's pool, which knows the event loop its connections run on. */
    private static final class LanePool extends FixedChannelPool {
        private final io.netty.channel.EventLoop loop;

        LanePool(Bootstrap bootstrap, io.netty.channel.EventLoop loop, PipelineInitializer handler, int maxConnections,
                 int maxPendingAcquires) {
            super(bootstrap, handler, ChannelHealthChecker.ACTIVE, null, -1, maxConnections, maxPendingAcquires, true,
                    true);
            this.loop = loop;
        }
    }

    ConnectionPools(TransportContext shared, HttpSettings options, Supplier<SslContext> sslContext) {
        shared.eventLoopGroup().forEach(executor -> loops.add((io.netty.channel.EventLoop) executor));
        // an origin's connections are split into one lane per event loop (at most one per allowed connection), and
        // each lane's pool, connections and promises live on that loop: a request crosses threads only to get there
        // and back, never at every step of a connect, while busy origins still use every core
        this.lanes = Math.max(1, Math.min(loops.size(), options.http().maxConnectionsPerOrigin()));
        this.maxConnections = options.http().maxConnectionsPerOrigin();
        this.proxies = new OriginProxies(options.connection());
        // no TCP_NODELAY option: Netty's socket channels set it when made (Nagle off), and setting it again would be
        // one more system call per connection
        Bootstrap bootstrap = new Bootstrap()
                .group(shared.eventLoopGroup())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connection().connectTimeout().toMillis());
        this.pools = new AbstractChannelPoolMap<>() {
            @Override
            protected LanePool newPool(Lane lane) {
                Optional<ProxySettings> proxy = proxyFor(lane.origin());
                return new LanePool(forLane(bootstrap, shared, lane, proxy), loops.get(lane.index()),
                        new PipelineInitializer(lane.origin(), proxy, sslContext, options, shared.metrics(), false),
                        share(options.http().maxConnectionsPerOrigin(), lane.index()),
                        Math.max(1, share(options.http().maxQueuedRequestsPerOrigin(), lane.index())));
            }
        };
        this.newOneShots = lane -> {
            Optional<ProxySettings> proxy = proxyFor(lane.origin());
            PipelineInitializer pipeline = new PipelineInitializer(lane.origin(), proxy, sslContext, options,
                    shared.metrics(), true);
            Bootstrap forLane = forLane(bootstrap, shared, lane, proxy).handler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    pipeline.channelCreated(ch);
                }
            });
            return new OneShotConnections(forLane, loops.get(lane.index()),
                    share(options.http().maxConnectionsPerOrigin(), lane.index()),
                    share(options.http().maxQueuedRequestsPerOrigin(), lane.index()));
        };
    }

    /** @return a bootstrap that connects on {@code lane}'s event loop to its origin, or to the proxy for it */
    private Bootstrap forLane(Bootstrap base, TransportContext shared, Lane lane, Optional<ProxySettings> proxy) {
        InetSocketAddress address = remoteAddress(lane.origin(), proxy.isPresent());
        Bootstrap forLane = base.clone(loops.get(lane.index()))
                // with a proxy, the tracker's name goes to the proxy unresolved
                .resolver(proxy.isPresent() ? NoopAddressResolverGroup.INSTANCE : shared.resolverGroup())
                .remoteAddress(address);
        return forLane.channelFactory(address.isUnresolved() ? shared.io().socketChannels()
                : shared.io().socketChannelFactory(address.getAddress()));
    }

    /**
     * @return the address a connection to {@code origin} is made to: resolved for an IP literal (the resolver would
     *     only parse it, once per connection), unresolved for a host name, resolved each time a connection is made,
     *     and for a connection through a proxy, which resolves it
     */
    static InetSocketAddress remoteAddress(Origin origin, boolean proxied) {
        InetAddress literal = proxied ? null : NetUtil.createInetAddressFromIpAddressString(origin.host());
        return literal == null ? InetSocketAddress.createUnresolved(origin.host(), origin.port())
                : new InetSocketAddress(literal, origin.port());
    }

    private Optional<ProxySettings> proxyFor(Origin origin) {
        return proxies.proxyFor(origin.secure(), origin.host(), origin.port());
    }

    /** Through a proxy, the proxy resolves and connects: the address a connection reached is the proxy's. */
    @Override
    public boolean proxied(Origin origin) {
        return proxyFor(origin).isPresent();
    }

    /** The event loop of the lane {@code pool} is, where an exchange that starts with it keeps its deadline. */
    @Override
    public io.netty.util.concurrent.EventExecutor timers(ChannelPool pool) {
        if (pool instanceof OneShotConnections oneShot) {
            return oneShot.loop();
        }
        return pool instanceof LanePool lane ? lane.loop : loops.get(0);
    }

    /** @return lane {@code index}'s share of {@code total}, the shares adding up to it */
    private int share(int total, int index) {
        return total / lanes + (index < total % lanes ? 1 : 0);
    }

    /**
     * The origins whose server closes connections after a response without saying so (opentracker answers HTTP/1.1
     * without {@code Connection: close}, then closes): their connections are closed after each response instead of
     * being pooled, so no request is sent on a connection the server is closing.
     */
    @Override
    public java.util.Set<Origin> closingOrigins() {
        return closingOrigins;
    }

    /**
     * @return the pool a new request to this origin should use: for an origin that closes every connection, its
     *     lanes' {@link OneShotConnections} in turn; otherwise the first lane with a free connection, so that light use
     *     keeps reusing one kept-alive connection, and when every lane is busy, the lanes in turn
     */
    @Override
    public ChannelPool pool(Origin origin) {
        if (closingOrigins.contains(origin)) {
            return oneShots.computeIfAbsent(new Lane(origin, Math.floorMod(nextLane.getAndIncrement(), lanes)),
                    newOneShots);
        }
        for (int i = 0; i < lanes; i++) {
            LanePool pool = pools.get(new Lane(origin, i));
            if (pool.acquiredChannelCount() < share(maxConnections, i)) {
                return pool;
            }
        }
        return pools.get(new Lane(origin, Math.floorMod(nextLane.getAndIncrement(), lanes)));
    }

    /** Closes every pooled connection. Must not be called from an event loop thread. */
    @Override
    public void close() {
        oneShots.values().forEach(OneShotConnections::close);
        pools.close();
    }

    /**
     * Builds the pipeline of each new connection: TLS, HTTP codec, informational responses skipped, decompression,
     * size-capped aggregation, and the {@link ExchangeHandler} that holds the handlers of it it drives.
     */
    static final class PipelineInitializer extends AbstractChannelPoolHandler {
        private final Origin origin;
        private final Optional<ProxySettings> proxy;
        /** Built on the first https connection. */
        private final Supplier<SslContext> sslContext;
        private final HttpSettings options;
        private final RuntimeMetrics metrics;
        /** Connections for one request: no idle close, the connection closes after its response. */
        private final boolean oneShot;

        PipelineInitializer(Origin origin, Optional<ProxySettings> proxy, Supplier<SslContext> sslContext,
                            HttpSettings options, RuntimeMetrics metrics, boolean oneShot) {
            this.origin = origin;
            this.proxy = proxy;
            this.sslContext = sslContext;
            this.options = options;
            this.metrics = metrics;
            this.oneShot = oneShot;
        }

        @Override
        public void channelCreated(Channel ch) {
            metrics.countOpen(ch, "http");
            ChannelPipeline p = ch.pipeline();
            proxy.ifPresent(through -> p.addLast("proxy", ProxyHandlers.newHandler(through)));
            IdleStateHandler idleCheck = new IdleStateHandler(options.http().readTimeout().toMillis(), 0,
                    oneShot ? 0 : options.http().idleConnectionTimeout().toMillis(), TimeUnit.MILLISECONDS);
            p.addLast("idle", idleCheck);
            SslHandler tls = null;
            if (origin.secure()) {
                // the host and port make the engine send SNI and, with the endpoint identification algorithm set
                // on the context, verify the certificate against the host name
                tls = sslContext.get().newHandler(ch.alloc(), origin.host(), origin.port());
                p.addLast("tls", tls);
            }
            ExchangeHandler exchange = new ExchangeHandler(options, idleCheck, tls);
            p.addLast("http", new HttpClientCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, MAX_CHUNK_SIZE));
            p.addLast("informational", new InformationalResponses());
            p.addLast("headers", exchange.headersTap());
            // decompression before aggregation, so the size cap applies to the decompressed body (gzip bombs)
            p.addLast("decompress", new HttpContentDecompressor(0));
            p.addLast("aggregate", new HttpObjectAggregator(options.safety().maxResponseSize()));
            p.addLast("exchange", exchange);
            exchange.attachTo(ch);
        }
    }
}
