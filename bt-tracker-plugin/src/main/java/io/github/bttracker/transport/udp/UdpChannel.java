package io.github.bttracker.transport.udp;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one UDP socket of an address family (IPv4 or IPv6) that carries every UDP tracker request of the runtime, bound
 * to an ephemeral port on the wildcard address, with its {@link Dispatcher}. Confined to one event loop.
 */
final class UdpChannel {

    private static final Logger LOG = LoggerFactory.getLogger(UdpChannel.class);

    private final EventLoop eventLoop;
    private final Dispatcher dispatcher = new Dispatcher();
    private final ChannelFuture bound;
    private final boolean ipv6;

    UdpChannel(EventLoop eventLoop, boolean ipv6, int receiveBufferSize) {
        this.eventLoop = eventLoop;
        this.ipv6 = ipv6;
        SocketProtocolFamily family = ipv6 ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET;
        this.bound = new Bootstrap()
                .group(eventLoop)
                .channelFactory(() -> new NioDatagramChannel(family))
                .option(ChannelOption.SO_RCVBUF, receiveBufferSize)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(UdpProtocol.MAX_DATAGRAM))
                .handler(new InboundHandler())
                .bind(new InetSocketAddress(wildcard(ipv6), 0));
    }

    private static InetAddress wildcard(boolean ipv6) {
        try {
            return InetAddress.getByAddress(new byte[ipv6 ? 16 : 4]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    EventLoop eventLoop() {
        return eventLoop;
    }

    Dispatcher dispatcher() {
        return dispatcher;
    }

    boolean isIpv6() {
        return ipv6;
    }

    /**
     * Sends one datagram of {@code size} bytes, written by {@code writer}, once the socket is bound; a socket that
     * cannot be opened or a failed send is reported to {@code onFailure}.
     */
    void send(InetSocketAddress to, int size, Consumer<ByteBuf> writer, Consumer<Throwable> onFailure) {
        if (!bound.isDone()) {
            bound.addListener(f -> send(to, size, writer, onFailure));
            return;
        }
        if (!bound.isSuccess()) {
            onFailure.accept(new java.io.IOException("cannot open a UDP socket for "
                    + (ipv6 ? "IPv6" : "IPv4") + ": " + bound.cause().getMessage(), bound.cause()));
            return;
        }
        Channel channel = bound.channel();
        ByteBuf out = channel.alloc().buffer(size);
        writer.accept(out);
        channel.writeAndFlush(new DatagramPacket(out, to)).addListener(f -> {
            if (!f.isSuccess()) {
                // a send can fail transiently (a full socket buffer, an unreachable network): the retransmission
                // timer is already running, so the exchange either recovers or times out
                LOG.debug("Sending to {} failed", to, f.cause());
            }
        });
    }

    /** Closes the socket; returns when closed, or at once from the event loop itself. */
    void close() {
        Channel channel = bound.channel();
        if (eventLoop.inEventLoop()) {
            channel.close();
        } else {
            channel.close().awaitUninterruptibly();
        }
    }

    /** Decodes each datagram and hands it to the dispatcher; a malformed one is dropped. */
    private final class InboundHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            UdpResponse response;
            try {
                response = UdpResponseDecoder.decode(packet.content());
            } catch (UdpResponseDecoder.MalformedDatagramException e) {
                LOG.debug("Dropping a datagram from {}: {}", packet.sender(), e.getMessage());
                return;
            }
            dispatcher.dispatch(packet.sender(), response);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // unconnected datagram sockets report almost nothing; what they do report concerns no single request
            LOG.debug("UDP tracker channel error", cause);
        }
    }
}
