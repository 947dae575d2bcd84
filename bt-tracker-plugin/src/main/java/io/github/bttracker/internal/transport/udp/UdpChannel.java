package io.github.bttracker.internal.transport.udp;

import io.github.bttracker.internal.metrics.RuntimeMetrics;
import io.github.bttracker.internal.transport.NettyIo;
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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one UDP socket of an address family (IPv4 or IPv6) that carries every UDP tracker request of the runtime, bound
 * to an ephemeral port on the wildcard address, with its {@link Dispatcher}. Confined to one event loop.
 */
final class UdpChannel {

    private static final Logger LOG = LoggerFactory.getLogger(UdpChannel.class);

    /** Datagrams received with one read on epoll ({@code recvmmsg}) and io_uring. */
    private static final int DATAGRAMS_PER_READ = 16;
    /**
     * One byte more than the longest answer taken: the kernel silently cuts a longer datagram to the slot, and a
     * datagram that fills the slot is known to have been cut, and is dropped (a cut announce answer could otherwise
     * pass for a shorter one).
     */
    static final int RECEIVE_SLOT = UdpProtocol.MAX_ANSWER + 1;

    private final EventLoop eventLoop;
    private final RuntimeMetrics metrics;
    private final Dispatcher dispatcher = new Dispatcher();
    private final ChannelFuture bound;
    private final boolean ipv6;
    private final Runnable flush = this::flushNow;
    private boolean flushPending;

    UdpChannel(EventLoop eventLoop, NettyIo io, boolean ipv6, int receiveBufferSize, RuntimeMetrics metrics) {
        this.eventLoop = eventLoop;
        this.metrics = metrics;
        this.ipv6 = ipv6;
        Bootstrap bootstrap = new Bootstrap()
                .group(eventLoop)
                .channelFactory(() -> io.newDatagramChannel(ipv6))
                .option(ChannelOption.SO_RCVBUF, receiveBufferSize)
                .handler(new InboundHandler());
        if (io.batchDatagramReads(bootstrap, RECEIVE_SLOT)) {
            // one read fills up to DATAGRAMS_PER_READ slots of RECEIVE_SLOT bytes each: one recvmmsg call on epoll, as
            // many recvmsg operations submitted together on io_uring
            bootstrap.option(ChannelOption.RCVBUF_ALLOCATOR,
                    new FixedRecvByteBufAllocator(RECEIVE_SLOT * DATAGRAMS_PER_READ));
        } else {
            bootstrap.option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(RECEIVE_SLOT));
        }
        this.bound = bootstrap.bind(new InetSocketAddress(wildcard(ipv6), 0));
        metrics.countOpen(bound.channel(), "udp");
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

    /** @return where retransmissions are counted */
    RuntimeMetrics metrics() {
        return metrics;
    }

    Dispatcher dispatcher() {
        return dispatcher;
    }

    boolean isIpv6() {
        return ipv6;
    }

    /** A datagram to send: its size, its bytes, and where a socket that cannot be opened is reported. */
    interface Datagram {
        int size();

        void write(ByteBuf out);

        void unsendable(Throwable cause);
    }

    /** Sends one datagram once the socket is bound. */
    void send(InetSocketAddress to, Datagram datagram) {
        if (!bound.isDone()) {
            bound.addListener(f -> send(to, datagram));
            return;
        }
        if (!bound.isSuccess()) {
            datagram.unsendable(new java.io.IOException("cannot open a UDP socket for "
                    + (ipv6 ? "IPv6" : "IPv4") + ": " + bound.cause().getMessage(), bound.cause()));
            return;
        }
        Channel channel = bound.channel();
        ByteBuf out = channel.alloc().buffer(datagram.size());
        datagram.write(out);
        channel.write(new DatagramPacket(out, to), channel.voidPromise());
        // one flush for everything written in this pass of the event loop: on epoll that is one sendmmsg call.
        // A failed send needs no handling: the retransmission timer is running, so the exchange recovers or times out
        if (!flushPending) {
            flushPending = true;
            eventLoop.execute(flush);
        }
    }

    private void flushNow() {
        flushPending = false;
        bound.channel().flush();
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
            if (packet.content().readableBytes() > UdpProtocol.MAX_ANSWER) {
                LOG.debug("Dropping a datagram from {}: longer than {} bytes, cut on arrival", packet.sender(),
                        UdpProtocol.MAX_ANSWER);
                return;
            }
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
