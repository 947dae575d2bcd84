package io.github.bttracker.internal.transport;

import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.EventExecutor;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.channels.spi.SelectorProvider;
import java.util.concurrent.ThreadFactory;

/**
 * The I/O implementation the runtime's event loops and channels use: Linux's native epoll where it is available
 * (it sends and receives batches of datagrams with one system call each, {@code sendmmsg}/{@code recvmmsg}), Java's
 * NIO elsewhere or when native transport is turned off.
 *
 * <p>It works with Netty 4.2 and 4.1. An application that imports Netty 4.1's BOM (Spring Boot 3 does) puts 4.1 on
 * the class path, which lacks 4.2's I/O handler API ({@code MultiThreadIoEventLoopGroup}, {@code IoHandlerFactory},
 * {@code SocketProtocolFamily}). Whether that API is there is decided once; the 4.2 path is taken wherever it is, and
 * otherwise the event loop groups and the protocol family of 4.1, which 4.2 keeps, deprecated. Only the nested
 * classes {@link Netty42} and {@link Netty41} name the types of one line, and the JVM loads a class when it is first
 * used, so 4.1 never loads a 4.2-only type.
 */
public final class NettyIo {

    /** Whether Netty 4.2's I/O handler API is on the class path; false for Netty 4.1. */
    static final boolean NETTY_42 = LibraryVersions.present("io.netty.channel.MultiThreadIoEventLoopGroup");

    private final boolean epoll;

    private NettyIo(boolean epoll) {
        this.epoll = epoll;
    }

    public static NettyIo select(boolean preferNative) {
        return new NettyIo(preferNative && Epoll.isAvailable());
    }

    /** @return true for native epoll, false for NIO */
    public boolean isNative() {
        return epoll;
    }

    /** A group of {@code threads} event loops of this I/O implementation, their threads made by the factory. */
    public EventLoopGroup newEventLoopGroup(int threads, ThreadFactory threadFactory) {
        return NETTY_42 ? Netty42.eventLoopGroup(epoll, threads, threadFactory)
                : Netty41.eventLoopGroup(epoll, threads, threadFactory);
    }

    public Class<? extends SocketChannel> socketChannelType() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /**
     * TCP channels for connections to {@code address}: an IPv4 socket for an IPv4 address, this implementation's
     * default socket otherwise. The default is an IPv6 socket wherever the host has IPv6, which reaches IPv4 addresses
     * as IPv4-mapped ones, and costs the kernel more per connection than an IPv4 socket (with a direct constructor
     * instead of Netty's reflective factory and the connection's address given resolved, 4-5% less event-loop CPU per
     * announce against opentracker, which closes every connection: BENCHMARKS.md).
     */
    public ChannelFactory<SocketChannel> socketChannelFactory(InetAddress address) {
        if (!(address instanceof Inet4Address)) {
            return epoll ? EpollSocketChannel::new : NioSocketChannel::new;
        }
        return NETTY_42 ? Netty42.ipv4SocketChannels(epoll) : Netty41.ipv4SocketChannels(epoll);
    }

    public Class<? extends DatagramChannel> datagramChannelType() {
        return epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    public DatagramChannel newDatagramChannel(boolean ipv6) {
        return NETTY_42 ? Netty42.datagramChannel(epoll, ipv6) : Netty41.datagramChannel(epoll, ipv6);
    }

    @Override
    public String toString() {
        return epoll ? "epoll" : "nio";
    }

    /** Netty 4.2's API; loaded only where {@link #NETTY_42}. */
    /**
     * The clock of {@code executor}, in nanoseconds: Netty 4.2's {@code EventExecutor.ticker()}, which tests replace
     * with a mock ticker they advance; on Netty 4.1, which has no ticker, {@link System#nanoTime()}.
     */
    public static long nanoTime(EventExecutor executor) {
        return NETTY_42 ? Netty42.nanoTime(executor) : System.nanoTime();
    }

    private static final class Netty42 {

        static long nanoTime(EventExecutor executor) {
            return executor.ticker().nanoTime();
        }

        static EventLoopGroup eventLoopGroup(boolean epoll, int threads, ThreadFactory threadFactory) {
            return new MultiThreadIoEventLoopGroup(threads, threadFactory,
                    epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        }

        static ChannelFactory<SocketChannel> ipv4SocketChannels(boolean epoll) {
            return epoll ? () -> new EpollSocketChannel(SocketProtocolFamily.INET)
                    : () -> new NioSocketChannel(SelectorProvider.provider(), SocketProtocolFamily.INET);
        }

        static DatagramChannel datagramChannel(boolean epoll, boolean ipv6) {
            SocketProtocolFamily family = ipv6 ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET;
            return epoll ? new EpollDatagramChannel(family) : new NioDatagramChannel(family);
        }
    }

    /** Netty 4.1's API, deprecated in 4.2; used only where 4.2's is missing. */
    @SuppressWarnings("deprecation")
    private static final class Netty41 {

        static EventLoopGroup eventLoopGroup(boolean epoll, int threads, ThreadFactory threadFactory) {
            return epoll ? new EpollEventLoopGroup(threads, threadFactory)
                    : new NioEventLoopGroup(threads, threadFactory);
        }

        static ChannelFactory<SocketChannel> ipv4SocketChannels(boolean epoll) {
            return epoll ? () -> new EpollSocketChannel(InternetProtocolFamily.IPv4)
                    : () -> new NioSocketChannel(SelectorProvider.provider(), InternetProtocolFamily.IPv4);
        }

        static DatagramChannel datagramChannel(boolean epoll, boolean ipv6) {
            InternetProtocolFamily family = ipv6 ? InternetProtocolFamily.IPv6 : InternetProtocolFamily.IPv4;
            return epoll ? new EpollDatagramChannel(family) : new NioDatagramChannel(family);
        }
    }
}
