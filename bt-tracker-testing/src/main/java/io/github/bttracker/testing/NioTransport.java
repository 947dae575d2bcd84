package io.github.bttracker.testing;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.util.concurrent.ThreadFactory;

/**
 * The tracker's NIO event loops and datagram channels, on Netty 4.2 or 4.1: a test of a client built on Netty 4.1
 * puts 4.1 on the class path, which lacks 4.2's I/O handler API ({@code MultiThreadIoEventLoopGroup},
 * {@code NioIoHandler}, {@code SocketProtocolFamily}). 4.2's API is used where it is there, 4.1's (which 4.2 keeps,
 * deprecated) otherwise; only the nested classes name either, and the JVM loads a class when it is first used.
 */
final class NioTransport {

    private static final boolean NETTY_42 = present("io.netty.channel.MultiThreadIoEventLoopGroup");

    private NioTransport() {
    }

    static EventLoopGroup newEventLoopGroup(int threads, ThreadFactory threadFactory) {
        return NETTY_42 ? Netty42.eventLoopGroup(threads, threadFactory)
                : Netty41.eventLoopGroup(threads, threadFactory);
    }

    static DatagramChannel newDatagramChannel(boolean ipv6) {
        return NETTY_42 ? Netty42.datagramChannel(ipv6) : Netty41.datagramChannel(ipv6);
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, NioTransport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static final class Netty42 {

        static EventLoopGroup eventLoopGroup(int threads, ThreadFactory threadFactory) {
            return new MultiThreadIoEventLoopGroup(threads, threadFactory, NioIoHandler.newFactory());
        }

        static DatagramChannel datagramChannel(boolean ipv6) {
            return new NioDatagramChannel(ipv6 ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET);
        }
    }

    @SuppressWarnings("deprecation")
    private static final class Netty41 {

        static EventLoopGroup eventLoopGroup(int threads, ThreadFactory threadFactory) {
            return new NioEventLoopGroup(threads, threadFactory);
        }

        static DatagramChannel datagramChannel(boolean ipv6) {
            return new NioDatagramChannel(ipv6 ? InternetProtocolFamily.IPv6 : InternetProtocolFamily.IPv4);
        }
    }
}
