package io.github.bttracker.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP face of the tracker (BEP 3 announces, BEP 48 scrapes): owns the listening socket and the pipeline of
 * every connection. Runs on an event loop group it is given and does not own, so that other front ends can share
 * the group as they share the {@link Swarms}.
 */
final class HttpTrackerFrontEnd implements TrackerFrontEnd {
    // a scrape of many info hashes is one long request line (about 70 bytes per hash); Netty's default is 4 KiB
    private static final int MAX_INITIAL_LINE_LENGTH = 64 * 1024;
    private static final int MAX_REQUEST_BODY = 64 * 1024;
    private static final long CLOSE_TIMEOUT_SECONDS = 5;

    private final Channel serverChannel;
    private final ChannelGroup connections;

    private HttpTrackerFrontEnd(Channel serverChannel, ChannelGroup connections) {
        this.serverChannel = serverChannel;
        this.connections = connections;
    }

    /**
     * Binds the front end to {@code address} (port 0 for an ephemeral one) and returns once it listens; with
     * {@code tls} (null for plain HTTP) it serves HTTPS.
     *
     * @throws InterruptedException if interrupted while binding
     */
    static HttpTrackerFrontEnd bind(EventLoopGroup group, InetSocketAddress address, SslContext tls, Swarms swarms,
            TrackerSettings settings, RequestLog requestLog, BehaviourScript script) throws InterruptedException {
        ChannelGroup connections = new DefaultChannelGroup("embedded-tracker-http", group.next());
        HttpTrackerEndpoints endpoints = new HttpTrackerEndpoints(swarms, settings);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        connections.add(channel);
                        int connectionIndex = requestLog.connectionAccepted();
                        if (tls != null) {
                            channel.pipeline().addLast(tls.newHandler(channel.alloc()));
                        }
                        channel.pipeline().addLast(
                                new HttpServerCodec(
                                        new HttpDecoderConfig().setMaxInitialLineLength(MAX_INITIAL_LINE_LENGTH)),
                                new HttpObjectAggregator(MAX_REQUEST_BODY),
                                new HttpTrackerHandler(requestLog, script, endpoints, settings, connectionIndex));
                    }
                });
        Channel serverChannel = bootstrap.bind(address).sync().channel();
        return new HttpTrackerFrontEnd(serverChannel, connections);
    }

    /** The address the front end listens on, with the actual port. */
    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** Stops listening and closes every open connection. */
    @Override
    public void close() {
        // stop accepting first, so no connection slips in after the others were closed
        serverChannel.close().awaitUninterruptibly(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        connections.close().awaitUninterruptibly(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
