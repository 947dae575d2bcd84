package io.github.bttracker.internal.transport.http;

import io.github.bttracker.core.TrackerException;
import io.github.bttracker.internal.transport.NettyIo;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a pooled connection, and the connection as the requests on it see it: hands the start of a
 * response, the aggregated response, or the reason there is none, to the {@link Receiver} currently using the
 * connection. Only a complete response that decoded cleanly lets the connection go back to the pool; a response the
 * codec failed to decode (broken chunks, oversized headers, not HTTP at all) fails the request and closes the
 * connection, as the codec no longer knows where the next response would start. It is made with the connection's
 * pipeline, holds the handlers of it that it drives (the idle check, TLS), and is found from the channel the pool
 * hands out ({@link #of}). Its events come on the connection's event loop.
 */
final class ExchangeHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeHandler.class);
    private static final AttributeKey<ExchangeHandler> CONNECTION = AttributeKey.valueOf("bt-tracker.http.connection");
    private static final long NEVER_RELEASED = Long.MIN_VALUE;

    /** What the connection tells the request using it; called on the connection's event loop. */
    interface Receiver {
        /** The status line and headers of the final (not 1xx) response arrived; its body follows. */
        void headersReceived();

        /** The complete response; the caller releases the message. */
        void responded(FullHttpResponse response);

        /** The connection broke before a complete response; {@code failure} words it for a tracker URL. */
        void broke(Function<String, TrackerException> failure);
    }

    private final HttpSettings options;
    private final IdleStateHandler idleCheck;
    /** The connection's TLS handler; null for plain HTTP. */
    private final SslHandler tls;
    private ChannelHandlerContext ctx;
    private volatile Receiver current;
    /** Why this connection failed while no request was on it, for the request that comes to it next. */
    private volatile Throwable failure;
    private final AtomicInteger uses = new AtomicInteger();
    private volatile long releasedAt = NEVER_RELEASED;

    /**
     * @param idleCheck the connection's idle check: its reader idle time is the read timeout, its all idle time the
     *     idle close
     * @param tls the connection's TLS handler, or null
     */
    ExchangeHandler(HttpSettings options, IdleStateHandler idleCheck, SslHandler tls) {
        this.options = options;
        this.idleCheck = idleCheck;
        this.tls = tls;
    }

    /** Makes this handler the one {@link #of} finds for {@code ch}. */
    void attachTo(Channel ch) {
        ch.attr(CONNECTION).set(this);
    }

    /** @return the handler of a connection from the pool */
    static ExchangeHandler of(Channel ch) {
        return ch.attr(CONNECTION).get();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Counts one more request on this connection.
     *
     * @return true if an earlier request used it
     */
    boolean claim() {
        return uses.getAndIncrement() > 0;
    }

    /** Makes {@code receiver} the request awaiting this connection's next response. On the event loop. */
    void begin(Receiver receiver) {
        current = receiver;
        // the read timeout counts from the request, not from whatever this kept-alive connection did before
        idleCheck.resetReadTimeout();
    }

    /**
     * Ends {@code receiver}'s use of this connection, if it still uses it: nothing more is told to it.
     *
     * @return true if it still used it
     */
    boolean end(Receiver receiver) {
        if (current != receiver) {
            return false;
        }
        current = null;
        return true;
    }

    /** Notes that the connection went back to the pool. */
    void released() {
        releasedAt = NettyIo.nanoTime(ctx.executor());
    }

    /** @return true if the connection went back to the pool less than {@code nanos} ago */
    boolean releasedWithin(long nanos) {
        long at = releasedAt;
        return at != NEVER_RELEASED && NettyIo.nanoTime(ctx.executor()) - at < nanos;
    }

    /**
     * @return why this connection cannot take a request: what broke it while no request was on it, its failed TLS
     *     handshake; null if nothing is known
     */
    Throwable failure() {
        Throwable f = failure;
        return f != null ? f : handshakeFailure();
    }

    /** A failed TLS handshake closes the connection: whichever of the two reaches this handler first, it says why. */
    private Throwable handshakeFailure() {
        if (tls == null || !tls.handshakeFuture().isDone() || tls.handshakeFuture().isSuccess()) {
            return null;
        }
        return tls.handshakeFuture().cause();
    }

    /**
     * A handler placed before decompression and aggregation, where the start of a final response passes: it tells
     * the request that its headers arrived.
     */
    ChannelHandler headersTap() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext tapCtx, Object msg) {
                Receiver receiver = current;
                if (msg instanceof HttpResponse response && response.decoderResult().isSuccess() && receiver != null) {
                    receiver.headersReceived();
                }
                tapCtx.fireChannelRead(msg);
            }
        };
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (!(msg instanceof FullHttpResponse response)) {
                return;
            }
            if (response.decoderResult().isFailure()) {
                // the codec no longer knows where the next response starts: this connection is of no more use
                Throwable cause = response.decoderResult().cause();
                broken(ctx, cause, trackerUrl -> HttpFailures.decodingFailure(trackerUrl, cause));
                return;
            }
            Receiver receiver = current;
            current = null;
            if (receiver == null) {
                LOG.debug("Dropping an unsolicited HTTP response on {}", ctx.channel());
                ctx.close();
                return;
            }
            receiver.responded(response);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        broken(ctx, cause, trackerUrl -> HttpFailures.exchangeFailure(trackerUrl, cause, options.safety().maxResponseSize()));
    }

    /**
     * Closes the connection and fails the request on it, if any, with {@code failure}; with no request on it, keeps
     * the cause for the one that may still come to it.
     */
    private void broken(ChannelHandlerContext ctx, Throwable cause, Function<String, TrackerException> failure) {
        Receiver receiver = current;
        current = null;
        ctx.close();
        if (receiver != null) {
            receiver.broke(failure);
        } else {
            this.failure = cause;
            LOG.debug("Error on an idle tracker connection {}", ctx.channel(), cause);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Receiver receiver = current;
        current = null;
        if (receiver != null) {
            Throwable handshake = handshakeFailure();
            receiver.broke(trackerUrl -> handshake != null
                    ? HttpFailures.exchangeFailure(trackerUrl, handshake, options.safety().maxResponseSize())
                    : HttpFailures.connectionLost(trackerUrl, "closed by the tracker", null));
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        // a failed handshake is announced by this event before the connection closes; acting on the close instead
        // would report a TLS failure as a lost connection
        if (evt instanceof SslHandshakeCompletionEvent handshake && !handshake.isSuccess()) {
            broken(ctx, handshake.cause(),
                    trackerUrl -> HttpFailures.exchangeFailure(trackerUrl, handshake.cause(), options.safety().maxResponseSize()));
            return;
        }
        if (!(evt instanceof IdleStateEvent idle)) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        Receiver receiver = current;
        if (idle.state() == IdleState.READER_IDLE && receiver != null) {
            current = null;
            ctx.close();
            receiver.broke(trackerUrl -> new TrackerException(trackerUrl, TrackerException.Kind.TIMEOUT,
                    "no data from the tracker for " + options.http().readTimeout().toMillis() + " ms"));
        } else if (idle.state() == IdleState.ALL_IDLE && receiver == null) {
            ctx.close();
        }
    }
}
