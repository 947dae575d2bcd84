package io.github.bttracker.internal.transport.ws;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Answers the tracker's pings in place of Netty's automatic pong, which writes one pong per ping whatever the
 * connection can take: a tracker that pings back to back and never reads would pile them up until memory runs out.
 * A pong goes out only while the channel is writable (RFC 6455, section 5.5.3, lets an endpoint answer only the
 * latest of several pings); and more than {@link #MAX_PER_SECOND} pings and pongs within a second is a flood that
 * closes the connection at once, without a close frame. Sits right before the {@code WebSocketClientProtocolHandler},
 * which then never sees a ping or a pong.
 */
final class WsControlFrameLimiter extends ChannelInboundHandlerAdapter {

    /** Pings and pongs accepted per second: a tracker pings every few seconds at most. */
    static final int MAX_PER_SECOND = 10;

    private long windowStart = System.nanoTime();
    private int inWindow;
    private boolean flooded;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        boolean ping = msg instanceof PingWebSocketFrame;
        if (!ping && !(msg instanceof PongWebSocketFrame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (flooded || flooding()) {
            ReferenceCountUtil.release(msg);
            if (!flooded) {
                flooded = true;
                ctx.close(); // abrupt: a close frame would wait behind the pongs a flood left unread
                ctx.fireExceptionCaught(new IOException("more than " + MAX_PER_SECOND
                        + " pings or pongs within a second: a flood, the connection is closed"));
            }
            return;
        }
        if (ping && ctx.channel().isWritable()) {
            ctx.writeAndFlush(new PongWebSocketFrame(((PingWebSocketFrame) msg).content()));
        } else {
            ReferenceCountUtil.release(msg); // a pong we did not ask for, or a ping while the tracker is not reading
        }
    }

    private boolean flooding() {
        long now = System.nanoTime();
        if (now - windowStart >= TimeUnit.SECONDS.toNanos(1)) {
            windowStart = now;
            inWindow = 0;
        }
        return ++inWindow > MAX_PER_SECOND;
    }
}
