package io.github.bttracker.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The TCP sockets {@link NettyIo} makes for a connection, native epoll and NIO, over loopback. */
@Timeout(20)
class NettyIoTest {

    private EventLoopGroup group;

    @AfterEach
    void stop() throws Exception {
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @ParameterizedTest(name = "native epoll preferred: {0}")
    @ValueSource(booleans = {true, false})
    void anIpv4AddressGetsAnIpv4SocketWithNagleOff(boolean preferNative) throws Exception {
        NettyIo io = NettyIo.select(preferNative);
        group = io.newEventLoopGroup(1, new DefaultThreadFactory("netty-io-test"));
        InetAddress v4 = InetAddress.getByName("127.0.0.1");
        InetAddress v6 = InetAddress.getByName("::1");
        try (ServerSocket server4 = new ServerSocket(0, 8, v4); ServerSocket server6 = new ServerSocket(0, 8, v6)) {
            Channel connected = connect(io, v4, new InetSocketAddress(v4, server4.getLocalPort())).sync().channel();
            // Netty turns Nagle's algorithm off on the sockets it makes; the HTTP connections rely on it
            assertThat(connected.config().getOption(ChannelOption.TCP_NODELAY)).isTrue();
            connected.close().sync();

            // an IPv4 socket cannot reach an IPv6 address: the socket is of the IPv4 family, not the dual-stack default
            ChannelFuture toV6 = connect(io, v4, new InetSocketAddress(v6, server6.getLocalPort())).await();
            assertThat(toV6.isSuccess()).isFalse();

            // other addresses get the default socket, which reaches both
            for (ServerSocket server : new ServerSocket[] {server4, server6}) {
                Channel viaDefault = connect(io, v6, new InetSocketAddress(server.getInetAddress(),
                        server.getLocalPort())).sync().channel();
                assertThat(viaDefault.config().getOption(ChannelOption.TCP_NODELAY)).isTrue();
                viaDefault.close().sync();
            }
        }
    }

    private ChannelFuture connect(NettyIo io, InetAddress socketFor, InetSocketAddress to) {
        return new Bootstrap().group(group).channelFactory(io.socketChannelFactory(socketFor))
                .handler(new ChannelInboundHandlerAdapter()).connect(to);
    }
}
