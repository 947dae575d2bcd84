package io.github.bttracker.testing;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The UDP face of the tracker (BEP 15 with BEP 41 options): owns the socket clients talk to, plus a second one
 * for answers that must come from an unexpected port. Runs on an event loop group it is given and does not own,
 * sharing the {@link Swarms} with the other front ends.
 */
final class UdpTrackerFrontEnd implements TrackerFrontEnd {
    private static final long CLOSE_TIMEOUT_SECONDS = 5;

    private final Channel socket;
    private final Channel otherSocket;

    private UdpTrackerFrontEnd(Channel socket, Channel otherSocket) {
        this.socket = socket;
        this.otherSocket = otherSocket;
    }

    /**
     * Binds the front end to {@code address} and {@code preferredPort} (the HTTP port, so that one port number
     * serves both, as with most public trackers), or to an ephemeral port when that UDP port is taken; returns once
     * it listens.
     *
     * @throws InterruptedException if interrupted while binding
     */
    static UdpTrackerFrontEnd bind(EventLoopGroup group, InetAddress address, int preferredPort, Swarms swarms,
            TrackerSettings settings, UdpTrackerState state, UdpPeerEntries peerEntries) throws InterruptedException {
        boolean ipv6 = address instanceof Inet6Address;
        Channel otherSocket = datagramBootstrap(group, ipv6, new Discard())
                .bind(address, 0).sync().channel();
        UdpTrackerEndpoints endpoints = new UdpTrackerEndpoints(
                swarms, settings, state.connectionIds(), peerEntries, ipv6);
        Bootstrap bootstrap = datagramBootstrap(group, ipv6, new ChannelInitializer<DatagramChannel>() {
            @Override
            protected void initChannel(DatagramChannel channel) {
                UdpOutbox outbox = new UdpOutbox(channel, otherSocket, state.loss());
                channel.pipeline().addLast(new UdpTrackerHandler(state, endpoints, outbox));
            }
        });
        try {
            return new UdpTrackerFrontEnd(bindPreferring(bootstrap, address, preferredPort), otherSocket);
        } catch (InterruptedException | RuntimeException e) {
            otherSocket.close();
            throw e;
        }
    }

    private static Bootstrap datagramBootstrap(
            EventLoopGroup group, boolean ipv6, ChannelHandler handler) {
        // the family spelled out rather than left to the JDK's default: the peer entry size follows it
        return new Bootstrap()
                .group(group)
                .channelFactory(() -> NioTransport.newDatagramChannel(ipv6))
                .handler(handler);
    }

    private static Channel bindPreferring(Bootstrap bootstrap, InetAddress address, int preferredPort)
            throws InterruptedException {
        ChannelFuture preferred = bootstrap.bind(address, preferredPort).await();
        if (preferred.isSuccess()) {
            return preferred.channel();
        }
        // a failed bind leaves the JDK socket open
        preferred.channel().close();
        return bootstrap.bind(address, 0).sync().channel();
    }

    /** The address clients send to, with the actual port. */
    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.localAddress();
    }

    /** Closes both sockets; answers still scheduled or held back are not sent. */
    @Override
    public void close() {
        socket.close().awaitUninterruptibly(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        otherSocket.close().awaitUninterruptibly(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** What the other socket does with datagrams sent to it: nothing, it only ever sends. */
    private static final class Discard extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            // released by SimpleChannelInboundHandler
        }
    }
}
