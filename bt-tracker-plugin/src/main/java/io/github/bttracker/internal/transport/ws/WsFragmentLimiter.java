package io.github.bttracker.internal.transport.ws;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Bounds a fragmented message (RFC 6455, section 5.4) in frames and in time. The aggregator behind it bounds only a
 * message's bytes, so a tracker could otherwise keep one message open forever with empty continuation frames, at a
 * full core or at a drip that also keeps the connection from looking idle. A message of more than
 * {@link #MAX_FRAMES} frames, or not complete within the given time of its first frame, closes the connection.
 */
final class WsFragmentLimiter extends ChannelInboundHandlerAdapter {

    /** Frames one message may span: a tracker sends each message in one frame, a proxy may split it in a few. */
    static final int MAX_FRAMES = 1024;

    private final Duration within;
    private int frames;
    private ScheduledFuture<?> deadline;
    private boolean violated;

    /** @param within how long a fragmented message may take from its first frame to its last */
    WsFragmentLimiter(Duration within) {
        this.within = within;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (violated) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof ContinuationWebSocketFrame continuation) {
            if (continuation.isFinalFragment()) {
                complete();
            } else if (++frames > MAX_FRAMES) {
                ReferenceCountUtil.release(msg);
                violate(ctx, "a message of more than " + MAX_FRAMES + " frames");
                return;
            }
        } else if (isStart(msg)) {
            complete();
            frames = 1;
            deadline = ctx.executor().schedule(() -> violate(ctx, "a message not complete within "
                    + within.toMillis() + " ms of its first frame"), within.toNanos(), TimeUnit.NANOSECONDS);
        }
        ctx.fireChannelRead(msg);
    }

    private static boolean isStart(Object msg) {
        return (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame)
                && !((WebSocketFrame) msg).isFinalFragment();
    }

    private void complete() {
        frames = 0;
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    private void violate(ChannelHandlerContext ctx, String what) {
        if (violated) {
            return;
        }
        violated = true;
        complete();
        ctx.close(); // abrupt, as for an oversized message
        ctx.fireExceptionCaught(new IOException(what + ": the connection is closed"));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        complete();
        ctx.fireChannelInactive();
    }
}
