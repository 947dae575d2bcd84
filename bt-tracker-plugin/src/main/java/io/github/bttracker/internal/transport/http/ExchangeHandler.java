package io.github.bttracker.internal.transport.http;

import io.github.bttracker.core.TrackerException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a pooled connection: hands the aggregated response, or the reason there is none, to the
 * request currently using the connection. Only a complete response that decoded cleanly lets the connection go back
 * to the pool; a response the codec failed to decode (broken chunks, oversized headers, not HTTP at all) fails the
 * request and closes the connection, as the codec no longer knows where the next response would start. Runs on the
 * connection's event loop only, so its state needs no locks.
 */
final class ExchangeHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeHandler.class);

    private final HttpSettings options;
    private ChannelHandlerContext ctx;
    private HttpExchange.Lease current;
    /** Why this connection failed while no request was on it, for the request that comes to it next. */
    private Throwable failure;

    ExchangeHandler(HttpSettings options) {
        this.options = options;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Makes {@code lease} the request awaiting this connection's next response. Event loop only. */
    void begin(HttpExchange.Lease lease) {
        current = lease;
        // the read timeout counts from the request, not from whatever this kept-alive connection did before
        ((IdleStateHandler) ctx.pipeline().get(ConnectionPools.IDLE_HANDLER)).resetReadTimeout();
    }

    /** @return why this connection failed before a request came to it, or null */
    Throwable failure() {
        return failure;
    }

    /** Fails {@code lease} if it is still the current request (for example, when its write failed). */
    void fail(HttpExchange.Lease lease, Throwable cause) {
        if (current == lease) {
            current = null;
            lease.failed(HttpFailures.exchangeFailure(lease.trackerUrl(), cause, options.safety().maxResponseSize()));
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (!(msg instanceof FullHttpResponse response)) {
                return;
            }
            if (response.decoderResult().isFailure()) {
                // the codec no longer knows where the next response starts: this connection is of no more use
                broken(ctx, response.decoderResult().cause(), HttpFailures::decodingFailure);
                return;
            }
            HttpExchange.Lease lease = current;
            current = null;
            if (lease == null) {
                LOG.debug("Dropping an unsolicited HTTP response on {}", ctx.channel());
                ctx.close();
                return;
            }
            lease.responded(response);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        broken(ctx, cause, (trackerUrl, why) -> HttpFailures.exchangeFailure(trackerUrl, why,
                options.safety().maxResponseSize()));
    }

    /**
     * Closes the connection and fails the request on it, if any, with {@code cause} as {@code classify} words it;
     * with no request on it, keeps the cause for the one that may still come to it.
     */
    private void broken(ChannelHandlerContext ctx, Throwable cause,
                        BiFunction<String, Throwable, TrackerException> classify) {
        HttpExchange.Lease lease = current;
        current = null;
        ctx.close();
        if (lease != null) {
            lease.failed(classify.apply(lease.trackerUrl(), cause));
        } else {
            failure = cause;
            LOG.debug("Error on an idle tracker connection {}", ctx.channel(), cause);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        HttpExchange.Lease lease = current;
        current = null;
        if (lease != null) {
            Throwable tls = handshakeFailure(ctx.channel());
            lease.failed(tls != null
                    ? HttpFailures.exchangeFailure(lease.trackerUrl(), tls, options.safety().maxResponseSize())
                    : HttpFailures.connectionLost(lease.trackerUrl(), "closed by the tracker", null));
        }
        ctx.fireChannelInactive();
    }

    /**
     * @return why the connection's TLS handshake failed, or null: a connection closed because of it is a TLS
     *     failure, whichever of the close and the handshake event reached this handler first
     */
    static Throwable handshakeFailure(io.netty.channel.Channel channel) {
        io.netty.handler.ssl.SslHandler ssl = channel.pipeline().get(io.netty.handler.ssl.SslHandler.class);
        if (ssl == null || !ssl.handshakeFuture().isDone() || ssl.handshakeFuture().isSuccess()) {
            return null;
        }
        return ssl.handshakeFuture().cause();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        // a failed handshake is announced by this event before the connection closes; acting on the close instead
        // would report a TLS failure as a lost connection
        if (evt instanceof SslHandshakeCompletionEvent handshake && !handshake.isSuccess()) {
            HttpExchange.Lease lease = current;
            current = null;
            ctx.close();
            if (lease != null) {
                lease.failed(HttpFailures.exchangeFailure(lease.trackerUrl(), handshake.cause(),
                        options.safety().maxResponseSize()));
            } else {
                failure = handshake.cause();
            }
            return;
        }
        if (!(evt instanceof IdleStateEvent idle)) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        HttpExchange.Lease lease = current;
        if (idle.state() == IdleState.READER_IDLE && lease != null) {
            current = null;
            ctx.close();
            lease.failed(new TrackerException(lease.trackerUrl(), TrackerException.Kind.TIMEOUT,
                    "no data from the tracker for " + options.http().readTimeout().toMillis() + " ms"));
        } else if (idle.state() == IdleState.ALL_IDLE && lease == null) {
            ctx.close();
        }
    }
}
