package io.github.bttracker.internal.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringChannelOption;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.channels.spi.SelectorProvider;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;

/**
 * The I/O implementation the runtime's event loops and channels use. With native transport preferred (the default):
 * Linux's io_uring where the kernel offers it and Netty 4.2 is on the class path, otherwise Linux's epoll (which
 * sends and receives batches of datagrams with one system call each, {@code sendmmsg}/{@code recvmmsg}); Java's NIO
 * elsewhere or when native transport is turned off. io_uring submits a connection's connect, writes, reads and close
 * to the kernel in batches instead of a system call each, and needs none of epoll's interest changes: against
 * opentracker, which closes every connection, it took a quarter less event-loop CPU per HTTP announce than epoll
 * (BENCHMARKS.md). {@value #IO_URING_PROPERTY}{@code =false} (a system property) keeps epoll; Netty's own
 * {@code io.netty.transport.noNative=true} turns both off.
 *
 * <p>It works with Netty 4.2 and 4.1. An application that imports Netty 4.1's BOM (Spring Boot 3 does) puts 4.1 on
 * the class path, which lacks 4.2's I/O handler API ({@code MultiThreadIoEventLoopGroup}, {@code IoHandlerFactory},
 * {@code SocketProtocolFamily}) and io_uring. Whether that API is there is decided once; the 4.2 path is taken
 * wherever it is, and otherwise the event loop groups and the protocol family of 4.1, which 4.2 keeps, deprecated.
 * Only the nested classes {@link Netty42}, {@link IoUring42} and {@link Netty41} name the types of one line, and the
 * JVM loads a class when it is first used, so 4.1 never loads a 4.2-only type.
 *
 * <p>One instance serves one runtime and keeps every channel made through it until the channel closes:
 * {@link #closeChannels} closes those left and waits for their close to complete, which the runtime does before it
 * shuts its event loops down. On io_uring a channel's close completes in a later turn of its loop (the file descriptor
 * is closed by an operation submitted to the ring, after its outstanding reads are cancelled), and Netty 4.2.18 drops
 * a close that is still under way when the loop ends: the DNS resolver's datagram socket stayed open after about half
 * of the runtimes closed.
 */
public final class NettyIo {

    /** The system property that, set to {@code false}, keeps epoll where io_uring would be used. */
    public static final String IO_URING_PROPERTY = "io.github.bttracker.ioUring";

    /** Whether Netty 4.2's I/O handler API is on the class path; false for Netty 4.1. */
    static final boolean NETTY_42 = LibraryVersions.present("io.netty.channel.MultiThreadIoEventLoopGroup");

    /** The kinds of I/O. */
    enum Kind { IO_URING, EPOLL, NIO }

    /** The Netty system property of io_uring's multishot POLL_ADD; see {@link IoUring42#available()}. */
    static final String MULTISHOT_POLL_PROPERTY = "io.netty.iouring.pollAddMultishotEnabled";

    private final Kind kind;
    /** For the lines of epoll and NIO that choose between the two. */
    private final boolean epoll;
    /** The channels made through this instance and not closed yet; a closed channel leaves by itself. */
    private final ChannelGroup channels = new DefaultChannelGroup("bt-tracker", GlobalEventExecutor.INSTANCE);

    private NettyIo(Kind kind) {
        this.kind = kind;
        this.epoll = kind == Kind.EPOLL;
    }

    /**
     * @param preferNative whether a native transport is used where one is available: io_uring (unless
     *     {@value #IO_URING_PROPERTY} is {@code false}), else epoll
     * @return the I/O implementation chosen
     */
    public static NettyIo select(boolean preferNative) {
        return select(preferNative, !"false".equalsIgnoreCase(System.getProperty(IO_URING_PROPERTY)));
    }

    /** @param allowIoUring whether io_uring may be chosen; tests choose epoll with false */
    static NettyIo select(boolean preferNative, boolean allowIoUring) {
        if (!preferNative) {
            return new NettyIo(Kind.NIO);
        }
        if (allowIoUring && ioUringAvailable()) {
            return new NettyIo(Kind.IO_URING);
        }
        return new NettyIo(Epoll.isAvailable() ? Kind.EPOLL : Kind.NIO);
    }

    /**
     * @return true where Netty 4.2's io_uring transport is on the class path, the kernel lets it run, and its
     *     multishot POLL_ADD is off ({@link IoUring42#available()})
     */
    static boolean ioUringAvailable() {
        return NETTY_42 && LibraryVersions.present("io.netty.channel.uring.IoUring") && IoUring42.available();
    }

    /** @return the kind of I/O */
    Kind kind() {
        return kind;
    }

