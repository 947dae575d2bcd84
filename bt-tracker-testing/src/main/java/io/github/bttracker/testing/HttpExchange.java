package io.github.bttracker.testing;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One request's way back to its client: sends the response with the protocol version of the request and keeps
 * the connection open or closes it as the request and the tracker settings say.
 */
final class HttpExchange {
    private final ChannelHandlerContext ctx;
    private final HttpVersion version;
    private final boolean keepAlive;
    private final boolean silentClose;

    /**
     * @param keepAlive whether the connection may stay open after the response: the client wants it (HTTP/1.1
     *                  default or {@code Connection: keep-alive}) and the tracker is not set to close
     */
    HttpExchange(ChannelHandlerContext ctx, HttpVersion version, boolean keepAlive) {
        this(ctx, version, keepAlive, false);
    }

    /** @param silentClose close the connection shortly after the response without saying so (as opentracker) */
    HttpExchange(ChannelHandlerContext ctx, HttpVersion version, boolean keepAlive, boolean silentClose) {
        this.ctx = ctx;
        this.version = version;
        this.keepAlive = keepAlive;
        this.silentClose = silentClose;
    }

    HttpVersion version() {
        return version;
    }

    ChannelHandlerContext context() {
        return ctx;
    }

    /** Sends a complete response, then closes the connection unless it is kept alive. */
    void send(FullHttpResponse response) {
        if (silentClose) {
            // as opentracker: an HTTP/1.1 answer that does not say it closes, then the close
            ctx.writeAndFlush(response);
            ctx.executor().schedule(() -> ctx.close(), EmbeddedTracker.SILENT_CLOSE_DELAY.toNanos(),
                    TimeUnit.NANOSECONDS);
            return;
        }
        // a scripted Connection header wins over what the exchange would say
        if (!response.headers().contains(HttpHeaderNames.CONNECTION)) {
            HttpUtil.setKeepAlive(response, keepAlive);
        }
        boolean close = !HttpUtil.isKeepAlive(response);
        if (close) {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(response);
        }
    }

    /**
     * Sends the response built by {@code response} after {@code delay}, scheduled on the event loop rather than
     * blocking it; nothing is sent if the client hung up meanwhile.
     */
    void sendAfter(Duration delay, Supplier<FullHttpResponse> response) {
        if (delay.isZero()) {
            send(response.get());
            return;
        }
        ctx.executor().schedule(() -> {
            if (ctx.channel().isActive()) {
                send(response.get());
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Drops the connection without a response. */
    void close() {
        ctx.close();
    }
}
