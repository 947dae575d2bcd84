package io.github.bttracker.internal.transport.http;

import io.github.bttracker.core.Secrets;
import io.github.bttracker.core.TrackerException;
import io.github.bttracker.core.TrackerException.Kind;
import io.github.bttracker.internal.transport.Transitions;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.pool.ChannelPool;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * One HTTP GET, its redirects included, as a state machine: from taking a pooled connection to releasing it. The
 * returned future completes with the final response or a {@link TrackerException}; completing or cancelling it from
 * outside closes the connection in use.
 *
 * <pre>
 *   ACQUIRING ──connection (hop allowed)──▶ SENT ──status line and headers──▶ READING ──complete──▶ DONE
 *     ▲   ▲                                  │  (1xx responses are skipped)      │ (connection released, or
 *     │   └──kept-alive connection lost──────┤                                   │  closed on Connection: close)
 *     │      before a response (twice at most)                                   │
 *     └──────────redirect (Location followed, connection released)───────────────┤
 *                                                                                ▼
 *   every state but DONE ──refused hop, connect failure, broken or closed connection, read timeout, oversize body,
 *                          bad redirect or one too many, deadline, cancellation──▶ FAILED (connection closed)
 * </pre>
 *
 * <p>A request that fails because a kept-alive connection was closed by the server before a complete response is
 * sent once more on another connection: the server may close an idle connection at any moment, and a GET to a
 * tracker is safe to repeat. The deadline runs on the {@link Connections#timers} of the first pool, and the read
 * timeout and idle close on the connection's event loop: tests give both a Netty {@code MockTicker} they advance.
 * Events come from the caller, the pool's and the connection's event loops and the timers; each moves the state under
 * this exchange's lock, and {@link #moveTo} refuses any move the diagram does not have.
 */
final class HttpExchange {

    private static final int MAX_STALE_RETRIES = 2;
    /** A kept-alive connection lost sooner than this after its last response was closed by a server that closes
     * every connection, not by an idle timeout. */
    private static final long CLOSED_AFTER_RESPONSE_NANOS = TimeUnit.SECONDS.toNanos(1);

    enum State { ACQUIRING, SENT, READING, DONE, FAILED }

    /** The moves an exchange may make; {@link #moveTo} refuses any other. */
    private static final Transitions<State> TRANSITIONS = new Transitions<>(Map.of(
            State.ACQUIRING, EnumSet.of(State.SENT, State.FAILED),
            State.SENT, EnumSet.of(State.READING, State.ACQUIRING, State.FAILED),
            State.READING, EnumSet.of(State.DONE, State.ACQUIRING, State.FAILED),
            State.DONE, EnumSet.noneOf(State.class),
            State.FAILED, EnumSet.noneOf(State.class)));

    /** Where an exchange takes its connections from: {@link ConnectionPools}, or a test's embedded channels. */
    interface Connections {
        /** @return the pool a request to {@code origin} takes its connection from; each ends in an ExchangeHandler */
        ChannelPool pool(Origin origin);

        /**
         * @return the origins whose servers were seen closing kept-alive connections right after a response: their
         *     connections are closed after each response instead of being pooled
         */
        Set<Origin> closingOrigins();

        /** @return true when connections to {@code origin} go through a proxy, which resolves and connects for us */
        boolean proxied(Origin origin);

        /**
         * @return where an exchange that starts with {@code pool} runs its deadline: the event loop of the pool's
         *     connections, so that the deadline is cancelled on the thread that completes the exchange
         */
        EventExecutor timers(ChannelPool pool);
    }

    private final String trackerUrl;
    private final Connections connections;
    private final HttpSettings options;
    /** The request's hops, checked before anything is sent; null when nothing is to be checked (no mitigation). */
    private final RequestHops hops;
    private final CompletableFuture<HttpResult> result = new CompletableFuture<>();
    private State state = State.ACQUIRING;
    private RequestUri uri;
    private Origin origin;
    private ChannelPool pool;
    /** The connection in use: set while SENT or READING, null otherwise. */
    private Lease lease;
    private int redirects;
    private int staleRetries;

    private HttpExchange(String trackerUrl, Connections connections, HttpSettings options,
                         RequestHops hops) {
        this.trackerUrl = trackerUrl;
        this.connections = connections;
        this.options = options;
        this.hops = hops;
    }

    /**
     * Sends a GET for {@code uri}, following redirects, within {@code timeout} overall; errors are reported against
     * {@code trackerUrl}. On the deadline the future fails with a TIMEOUT and the connection in use is closed.
     *
     * @param hops the request's hops, to check the address each connection reached; null to check nothing
     */
    static HttpExchange start(String trackerUrl, RequestUri uri, Duration timeout, Connections connections,
                              HttpSettings options, RequestHops hops) {
        HttpExchange exchange = new HttpExchange(trackerUrl, connections, options, hops);
        exchange.start(uri, timeout);
        return exchange;
    }

    /** @return the final response, or why there is none */
    CompletableFuture<HttpResult> result() {
        return result;
    }

    /** @return the state the exchange is in */
    synchronized State state() {
        return state;
    }

    private void start(RequestUri first, Duration timeout) {
        EventExecutor timers;
        synchronized (this) {
            hop(first);
            timers = connections.timers(pool);
        }
        ScheduledFuture<?> deadline = timers.schedule(() -> fail(new TrackerException(trackerUrl, Kind.TIMEOUT,
                "no complete response within " + timeout.toMillis() + " ms")), timeout.toNanos(), TimeUnit.NANOSECONDS);
        result.whenComplete((r, e) -> {
            deadline.cancel(false);
            if (e != null) {
                abandon(); // cancelled from outside: close the connection, so no late response can arrive
            }
        });
        acquire();
    }

    /** Makes {@code to} the URI requested next. */
    private void hop(RequestUri to) {
        uri = to;
        origin = to.origin();
        pool = connections.pool(origin);
    }

    /** Makes the redirect's target the URI requested next. */
    private void redirect(URI to) throws TrackerException {
        RequestUri next;
        try {
            next = RequestUri.of(to);
        } catch (IllegalArgumentException e) {
            throw new TrackerException(trackerUrl, Kind.REDIRECT, "cannot follow to " + to + ": " + e.getMessage(), e);
        }
        hop(next);
    }

    private void moveTo(State next) {
        state = TRANSITIONS.move(state, next, () -> "HTTP exchange with " + Secrets.maskUrl(trackerUrl));
    }

    private boolean isOver() {
        return state == State.DONE || state == State.FAILED;
    }

    /** ACQUIRING: asks the current origin's pool for a connection. */
    private void acquire() {
        ChannelPool from;
        synchronized (this) {
            from = pool;
        }
        Future<Channel> acquired;
        try {
            acquired = from.acquire();
        } catch (RuntimeException e) {
            fail(connectFailure(e));
            return;
        }
        acquired.addListener(f -> onAcquired(from, acquired));
    }

    private synchronized TrackerException connectFailure(Throwable cause) {
        return HttpFailures.connectFailure(trackerUrl, origin, cause, (int) options.connection().connectTimeout().toMillis());
    }

    /** ACQUIRING → SENT with the connection, or FAILED if it could not be had or may not be used. */
    private void onAcquired(ChannelPool from, Future<Channel> acquired) {
        if (!acquired.isSuccess()) {
            fail(connectFailure(acquired.cause()));
            return;
        }
        Lease l = new Lease(acquired.getNow(), from);
        boolean over;
        Optional<String> refusal = Optional.empty();
        RequestUri target;
        FullHttpRequest request = null;
        synchronized (this) {
            over = isOver();
            target = uri;
            if (!over) {
                refusal = hops == null ? Optional.empty() : connections.proxied(origin) ? hops.throughProxy()
                        : hops.check(target.located(), l.channel.remoteAddress());
            }
            if (!over && refusal.isEmpty()) {
                moveTo(State.SENT);
                lease = l;
                request = request();
            }
        }
        if (over) {
            l.finish(false); // over (deadline, cancellation) while the connection was on its way
        } else if (refusal.isPresent()) {
            l.finish(true); // nothing was sent: the connection stays good for requests that may use it
            fail(new TrackerException(trackerUrl, hops.redirected() ? Kind.REDIRECT : Kind.INVALID_URL,
                    "refused to request " + target + ": " + refusal.get()));
        } else {
            FullHttpRequest get = request;
            if (l.channel.eventLoop().inEventLoop()) {
                l.send(get); // pools hand their connections out on the connections' own event loop
            } else {
                l.channel.eventLoop().execute(() -> l.send(get));
            }
        }
    }

    private FullHttpRequest request() {
        FullHttpRequest request = new DefaultFullHttpRequest(
                HttpVersion.HTTP_1_1, HttpMethod.GET, uri.target(), Unpooled.EMPTY_BUFFER);
        request.headers()
                .set(HttpHeaderNames.HOST, origin.hostHeader())
                .set(HttpHeaderNames.USER_AGENT, options.http().userAgent())
                .set(HttpHeaderNames.ACCEPT_ENCODING, HttpHeaderValues.GZIP + ", " + HttpHeaderValues.DEFLATE);
        return request;
    }

    /** SENT → READING. */
    private synchronized void headersReceived(Lease from) {
        if (lease == from) {
            moveTo(State.READING);
        }
    }

    /** READING → DONE, or, for a redirect, ACQUIRING on the next URI (FAILED if it may not be followed). */
    private void responded(Lease from, FullHttpResponse response) {
        HttpResult answer = new HttpResult(response.status().code(), response.headers().copy(),
                ByteBufUtil.getBytes(response.content()));
        TrackerException refused = null;
        boolean keepAlive;
        synchronized (this) {
            if (lease != from) {
                return; // the exchange left this connection, and closed it, while the response arrived
            }
            lease = null;
            keepAlive = HttpUtil.isKeepAlive(response) && !connections.closingOrigins().contains(origin);
            if (!answer.isRedirect()) {
                moveTo(State.DONE);
            } else {
                try {
                    redirect(Redirects.target(trackerUrl, uri.uri(), answer, redirects,
                            options.http().maxRedirects()));
                    redirects++;
                    moveTo(State.ACQUIRING);
                } catch (TrackerException e) {
                    refused = e;
                    moveTo(State.FAILED);
                }
            }
        }
        from.finish(keepAlive);
        if (!answer.isRedirect()) {
            result.complete(answer);
        } else if (refused != null) {
            result.completeExceptionally(refused);
        } else {
            acquire();
        }
    }

    /**
     * SENT or READING → FAILED; or, when a kept-alive connection was lost before a complete response, ACQUIRING on
     * another one.
     */
    private void broke(Lease from, TrackerException failure) {
        boolean retry;
        synchronized (this) {
            if (lease != from) {
                return;
            }
            lease = null;
            boolean stale = from.reused && failure.kind() == Kind.CONNECTION_LOST;
            if (stale && from.connection.releasedWithin(CLOSED_AFTER_RESPONSE_NANOS)) {
                connections.closingOrigins().add(origin);
            }
            retry = stale && staleRetries < MAX_STALE_RETRIES;
            if (retry) {
                staleRetries++;
                moveTo(State.ACQUIRING);
            } else {
                moveTo(State.FAILED);
            }
        }
        from.finish(false);
        if (retry) {
            acquire();
        } else {
            result.completeExceptionally(failure);
        }
    }

    /** Any state but DONE → FAILED with {@code failure}: the connection in use, if any, is closed. */
    private void fail(TrackerException failure) {
        if (abandon()) {
            result.completeExceptionally(failure);
        }
    }

    /** @return true if this call moved the exchange to FAILED (and closed its connection) */
    private boolean abandon() {
        Lease closing;
        synchronized (this) {
            if (isOver()) {
                return false;
            }
            closing = lease;
            lease = null;
            moveTo(State.FAILED);
        }
        if (closing != null) {
            closing.finish(false);
        }
        return true;
    }

    /** One acquired connection used by this exchange: released to the pool, or closed, exactly once. */
    private final class Lease implements ExchangeHandler.Receiver {
        private final Channel channel;
        private final ChannelPool pool;
        private final ExchangeHandler connection;
        private final boolean reused;
        private final AtomicBoolean finished = new AtomicBoolean();

        private Lease(Channel channel, ChannelPool pool) {
            this.channel = channel;
            this.pool = pool;
            this.connection = ExchangeHandler.of(channel);
            this.reused = connection.claim();
        }

        /** On the connection's event loop. */
        private void send(FullHttpRequest request) {
            if (!channel.isActive()) {
                // a connection that failed before this request came to it (a TLS handshake) says why
                Throwable why = connection.failure();
                broke(url -> why != null ? HttpFailures.exchangeFailure(url, why, options.safety().maxResponseSize())
                        : HttpFailures.connectionLost(url, "connection closed", null));
                return;
            }
            connection.begin(this);
            channel.writeAndFlush(request).addListener(f -> {
                if (!f.isSuccess() && connection.end(this)) {
                    broke(url -> HttpFailures.exchangeFailure(url, f.cause(), options.safety().maxResponseSize()));
                }
            });
        }

        @Override
        public void headersReceived() {
            HttpExchange.this.headersReceived(this);
        }

        @Override
        public void responded(FullHttpResponse response) {
            HttpExchange.this.responded(this, response);
        }

        @Override
        public void broke(Function<String, TrackerException> failure) {
            HttpExchange.this.broke(this, failure.apply(trackerUrl));
        }

        /** Gives the connection back to the pool if it is kept alive and still open, else closes it; once. */
        private void finish(boolean keepAlive) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            connection.end(this);
            if (keepAlive && channel.isActive()) {
                connection.released();
                pool.release(channel);
            } else {
                channel.close().addListener(f -> pool.release(channel));
            }
        }
    }
}
