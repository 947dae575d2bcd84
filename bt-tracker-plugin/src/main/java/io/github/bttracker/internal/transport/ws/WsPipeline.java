package io.github.bttracker.internal.transport.ws;

import io.github.bttracker.internal.metrics.RuntimeMetrics;
import io.github.bttracker.internal.transport.ProxyHandlers;
import io.github.bttracker.options.ProxySettings;
import io.github.bttracker.internal.transport.TrackerUrlRules;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.NoopAddressResolverGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Opens the TCP (and TLS) connections of one WebSocket tracker URL and builds their pipeline: the SSRF check of the
 * address reached, the proxy, the link's liveness check, TLS, HTTP and the WebSocket handshake, the frame limits, and
 * last the {@link WsLink}'s handler.
 */
final class WsPipeline implements WsLink.Connector {

    /** How long closing waits for the close frame to go out before it closes the connection anyway. */
    static final Duration CLOSE_FRAME_TIMEOUT = Duration.ofSeconds(1);
    private static final String PROTOCOL = "ws-protocol";

    private final URI uri;
    private final String host;
    private final int port;
    private final SslContext tls;
    private final WsSettings options;
    private final Optional<ProxySettings> proxy;
    private final Bootstrap bootstrap;
    private final RuntimeMetrics metrics;

    /** @param proxy the proxy for this URL's connections, empty to connect directly */
    WsPipeline(URI uri, SslContext tls, WsSettings options, Optional<ProxySettings> proxy, EventLoop loop,
               ChannelFactory<? extends Channel> channels, AddressResolverGroup<InetSocketAddress> resolver,
               RuntimeMetrics metrics) {
        this.metrics = metrics;
        this.uri = uri;
        this.host = WsLink.hostOf(uri);
        this.port = WsLink.portOf(uri);
        this.tls = WsLink.isSecure(uri) ? tls : null;
        this.options = options;
        this.proxy = proxy;
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channelFactory(channels)
                // with a proxy, the tracker's name goes to the proxy unresolved
                .resolver(proxy.isPresent() ? NoopAddressResolverGroup.INSTANCE : resolver)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connection().connectTimeout().toMillis())
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 64 * 1024));
    }

    @Override
    public ChannelFuture connect(WsLink link) {
        return bootstrap.clone().handler(new Initializer(link)).connect(InetSocketAddress.createUnresolved(host, port));
    }

    /** Builds each connection's pipeline. */
    private final class Initializer extends ChannelInitializer<Channel> {
        private final WsLink link;

        Initializer(WsLink link) {
            this.link = link;
        }

        @Override
        protected void initChannel(Channel ch) {
            metrics.countOpen(ch, "ws");
            ChannelPipeline p = ch.pipeline();
            // through a proxy, the connection reaches the proxy: only the URL could be checked (by the transport)
            if (options.safety().ssrfMitigation() && proxy.isEmpty()) {
                // first: nothing, not even a TLS hello, goes out to an address the rules refuse
                p.addLast(new ReachedAddressCheck(link));
            }
            proxy.ifPresent(through -> p.addLast(ProxyHandlers.newHandler(through)));
            p.addLast(link.newLivenessCheck());
            if (tls != null) {
                p.addLast(tls.newHandler(ch.alloc(), host, port));
            }
            int maxMessage = options.safety().maxResponseSize();
            p.addLast(new HttpClientCodec(), new HttpObjectAggregator(16 * 1024));
            p.addLast(PROTOCOL, new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                    .webSocketUri(uri)
                    .version(WebSocketVersion.V13)
                    .customHeaders(new DefaultHttpHeaders().set(HttpHeaderNames.USER_AGENT, options.http().userAgent()))
                    .maxFramePayloadLength(maxMessage)
                    .handshakeTimeoutMillis(options.connection().connectTimeout().toMillis())
                    .dropPongFrames(true)
                    // a tracker that does not read would hold our close frame, and the connection, forever
                    .forceCloseTimeoutMillis(CLOSE_FRAME_TIMEOUT.toMillis())
                    .build()));
            // frames reach these before the protocol handler, which would answer every ping whatever it costs
            p.addBefore(PROTOCOL, null, new WsControlFrameLimiter());
            p.addBefore(PROTOCOL, null, new WsFragmentLimiter(options.http().readTimeout()));
            p.addLast(new WebSocketFrameAggregator(maxMessage));
            p.addLast(link.newHandler());
        }
    }

    /**
     * Checks the address a connection reached before the WebSocket handshake (or TLS) starts on it: a host name may
     * resolve to loopback ({@link TrackerUrlRules}). A refused connection is closed and fails as a connect failure
     * naming the rule.
     */
    private final class ReachedAddressCheck extends ChannelInboundHandlerAdapter {
        private final WsLink link;

        ReachedAddressCheck(WsLink link) {
            this.link = link;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            SocketAddress remote = ctx.channel().remoteAddress();
            Optional<String> refusal = remote instanceof InetSocketAddress inet
                    ? TrackerUrlRules.connectionRefusal(uri, inet.getAddress(), false) : Optional.empty();
            if (refusal.isPresent()) {
                link.failedToConnect(new IOException("refused: " + refusal.get()));
                ctx.close();
                return;
            }
            ctx.pipeline().remove(this);
            ctx.fireChannelActive();
        }
    }
}
