package io.github.bttracker.internal.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import io.netty.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One connection per request, bounded, over loopback TCP: what {@link HttpExchange} gets and when. */
@Timeout(10)
class OneShotConnectionsTest {

    // NIO's group as both Netty 4.1 and 4.2 have it, typed as the interface: 4.2's NioEventLoopGroup.next() returns
    // an IoEventLoop, which 4.1 does not have
    @SuppressWarnings("deprecation")
    private final EventLoopGroup group = new NioEventLoopGroup(1);
    /** The client ports of the connections the server accepted, in order. */
    private final List<Integer> accepted = new CopyOnWriteArrayList<>();
    private Channel server;
    private OneShotConnections connections;

    @BeforeEach
    void start() throws Exception {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new Accepted())
                .bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
        InetSocketAddress address = (InetSocketAddress) server.localAddress();
        EventLoop loop = group.next();
        Bootstrap bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class).remoteAddress(address)
                .handler(new Idle());
        connections = new OneShotConnections(bootstrap, loop, 1, 1);
    }

    private void awaitAccepted(Channel client) {
        await().untilAsserted(() -> assertThat(accepted).contains(port(client)));
    }

    private static int port(Channel client) {
        return ((InetSocketAddress) client.localAddress()).getPort();
    }

    @io.netty.channel.ChannelHandler.Sharable
    private static final class Idle extends ChannelInboundHandlerAdapter {
    }

    @io.netty.channel.ChannelHandler.Sharable
    private final class Accepted extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(io.netty.channel.ChannelHandlerContext ctx) {
            accepted.add(((InetSocketAddress) ctx.channel().remoteAddress()).getPort());
        }
    }

    @AfterEach
    void stop() throws Exception {
        server.close().sync();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    @Test
    void queuesBeyondTheLimitAndRefusesBeyondTheQueue() throws Exception {
        Future<Channel> first = connections.acquire().sync();
        Future<Channel> second = connections.acquire();
        Future<Channel> third = connections.acquire().await();

        assertThat(third.cause()).isInstanceOf(OneShotConnections.QueueFull.class)
                .hasMessage("1 requests already wait for a connection");
        assertThat(second.isDone()).as("waits for the first connection to close").isFalse();

        connections.release(first.getNow());
        Channel next = second.sync().getNow();
        assertThat(next).isNotSameAs(first.getNow());
        assertThat(first.getNow().isOpen()).as("released means closed").isFalse();
        awaitAccepted(next);
        assertThat(accepted).containsExactly(port(first.getNow()), port(next));
    }

    @Test
    void aRequestThatGaveUpWhileWaitingLeavesTheSlotToTheNext() throws Exception {
        Future<Channel> first = connections.acquire().sync();
        Future<Channel> gaveUp = connections.acquire();
        assertThat(gaveUp.cancel(false)).isTrue();

        first.getNow().close().sync();
        Future<Channel> next = connections.acquire().sync();

        assertThat(next.isSuccess()).isTrue();
        // the loop would have connected for the request that gave up before it connected for the next one
        awaitAccepted(next.getNow());
        assertThat(accepted).as("no connection for the request that gave up")
                .containsExactly(port(first.getNow()), port(next.getNow()));
    }

    @Test
    void closingFailsTheWaitingRequestsAndRefusesNewOnes() throws Exception {
        connections.acquire().sync();
        Future<Channel> waiting = connections.acquire();

        connections.close();

        assertThat(waiting.await().cause()).isInstanceOf(RejectedExecutionException.class);
        assertThat(connections.acquire().await().cause()).isInstanceOf(RejectedExecutionException.class);
        assertThat(HttpFailures.connectFailure("http://t.example/announce",
                Origin.of(java.net.URI.create("http://t.example/announce")), waiting.cause(), 1000).kind())
                .isEqualTo(io.github.bttracker.core.TrackerException.Kind.CLOSED);
    }

    @Test
    void aFullQueueIsReportedAsOverloaded() throws Exception {
        connections.acquire().sync();
        connections.acquire();
        Throwable refused = connections.acquire().await().cause();

        assertThat(HttpFailures.connectFailure("http://t.example/announce",
                Origin.of(java.net.URI.create("http://t.example/announce")), refused, 1000).kind())
                .isEqualTo(io.github.bttracker.core.TrackerException.Kind.OVERLOADED);
    }

    @Test
    void aFailedConnectFreesItsSlot() throws Exception {
        server.close().sync();
        Future<Channel> failed = connections.acquire().await();
        assertThat(failed.isSuccess()).isFalse();

        // the slot is free again: the next request tries to connect instead of waiting
        Future<Channel> next = connections.acquire().await();
        assertThat(next.cause()).isNotInstanceOf(OneShotConnections.QueueFull.class).isNotNull();
    }
}
