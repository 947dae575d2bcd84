package io.github.bttracker.internal.transport;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The I/O implementation the runtime's event loops and channels use: Linux's native epoll where it is available
 * (it sends and receives batches of datagrams with one system call each, {@code sendmmsg}/{@code recvmmsg}), Java's
 * NIO elsewhere or when native transport is turned off.
 */
public final class NettyIo {

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

    public IoHandlerFactory ioHandlerFactory() {
        return epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    public Class<? extends SocketChannel> socketChannelType() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public Class<? extends DatagramChannel> datagramChannelType() {
        return epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    public DatagramChannel newDatagramChannel(boolean ipv6) {
        SocketProtocolFamily family = ipv6 ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET;
        return epoll ? new EpollDatagramChannel(family) : new NioDatagramChannel(family);
    }

    @Override
    public String toString() {
        return epoll ? "epoll" : "nio";
    }
}
