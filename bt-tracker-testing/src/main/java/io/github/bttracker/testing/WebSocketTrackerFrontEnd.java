package io.github.bttracker.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The WebSocket (WebTorrent) face of the tracker: JSON announces with WebRTC offers and answers, and scrapes, on
 * a TCP port of its own (the HTTP front end owns the tracker's main port, and a port of its own lets tests stop
 * and restart the WebSocket tracker while HTTP keeps serving). Upgrades are accepted on every path; TLS (wss) when
 * the tracker serves HTTPS. Runs on an event loop group it is given and does not own, sharing the {@link Swarms}
 * with the other front ends.
 *
 * <p>Can stop listening and listen again on the same port, as a tracker that restarts.
 */
final class WebSocketTrackerFrontEnd implements TrackerFrontEnd {
    private static final System.Logger LOG = System.getLogger(WebSocketTrackerFrontEnd.class.getName());
    // a WebTorrent announce carries up to about ten offers of a few KiB of SDP each
    private static final int MAX_MESSAGE_LENGTH = 1024 * 1024;
    private static final int MAX_HANDSHAKE_BODY = 8 * 1024;
    private static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;
    private static final long CLOSE_TIMEOUT_SECONDS = 5;

    private final ServerBootstrap bootstrap;
    private final InetSocketAddress address;
    private final ChannelGroup connections;
    private final WebSocketTrackerState state;
    private final Swarms swarms;
    // null while stopped; guarded by this
    private Channel serverChannel;

    private WebSocketTrackerFrontEnd(ServerBootstrap bootstrap, Channel serverChannel, ChannelGroup connections,
            WebSocketTrackerState state, Swarms swarms) {
        this.bootstrap = bootstrap;
        this.swarms = swarms;
        this.serverChannel = serverChannel;
        this.address = (InetSocketAddress) serverChannel.localAddress();
        this.connections = connections;
        this.state = state;
    }

    /**
     * Binds the front end to {@code address} (port 0 for an ephemeral one) and returns once it listens; with
     * {@code tls} (null for plain WebSocket) it serves wss.
     *
     * @throws InterruptedException if interrupted while binding
     */
    static WebSocketTrackerFrontEnd bind(EventLoopGroup group, InetSocketAddress address, SslContext tls,
            Swarms swarms, TrackerSettings settings, WebSocketTrackerState state) throws InterruptedException {
        ChannelGroup connections = new DefaultChannelGroup("embedded-tracker-ws", group.next());
        WebSocketTrackerEndpoints endpoints = new WebSocketTrackerEndpoints(swarms, settings, state.sockets());
        WebSocketServerProtocolConfig protocol = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .checkStartsWith(true)
                .maxFramePayloadLength(MAX_MESSAGE_LENGTH)
                .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS)
                .build();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                // listening again on the same port must work while closed connections linger in TIME_WAIT
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        connections.add(channel);
                        int connectionIndex = state.log().connectionAccepted();
                        if (tls != null) {
                            channel.pipeline().addLast(tls.newHandler(channel.alloc()));
                        }
                        channel.pipeline().addLast(
                                new HttpServerCodec(),
                                new HttpObjectAggregator(MAX_HANDSHAKE_BODY),
                                new WebSocketServerProtocolHandler(protocol),
                                new WebSocketFrameAggregator(MAX_MESSAGE_LENGTH),
                                new WebSocketTrackerHandler(state, endpoints, swarms, connectionIndex));
                    }
                });
        Channel serverChannel = bootstrap.bind(address).sync().channel();
        return new WebSocketTrackerFrontEnd(bootstrap, serverChannel, connections, state, swarms);
    }

    /** The address the front end listens on (or listened on, while stopped), with the actual port. */
    @Override
    public InetSocketAddress localAddress() {
        return address;
    }

    /** How many connections are open now. */
    int openConnections() {
        return connections.size();
    }

    /** Whether the front end listens (it does unless {@link #stop() stopped}). */
    synchronized boolean isListening() {
        return serverChannel != null;
    }

    /**
     * Closes every open connection abruptly (no close frame) and returns once their peers have left their swarms.
     * Must not be called on the event loop.
     */
    void disconnectAll() {
        List<Channel> open = List.copyOf(connections);
        connections.close().awaitUninterruptibly(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        // the peers leave here, not only in channelInactive, whose task may still be queued: the caller is promised
        // that they are gone on return (forgetting a channel twice finds nobody the second time)
        for (Channel channel : open) {
            for (WebSocketPeerSockets.PeerInSwarm peer : state.sockets().forgetChannel(channel)) {
                swarms.leaveWebSocket(peer.infoHash(), peer.peerId());
            }
        }
        // channelInactive (peers leaving their swarms) runs in tasks queued by the close: wait for them
        Set<EventExecutor> loops = new LinkedHashSet<>();
        open.forEach(channel -> loops.add(channel.eventLoop()));
        for (EventExecutor loop : loops) {
            if (!loop.isShuttingDown()) {
                loop.submit(() -> { }).awaitUninterruptibly(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Stops listening, then closes every open connection; the port stays this front end's to listen on again. When
     * this returns, connections to the port are refused.
     */
    synchronized void stop() {
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            serverChannel = null;
            awaitPortReleased();
        }
        disconnectAll();
    }

    /**
     * Waits until the listening socket is really gone. The JDK closes a channel registered with a selector only
     * when that selector next runs, so for a moment after its close future completes the socket still listens:
     * a client could connect, and binding the port again would fail. Binding (without listening) a plain socket
     * to the port succeeds once nothing listens there any more; SO_REUSEADDR lets it bind next to the connections
     * lingering in TIME_WAIT.
     */
    private void awaitPortReleased() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLOSE_TIMEOUT_SECONDS);
        while (true) {
            try (Socket probe = new Socket()) {
                probe.setReuseAddress(true);
                probe.bind(address);
                return;
            } catch (IOException stillListening) {
                if (System.nanoTime() - deadline > 0) {
                    LOG.log(System.Logger.Level.WARNING, "the WebSocket port " + address + " is still taken",
                            stillListening);
                    return;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
    }

    /**
     * Listens again on the same address and port after {@link #stop()}; does nothing while listening.
     *
     * @throws IllegalStateException if the port cannot be bound again (another socket took it meanwhile)
     */
    synchronized void resume() {
        if (serverChannel != null) {
            return;
        }
        ChannelFuture bound = bootstrap.bind(address);
        try {
            bound.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            bound.channel().close();
            throw new IllegalStateException("interrupted while listening again on " + address, e);
        }
        if (!bound.isSuccess()) {
            // a failed bind may leave the JDK socket open
            bound.channel().close();
            throw new IllegalStateException("cannot listen again on " + address, bound.cause());
        }
        serverChannel = bound.channel();
    }

    /** Stops listening and closes every connection. */
    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "WebSocketTrackerFrontEnd[" + address + ", " + connections.size() + " open, "
                + state.log().connectionCount() + " accepted]";
    }
}
