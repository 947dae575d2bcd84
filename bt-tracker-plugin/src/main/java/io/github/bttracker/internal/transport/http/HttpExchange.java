package io.github.bttracker.internal.transport.http;

import io.github.bttracker.core.TrackerException;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.pool.FixedChannelPool;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.Future;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One HTTP GET on a pooled connection, from acquiring the connection to releasing it. The returned future completes
 * with the response or a {@link TrackerException}; completing or cancelling it from outside (a deadline) closes the
 * connection in use. A request that fails because a kept-alive connection was closed by the server before any
 * response is sent once more on another connection: the server may close an idle connection at any moment, and
 * a GET to a tracker is safe to repeat.
 */
final class HttpExchange {

    private static final AttributeKey<Integer> USES = AttributeKey.valueOf("bt-tracker.http.uses");
    private static final int MAX_STALE_RETRIES = 2;
    private static final AttributeKey<Long> RELEASED_AT = AttributeKey.valueOf("bt-tracker.http.released-at");
    /** A kept-alive connection lost sooner than this after its last response was closed by a server that closes
     * every connection, not by an idle timeout. */
    private static final long CLOSED_AFTER_RESPONSE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);

    private final String trackerUrl;
    private final URI uri;
    private final Origin origin;
    private final FixedChannelPool pool;
    private final ConnectionPools pools;
    private final HttpSettings options;
    private final CompletableFuture<HttpResult> result = new CompletableFuture<>();
    /** The request's hops, checked before anything is sent; null when nothing is to be checked (no mitigation). */
    private final RequestHops hops;
    private volatile Lease lease;
    private int staleRetries;

    private HttpExchange(String trackerUrl, URI uri, Origin origin, ConnectionPools pools,
                         HttpSettings options, RequestHops hops) {
        this.trackerUrl = trackerUrl;
        this.hops = hops;
        this.uri = uri;
        this.origin = origin;
        this.pool = pools.pool(origin);
        this.pools = pools;
        this.options = options;
    }

    /**
     * Sends a GET for {@code uri}; errors are reported against {@code trackerUrl}.
     *
     * @param hops the request's hops, to check the address each connection reached; null to check nothing
     */
    static CompletableFuture<HttpResult> get(String trackerUrl, URI uri, Origin origin, ConnectionPools pools,
                                             HttpSettings options, RequestHops hops) {
        HttpExchange exchange = new HttpExchange(trackerUrl, uri, origin, pools, options, hops);
        exchange.result.whenComplete((r, e) -> {
            Lease current = exchange.lease;
            if (e != null && current != null) {
                current.abort();
            }
        });
        exchange.acquire();
        return exchange.result;
    }

    private void acquire() {
        Future<Channel> acquired;
        try {
            acquired = pool.acquire();
        } catch (RuntimeException e) {
            result.completeExceptionally(HttpFailures.connectFailure(trackerUrl, origin, e, connectTimeoutMillis()));
            return;
        }
        acquired.addListener(f -> onAcquired(acquired));
    }

    private void onAcquired(Future<Channel> acquired) {
        if (!acquired.isSuccess()) {
            result.completeExceptionally(
                    HttpFailures.connectFailure(trackerUrl, origin, acquired.cause(), connectTimeoutMillis()));
            return;
        }
        Channel ch = acquired.getNow();
        Integer uses = ch.attr(USES).get();
        ch.attr(USES).set(uses == null ? 1 : uses + 1);
        Lease l = new Lease(ch, uses != null);
        lease = l;
        if (result.isDone()) {
            l.abort();
            return;
        }
        java.util.Optional<String> refusal = hops == null ? java.util.Optional.empty()
                : hops.check(uri, ch.remoteAddress());
        if (refusal.isPresent()) {
            l.finish(true); // nothing was sent: the connection stays good for requests that may use it
            result.completeExceptionally(new io.github.bttracker.core.TrackerException(trackerUrl,
                    hops.redirected() ? io.github.bttracker.core.TrackerException.Kind.REDIRECT
                            : io.github.bttracker.core.TrackerException.Kind.INVALID_URL,
                    "refused to request " + uri + ": " + refusal.get()));
            return;
        }
        ch.eventLoop().execute(l::send);
    }

    private int connectTimeoutMillis() {
        return (int) options.connection().connectTimeout().toMillis();
    }

    private FullHttpRequest request() {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        FullHttpRequest request = new DefaultFullHttpRequest(
                HttpVersion.HTTP_1_1, HttpMethod.GET, target, Unpooled.EMPTY_BUFFER);
        request.headers()
                .set(HttpHeaderNames.HOST, origin.hostHeader())
                .set(HttpHeaderNames.USER_AGENT, options.http().userAgent())
                .set(HttpHeaderNames.ACCEPT_ENCODING, HttpHeaderValues.GZIP + ", " + HttpHeaderValues.DEFLATE);
        return request;
    }

    /** One acquired connection used for this exchange: released to the pool, or closed, exactly once. */
    final class Lease {
        private final Channel channel;
        private final boolean reused;
        private final AtomicBoolean finished = new AtomicBoolean();

        private Lease(Channel channel, boolean reused) {
            this.channel = channel;
            this.reused = reused;
        }

        String trackerUrl() {
            return trackerUrl;
        }

        private void send() {
            ExchangeHandler handler = (ExchangeHandler) channel.pipeline().get(ConnectionPools.EXCHANGE_HANDLER);
            if (handler == null || !channel.isActive()) {
                Throwable why = handler == null ? null : handler.failure();
                if (why == null) {
                    why = ExchangeHandler.handshakeFailure(channel);
                }
                // a connection that failed before this request came to it (a TLS handshake) says why
                failed(why != null ? HttpFailures.exchangeFailure(trackerUrl, why, options.safety().maxResponseSize())
                        : HttpFailures.connectionLost(trackerUrl, "connection closed", null));
                return;
            }
            handler.begin(this);
            channel.writeAndFlush(request()).addListener(f -> {
                if (!f.isSuccess()) {
                    handler.fail(this, f.cause());
                }
            });
        }

        /** Called on the event loop with the complete response; the caller releases the message. */
        void responded(FullHttpResponse response) {
            byte[] body = ByteBufUtil.getBytes(response.content());
            boolean keepAlive = HttpUtil.isKeepAlive(response) && !pools.isClosingConnections(origin);
            finish(keepAlive);
            result.complete(new HttpResult(response.status().code(), response.headers().copy(), body));
        }

        /** Called on the event loop when the connection failed before a complete response. */
        void failed(TrackerException failure) {
            finish(false);
            boolean stale = reused && failure.kind() == TrackerException.Kind.CONNECTION_LOST;
            Long releasedAt = channel.attr(RELEASED_AT).get();
            if (stale && releasedAt != null && System.nanoTime() - releasedAt < CLOSED_AFTER_RESPONSE_NANOS) {
                pools.closesConnections(origin);
            }
            if (stale && !result.isDone() && staleRetries < MAX_STALE_RETRIES) {
                staleRetries++;
                acquire();
                return;
            }
            result.completeExceptionally(failure);
        }

        /** Gives up on this connection (deadline or cancellation): close it, so no late response can arrive. */
        void abort() {
            finish(false);
        }

        private void finish(boolean keepAlive) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            if (keepAlive && channel.isActive()) {
                channel.attr(RELEASED_AT).set(System.nanoTime());
                pool.release(channel);
            } else {
                channel.close().addListener(f -> pool.release(channel));
            }
        }
    }
}