    /**
     * Makes the datagram channels {@code bootstrap} binds read up to as many datagrams of at most {@code slot} bytes
     * at once as its receive buffer allocator's buffers hold, where this transport can: epoll with one
     * {@code recvmmsg} call, io_uring with that many {@code recvmsg} operations submitted together.
     *
     * @return true if it can; NIO reads one datagram per read and leaves {@code bootstrap} as it was
     */
    public boolean batchDatagramReads(Bootstrap bootstrap, int slot) {
        switch (kind) {
            case EPOLL -> bootstrap.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, slot);
            case IO_URING -> IoUring42.batchDatagramReads(bootstrap, slot);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** A group of {@code threads} event loops of this I/O implementation, their threads made by the factory. */
    public EventLoopGroup newEventLoopGroup(int threads, ThreadFactory threadFactory) {
        if (kind == Kind.IO_URING) {
            return IoUring42.eventLoopGroup(threads, threadFactory);
        }
        return NETTY_42 ? Netty42.eventLoopGroup(epoll, threads, threadFactory)
                : Netty41.eventLoopGroup(epoll, threads, threadFactory);
    }

    /** TCP channels with this implementation's default socket (IPv6 where the host has it), kept until closed. */
    public ChannelFactory<SocketChannel> socketChannels() {
        return () -> keep(kind == Kind.IO_URING ? IoUring42.socketChannel()
                : epoll ? new EpollSocketChannel() : new NioSocketChannel());
    }

    /**
     * TCP channels for connections to {@code address}: an IPv4 socket for an IPv4 address, this implementation's
     * default socket otherwise. The default is an IPv6 socket wherever the host has IPv6, which reaches IPv4 addresses
     * as IPv4-mapped ones, and costs the kernel more per connection than an IPv4 socket (with a direct constructor
     * instead of Netty's reflective factory and the connection's address given resolved, 4-5% less event-loop CPU per
     * announce against opentracker, which closes every connection: BENCHMARKS.md). io_uring's channels have only the
     * default socket (Netty 4.2.18).
     */
    public ChannelFactory<SocketChannel> socketChannelFactory(InetAddress address) {
        if (kind == Kind.IO_URING || !(address instanceof Inet4Address)) {
            return socketChannels();
        }
        ChannelFactory<SocketChannel> ipv4 = NETTY_42 ? Netty42.ipv4SocketChannels(epoll)
                : Netty41.ipv4SocketChannels(epoll);
        return () -> keep(ipv4.newChannel());
    }

    /** Datagram channels with this implementation's default socket, kept until closed: the DNS resolver's. */
    public ChannelFactory<DatagramChannel> datagramChannels() {
        return () -> keep(kind == Kind.IO_URING ? IoUring42.datagramChannel()
                : epoll ? new EpollDatagramChannel() : new NioDatagramChannel());
    }

    /** A datagram channel with an IPv6 or IPv4 socket, kept until closed. */
    public DatagramChannel newDatagramChannel(boolean ipv6) {
        return keep(kind == Kind.IO_URING ? IoUring42.datagramChannel(ipv6)
                : NETTY_42 ? Netty42.datagramChannel(epoll, ipv6) : Netty41.datagramChannel(epoll, ipv6));
    }

    private <C extends Channel> C keep(C channel) {
        channels.add(channel);
        return channel;
    }

    /**
     * Closes the channels made through this instance and still open, and waits until their close has completed. A
     * channel not registered with an event loop yet is left to its bootstrap, which closes it when its registration
     * fails. Called by the runtime before it shuts the event loops down; not from an event loop thread.
     *
     * @return true if every close completed within {@code timeout}
     */
    public boolean closeChannels(Duration timeout) {
        return channels.close(Channel::isRegistered).awaitUninterruptibly(timeout.toMillis());
    }

    @Override
    public String toString() {
        return switch (kind) {
            case IO_URING -> "io_uring";
            case EPOLL -> "epoll";
            case NIO -> "nio";
        };
    }

    /**
     * The clock of {@code executor}, in nanoseconds: Netty 4.2's {@code EventExecutor.ticker()}, which tests replace
     * with a mock ticker they advance; on Netty 4.1, which has no ticker, {@link System#nanoTime()}.
     */
    public static long nanoTime(EventExecutor executor) {
        return NETTY_42 ? Netty42.nanoTime(executor) : System.nanoTime();
    }

    /** Netty 4.2's API; loaded only where {@link #NETTY_42}. */
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

    /** Netty 4.2's io_uring transport; loaded only where {@link #NETTY_42} and its classes are there. */
    private static final class IoUring42 {

        /**
         * Whether io_uring can be used: the kernel offers it and multishot POLL_ADD is off. Netty 4.2.18 reads a TCP
         * connection with one POLL_ADD armed for many wake-ups; when the peer sends the rest of a response and a reset
         * together, its last read takes the bytes, finds the socket empty and waits for that poll, which no new event
         * ever wakes: the reset is never read, and the request runs into its deadline instead of failing at once
         * (about 4 in 10 such connections here). With a poll armed for one wake-up, the next read's poll finds the
         * reset. So the property is set to false here, before Netty reads it, unless the application set it; where it
         * is on anyway (set so, or read by the application's own io_uring first), the runtime uses epoll.
         */
        static boolean available() {
            if (System.getProperty(MULTISHOT_POLL_PROPERTY) == null) {
                System.setProperty(MULTISHOT_POLL_PROPERTY, "false");
            }
            return IoUring.isAvailable() && !IoUring.isPollAddMultishotEnabled();
        }

        static EventLoopGroup eventLoopGroup(int threads, ThreadFactory threadFactory) {
            return new MultiThreadIoEventLoopGroup(threads, threadFactory, IoUringIoHandler.newFactory());
        }

        static SocketChannel socketChannel() {
            return new IoUringSocketChannel();
        }

        static DatagramChannel datagramChannel() {
            return new IoUringDatagramChannel();
        }

        static void batchDatagramReads(Bootstrap bootstrap, int slot) {
            bootstrap.option(IoUringChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, slot);
        }

        static DatagramChannel datagramChannel(boolean ipv6) {
            return new IoUringDatagramChannel(ipv6 ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET);
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
