package io.github.bttracker.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.uring.IoUring;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which I/O {@link NettyIo} chooses (io_uring where the kernel offers it, else epoll, NIO when native transport is off)
 * and the TCP sockets it makes for a connection, over loopback.
 */
@Timeout(20)
class NettyIoTest {

    private EventLoopGroup group;

    @AfterEach
    void stop() throws Exception {
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void nativeTransportIsIoUringWhereTheKernelOffersItElseEpoll() {
        // not assumed: where Netty finds no io_uring (a kernel without it or with it turned off, gVisor, Netty 4.1,
        // which has none and whose classes are not loaded) the choice must be epoll
        NettyIo.Kind chosen = NettyIo.select(true).kind(); // first: it turns multishot POLL_ADD off before Netty reads it
        boolean ioUring = NettyIo.NETTY_42 && IoUring.isAvailable();
        if (ioUring) {
            // nothing in this JVM sets the property, so the plugin's choice (off) holds and io_uring is used
            assertThat(System.getProperty(NettyIo.MULTISHOT_POLL_PROPERTY)).isEqualTo("false");
            assertThat(IoUring.isPollAddMultishotEnabled()).isFalse();
        }
        assertThat(chosen).as("io_uring: %s", ioUring ? "available" : NettyIo.NETTY_42
                ? IoUring.unavailabilityCause() : "Netty 4.1").isEqualTo(ioUring ? NettyIo.Kind.IO_URING : NettyIo.Kind.EPOLL);
        assertThat(NettyIo.select(true, false).kind()).isEqualTo(NettyIo.Kind.EPOLL);
        assertThat(NettyIo.select(false).kind()).isEqualTo(NettyIo.Kind.NIO);
        assertThat(NettyIo.select(false, true).kind()).isEqualTo(NettyIo.Kind.NIO);
    }

    @Test
    void theSystemPropertyKeepsEpoll() {
        String before = System.getProperty(NettyIo.IO_URING_PROPERTY);
        System.setProperty(NettyIo.IO_URING_PROPERTY, "false");
        try {
            assertThat(NettyIo.select(true).kind()).isEqualTo(NettyIo.Kind.EPOLL);
        } finally {
            if (before == null) {
                System.clearProperty(NettyIo.IO_URING_PROPERTY);
            } else {
                System.setProperty(NettyIo.IO_URING_PROPERTY, before);
            }
        }
    }

    @Test
    void theChosenNativeTransportConnectsWithNagleOffAndReadsAndWrites() throws Exception {
        NettyIo io = NettyIo.select(true);
        group = io.newEventLoopGroup(1, new DefaultThreadFactory("netty-io-test"));
        InetAddress v4 = InetAddress.getByName("127.0.0.1");
        try (ServerSocket server = new ServerSocket(0, 8, v4)) {
            CompletableFuture<String> echoed = new CompletableFuture<>();
            Channel connected = new Bootstrap().group(group).channelFactory(io.socketChannelFactory(v4))
                    .handler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            ByteBuf bytes = (ByteBuf) msg;
                            echoed.complete(bytes.toString(StandardCharsets.US_ASCII));
                            bytes.release();
                        }
                    })
                    .connect(new InetSocketAddress(v4, server.getLocalPort())).sync().channel();
            assertThat(connected.getClass().getSimpleName()).startsWith(
                    io.kind() == NettyIo.Kind.IO_URING ? "IoUring" : "Epoll");
            assertThat(connected.config().getOption(ChannelOption.TCP_NODELAY)).isTrue();
            try (Socket accepted = server.accept()) {
                connected.writeAndFlush(Unpooled.copiedBuffer("ping", StandardCharsets.US_ASCII));
                byte[] got = accepted.getInputStream().readNBytes(4);
                assertThat(new String(got, StandardCharsets.US_ASCII)).isEqualTo("ping");
                accepted.getOutputStream().write("pong".getBytes(StandardCharsets.US_ASCII));
                assertThat(echoed.get(10, TimeUnit.SECONDS)).isEqualTo("pong");
            }
            connected.close().sync();
        }
    }

    @ParameterizedTest(name = "native epoll preferred: {0}")
    @ValueSource(booleans = {true, false})
    void anIpv4AddressGetsAnIpv4SocketWithNagleOff(boolean preferNative) throws Exception {
        // io_uring's channels have no IPv4-only socket; this is epoll's and NIO's
        NettyIo io = NettyIo.select(preferNative, false);
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

    @ParameterizedTest(name = "native transport preferred: {0}")
    @ValueSource(booleans = {true, false})
    void closeChannelsClosesWhatItMadeAndWaitsForTheClose(boolean preferNative) throws Exception {
        NettyIo io = NettyIo.select(preferNative);
        group = io.newEventLoopGroup(1, new DefaultThreadFactory("netty-io-test"));
        InetAddress v4 = InetAddress.getByName("127.0.0.1");
        // a datagram channel with reads outstanding (io_uring cancels them before it closes the socket), and a
        // connection
        Channel datagrams = new Bootstrap().group(group).channelFactory(() -> io.newDatagramChannel(false))
                .handler(new ChannelInboundHandlerAdapter()).bind(v4, 0).sync().channel();
        try (ServerSocket server = new ServerSocket(0, 8, v4)) {
            Channel connected = connect(io, v4, new InetSocketAddress(v4, server.getLocalPort())).sync().channel();

            assertThat(io.closeChannels(java.time.Duration.ofSeconds(5))).isTrue();

            // done, not merely begun: every close has completed when it returns
            for (Channel channel : new Channel[] {datagrams, connected}) {
                assertThat(channel.closeFuture().isDone()).as("%s closed", channel).isTrue();
                assertThat(channel.isOpen()).isFalse();
            }
        }
    }

    private ChannelFuture connect(NettyIo io, InetAddress socketFor, InetSocketAddress to) {
        return new Bootstrap().group(group).channelFactory(io.socketChannelFactory(socketFor))
                .handler(new ChannelInboundHandlerAdapter()).connect(to);
    }
}
