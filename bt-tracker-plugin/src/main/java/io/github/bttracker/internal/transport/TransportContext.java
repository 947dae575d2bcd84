package io.github.bttracker.internal.transport;

import io.github.bttracker.internal.metrics.RuntimeMetrics;
import io.netty.channel.EventLoopGroup;
import io.netty.resolver.AddressResolverGroup;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What the runtime shares with every transport it creates: the I/O implementation, the event loop group that carries
 * all tracker traffic, and the resolver of tracker host names. The runtime owns and closes them; a transport only
 * uses them.
 *
 * @param io the I/O implementation (io_uring, epoll or NIO) of the event loop group and its channels
 * @param eventLoopGroup the event loop group
 * @param resolverGroup the asynchronous resolver of tracker host names
 * @param metrics what the transports tell of their connections and retransmissions
 */
public record TransportContext(NettyIo io, EventLoopGroup eventLoopGroup,
                               AddressResolverGroup<InetSocketAddress> resolverGroup, RuntimeMetrics metrics) {

    public TransportContext {
        Objects.requireNonNull(io, "io");
        Objects.requireNonNull(eventLoopGroup, "eventLoopGroup");
        Objects.requireNonNull(resolverGroup, "resolverGroup");
        Objects.requireNonNull(metrics, "metrics");
    }
}
