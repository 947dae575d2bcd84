package io.github.bttracker.it.hostile;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * A WebSocket "tracker" on loopback that hands every text message it receives to a script, which may answer with
 * any frames at all: pings, unfinished messages, floods. The frames the embedded tracker's message-level behaviours
 * cannot make. Its own writes are bounded by its channel's writability ({@link #flood}), so that a flood costs this
 * JVM (which is also the client's, 64 MiB) no more than a few buffers.
 */
final class FrameLevelWebSocketServer implements AutoCloseable {

    private static final int MAX_FRAME = 2 * 1024 * 1024;

    private final EventLoopGroup group;
    private final Channel server;
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();

    /** @param script called on the server's event loop with the connection and each text message received */
    @SuppressWarnings("deprecation") // NioEventLoopGroup: deprecated in Netty 4.2, 4.1's one NIO group (-Pnetty41)
    FrameLevelWebSocketServer(BiConsumer<Channel, String> script) {
        group = new NioEventLoopGroup(1, new DefaultThreadFactory("frame-level-ws", true));
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 64 * 1024))
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
                                new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                                        .websocketPath("/announce")
                                        .maxFramePayloadLength(MAX_FRAME)
                                        .build()),
                                new ConnectionCounter(),
                                new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame m) {
                                        script.accept(ctx.channel(), m.text());
                                    }
                                });
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
    }

    String url() {
        return "ws://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort() + "/announce";
    }

    /** @return connections accepted so far */
    int opened() {
        return opened.get();
    }

    /** @return connections that have closed so far, by either side */
    int closed() {
        return closed.get();
    }

    /**
     * Sends {@code count} frames from {@code next} (forever if negative) as fast as the client reads them: a batch
     * at a time while the channel is writable, resuming when it is again. Stops when the connection closes.
     */
    static void flood(Channel ch, Supplier<? extends WebSocketFrame> next, long count) {
        new Flood(ch, next, count).pump();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class ConnectionCounter extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            opened.incrementAndGet();
            ctx.fireChannelActive();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            closed.incrementAndGet();
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** One flood on one connection. */
    private static final class Flood {
        private static final int BATCH = 256;
        private final Channel ch;
        private final Supplier<? extends WebSocketFrame> next;
        private long remaining;

        Flood(Channel ch, Supplier<? extends WebSocketFrame> next, long count) {
            this.ch = ch;
            this.next = next;
            this.remaining = count;
        }

        void pump() {
            int sent = 0;
            while (ch.isActive() && ch.isWritable() && remaining != 0 && sent < BATCH) {
                ch.write(next.get());
                sent++;
                if (remaining > 0) {
                    remaining--;
                }
            }
            if (!ch.isActive() || remaining == 0) {
                ch.flush();
                return;
            }
            // on with the next batch once this one is on its way, so the server's loop stays responsive
            ch.writeAndFlush(next.get()).addListener((ChannelFutureListener) f -> {
                if (remaining > 0) {
                    remaining--;
                }
                if (f.isSuccess()) {
                    ch.eventLoop().execute(this::pump);
                }
            });
        }
    }
}
