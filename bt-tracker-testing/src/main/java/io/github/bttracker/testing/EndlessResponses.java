package io.github.bttracker.testing;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Responses that start but never finish, to test client timeouts and size limits. */
final class EndlessResponses {
    /** The Content-Length {@link TrackerBehaviour#hugeContentLength()} claims: 5 TB. */
    static final long HUGE_CONTENT_LENGTH = 5_000_000_000_000L;

    private static final long CHUNK_PERIOD_MILLIS = 50;

    private EndlessResponses() {
    }

    /**
     * Chunked headers, then the start of a bencoded list and one more element every 50 ms until the connection
     * closes; the timer stops with the connection.
     */
    static void neverEndingBody(HttpExchange exchange) {
        ChannelHandlerContext ctx = exchange.context();
        HttpResponse head = new DefaultHttpResponse(exchange.version(), HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpResponses.CONTENT_TYPE);
        HttpUtil.setTransferEncodingChunked(head, true);
        ctx.write(head);
        ctx.writeAndFlush(chunk("l"));
        ScheduledFuture<?> ticker = ctx.executor().scheduleAtFixedRate(
                () -> ctx.writeAndFlush(chunk("i0e")), CHUNK_PERIOD_MILLIS, CHUNK_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        ctx.channel().closeFuture().addListener(closed -> ticker.cancel(false));
    }

    /** Headers claiming {@value #HUGE_CONTENT_LENGTH} bytes, then the start of a dictionary, and silence. */
    static void hugeContentLength(HttpExchange exchange) {
        ChannelHandlerContext ctx = exchange.context();
        HttpResponse head = new DefaultHttpResponse(exchange.version(), HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpResponses.CONTENT_TYPE);
        head.headers().set(HttpHeaderNames.CONTENT_LENGTH, HUGE_CONTENT_LENGTH);
        ctx.write(head);
        ctx.writeAndFlush(chunk("d8:intervali1800e5:peers"));
    }

    private static HttpContent chunk(String ascii) {
        return new DefaultHttpContent(Unpooled.copiedBuffer(ascii, StandardCharsets.US_ASCII));
    }
}
