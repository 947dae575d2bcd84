package io.github.bttracker.transport.http;

import io.github.bttracker.TrackerClientOptions;
import io.github.bttracker.transport.TrackerRuntime;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.pool.AbstractChannelPoolHandler;
import io.netty.channel.pool.AbstractChannelPoolMap;
import io.netty.channel.pool.ChannelHealthChecker;
import io.netty.channel.pool.FixedChannelPool;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.resolver.NoopAddressResolverGroup;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Kept-alive HTTP connections, one bounded pool per {@link Origin} (Netty's {@link FixedChannelPool}): at most
 * {@code maxConnectionsPerOrigin} connections, the requests beyond that queued. Connections whose server closed
 * them are dropped by the pool's health check; unused ones close after {@code idleConnectionTimeout}.
 */
final class ConnectionPools implements AutoCloseable {

    static final String IDLE_HANDLER = "idle";
    static final String EXCHANGE_HANDLER = "exchange";

    private static final int MAX_INITIAL_LINE = 8 * 1024;
    private static final int MAX_HEADER_SIZE = 16 * 1024;
    private static final int MAX_CHUNK_SIZE = 16 * 1024;

    private final AbstractChannelPoolMap<Origin, FixedChannelPool> pools;

    ConnectionPools(TrackerRuntime runtime, SslContext sslContext) {
        TrackerClientOptions options = runtime.options();
        Bootstrap bootstrap = new Bootstrap()
                .group(runtime.eventLoopGroup())
                .channel(runtime.io().socketChannelType())
                // with a proxy, the tracker's name goes to the proxy unresolved
                .resolver(options.proxy().isPresent() ? NoopAddressResolverGroup.INSTANCE : runtime.resolverGroup())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true);
        this.pools = new AbstractChannelPoolMap<>() {
            @Override
            protected FixedChannelPool newPool(Origin origin) {
                Bootstrap forOrigin = bootstrap.clone()
                        .remoteAddress(InetSocketAddress.createUnresolved(origin.host(), origin.port()));
                return new FixedChannelPool(forOrigin, new PipelineInitializer(origin, sslContext, options),
                        ChannelHealthChecker.ACTIVE, null, -1, options.maxConnectionsPerOrigin(),
                        options.maxQueuedRequestsPerOrigin(), true, true);
            }
        };
    }

    FixedChannelPool pool(Origin origin) {
        return pools.get(origin);
    }

    /** Closes every pooled connection. Must not be called from an event loop thread. */
    @Override
    public void close() {
        pools.close();
    }

    /** Builds the pipeline of each new connection: TLS, HTTP codec, decompression, size-capped aggregation. */
    private static final class PipelineInitializer extends AbstractChannelPoolHandler {
        private final Origin origin;
        private final SslContext sslContext;
        private final TrackerClientOptions options;

        PipelineInitializer(Origin origin, SslContext sslContext, TrackerClientOptions options) {
            this.origin = origin;
            this.sslContext = sslContext;
            this.options = options;
        }

        @Override
        public void channelCreated(Channel ch) {
            ChannelPipeline p = ch.pipeline();
            options.proxy().ifPresent(proxy -> p.addLast("proxy", proxy.newHandler()));
            p.addLast(IDLE_HANDLER, new IdleStateHandler(options.readTimeout().toMillis(), 0,
                    options.idleConnectionTimeout().toMillis(), TimeUnit.MILLISECONDS));
            if (origin.secure()) {
                // the host and port make the engine send SNI and, with the endpoint identification algorithm set
                // on the context, verify the certificate against the host name
                p.addLast("tls", sslContext.newHandler(ch.alloc(), origin.host(), origin.port()));
            }
            p.addLast("http", new HttpClientCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, MAX_CHUNK_SIZE));
            // decompression before aggregation, so the size cap applies to the decompressed body (gzip bombs)
            p.addLast("decompress", new HttpContentDecompressor(0));
            p.addLast("aggregate", new HttpObjectAggregator(options.maxResponseSize()));
            p.addLast(EXCHANGE_HANDLER, new ExchangeHandler(options));
        }
    }
}
