package io.github.bttracker.internal.transport.ws;

import io.github.bttracker.core.Secrets;
import io.github.bttracker.core.TrackerException;
import io.github.bttracker.core.TrackerException.Kind;
import io.github.bttracker.internal.transport.ConnectFailures;
import io.github.bttracker.internal.transport.Transitions;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link to one WebSocket tracker, as a state machine: it owns the channel, the queue of messages waiting for it,
 * the back-off between attempts, pings and liveness, and the close when unused. What travels on it (requests, swarm
 * signalling) is its {@link Listener}'s.
 *
 * <pre>
 *   IDLE ──message to send──▶ CONNECTING ──WebSocket handshake──▶ OPEN
 *                               │ fails                            │ breaks (close, error, 2 silent ping intervals)
 *                               ▼                                  ▼
 *                             IDLE ◀───────────────────────────────┘  (then, if torrents are active or messages wait)
 *                               │
 *                               ▼
 *                          BACKING_OFF ──after 1 s, 2 s, 4 s … 60 s (±25%)──▶ CONNECTING
 *
 *   every state ──close(), or unused for idleConnectionTimeout──▶ CLOSED (for good)
 * </pre>
 *
 * <p>A message sent while {@code BACKING_OFF} after a failed attempt is refused at once with that attempt's cause;
 * after a connection that broke, it waits for the next one. Everything runs on the scheduler's one thread.
 */
final class WsLink {

    private static final Logger LOG = LoggerFactory.getLogger(WsLink.class);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    private static final String CLOSED_BEFORE_HANDSHAKE =
            "the connection closed before the WebSocket handshake completed";

    enum State { IDLE, CONNECTING, OPEN, BACKING_OFF, CLOSED }

    /** The transitions a link may make; {@link #moveTo} refuses any other. */
    private static final Transitions<State> TRANSITIONS = new Transitions<>(Map.of(
            State.IDLE, EnumSet.of(State.CONNECTING, State.BACKING_OFF, State.CLOSED),
            State.CONNECTING, EnumSet.of(State.OPEN, State.IDLE, State.CLOSED),
            State.OPEN, EnumSet.of(State.IDLE, State.CLOSED),
            State.BACKING_OFF, EnumSet.of(State.CONNECTING, State.CLOSED),
            State.CLOSED, EnumSet.noneOf(State.class)));

    /** Opens a channel to the tracker whose pipeline ends in {@link WsLink#newHandler()}. */
    interface Connector {
        ChannelFuture connect(WsLink link);
    }

    /** What the link tells the connection that uses it; called on the scheduler's thread. */
    interface Listener {
        /** The WebSocket is open; the queued messages go out right after this returns. */
        void opened();

        /** The attempt to connect failed before the WebSocket was open: whatever waits for it fails with this. */
        void connectFailed(TrackerException cause);

        /** An open connection broke; messages sent on it that await a reply go back in with {@link #requeue}. */
        void dropped();

        void received(String text);

        /** Whether torrents are joined over this link, which then reconnects even with nothing to send. */
        boolean wantsConnection();

        /** Whether anything uses the link; it closes when nothing has for {@code idleConnectionTimeout}. */
        boolean inUse();

        /** The link closed for good because nothing used it. */
        void closedUnused();
    }

    private final String trackerUrl;
    private final String host;
    private final int port;
    private final boolean secure;
    private final WsSettings options;
    private final WsScheduler scheduler;
    private final DoubleSupplier random;
    private final Connector connector;
    private final Listener listener;
    private final ArrayDeque<String> outbox = new ArrayDeque<>();
    private State state = State.IDLE;
    private Channel channel;
    /** The connection being set up, until its WebSocket handshake completes or it fails. */
    private Channel connecting;
    private int failedConnects;
    private String lastError;
    /** Why the last attempt to connect failed before the WebSocket was open; null once one is open. */
    private Throwable connectFailure;
    private WsScheduler.Timer reconnectTimer;
    private long reconnectAt;
    private WsScheduler.Timer idleTimer;

    /**
     * @param random numbers in [0, 1) for the back-off's jitter
     */
    WsLink(String trackerUrl, URI uri, WsSettings options, WsScheduler scheduler, DoubleSupplier random,
           Connector connector, Listener listener) {
        this.trackerUrl = trackerUrl;
        this.host = hostOf(uri);
        this.secure = isSecure(uri);
        this.port = portOf(uri);
        this.options = options;
        this.scheduler = scheduler;
        this.random = random;
        this.connector = connector;
        this.listener = listener;
    }

    static String hostOf(URI uri) {
        String h = uri.getHost();
        return h.startsWith("[") ? h.substring(1, h.length() - 1) : h;
    }

    static boolean isSecure(URI uri) {
        return "wss".equalsIgnoreCase(uri.getScheme());
    }

    static int portOf(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : isSecure(uri) ? 443 : 80;
    }

    State state() {
        return state;
    }

    /** The cause of the last failure on this link, for a request's timeout; null after a successful connect. */
    String lastError() {
        return lastError;
    }

    /**
     * Sends a message that awaits a reply: at once on an open writable connection, else queued (connecting first if
     * idle).
     *
     * @return why it cannot be sent: the last attempt to connect failed and the next one waits, or the queue is full
     */
    Optional<TrackerException> send(String text) {
        if (state == State.OPEN && channel.isWritable()) {
            channel.writeAndFlush(new TextWebSocketFrame(text));
            return Optional.empty();
        }
        if (state == State.BACKING_OFF && connectFailure != null) {
            // the tracker could not be reached a moment ago and the next attempt is scheduled: say so now rather
            // than at the request's deadline
            long wait = Math.max(0, TimeUnit.NANOSECONDS.toMillis(reconnectAt - scheduler.nanoTime()));
            return Optional.of(connectFailed(" (trying again in " + wait + " ms)"));
        }
        if (outbox.size() >= options.webSocket().maxQueuedMessages()) {
            return Optional.of(new TrackerException(trackerUrl, Kind.OVERLOADED,
                    "more than " + options.webSocket().maxQueuedMessages()
                            + " messages are waiting for the connection"));
        }
        outbox.add(text);
        if (state == State.IDLE) {
            connect();
        }
        return Optional.empty();
    }

    /**
     * Sends a message that awaits no reply (a re-announce, an answer to an offer) on the open connection: at once
     * if it is writable, else queued with the others while the queue has room; dropped otherwise, and on a
     * connection that is not open (it belongs to that connection's signalling).
     */
    void post(String text) {
        if (state != State.OPEN) {
            return;
        }
        if (channel.isWritable() && outbox.isEmpty()) {
            channel.writeAndFlush(new TextWebSocketFrame(text));
        } else if (outbox.size() < options.webSocket().maxQueuedMessages()) {
            outbox.add(text);
        } else {
            LOG.debug("Dropping a message to {}: {} messages are waiting already", Secrets.maskUrl(trackerUrl),
                    outbox.size());
        }
    }

    /** Queues again, past the cap, a message sent on a connection that broke before its reply. */
    void requeue(String text) {
        outbox.add(text);
    }

    private void moveTo(State next) {
        state = TRANSITIONS.move(state, next, () -> "WebSocket link to " + Secrets.maskUrl(trackerUrl));
    }

    private void connect() {
        moveTo(State.CONNECTING);
        connectFailure = null;
        lastError = null;
        ChannelFuture attempt = connector.connect(this);
        connecting = attempt.channel();
        attempt.addListener(f -> {
            if (!f.isSuccess() && state == State.CONNECTING && connecting == attempt.channel()) {
                failedToConnect(f.cause());
                disconnected();
            }
        });
    }

    /** Remembers why the connection being set up failed; the first cause seen is the one reported. */
    void failedToConnect(Throwable cause) {
        if (state == State.CONNECTING && connectFailure == null) {
            connectFailure = cause;
        }
        lastError = describe(cause);
    }

    private TrackerException connectFailed(String suffix) {
        Throwable cause = connectFailure != null ? connectFailure : new IOException(CLOSED_BEFORE_HANDSHAKE);
        String target = (secure ? "wss://" : "ws://") + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":"
                + port;
        TrackerException named = cause instanceof WebSocketClientHandshakeException refused
                ? new TrackerException(trackerUrl, Kind.CONNECT, target + " did not accept the WebSocket handshake: "
                        + ConnectFailures.describe(refused), cause)
                : ConnectFailures.classify(trackerUrl, target, host, cause,
                        options.connection().connectTimeout().toMillis());
        return suffix.isEmpty() ? named
                : new TrackerException(trackerUrl, named.kind(), named.detail() + suffix, cause);
    }

    private void opened(Channel ch) {
        if (state != State.CONNECTING || ch != connecting) {
            ch.close(); // closed for good while this connection was being set up
            return;
        }
        moveTo(State.OPEN);
        connecting = null;
        channel = ch;
        failedConnects = 0;
        lastError = null;
        connectFailure = null;
        listener.opened();
        flushOutbox();
    }

    private void flushOutbox() {
        while (state == State.OPEN && channel.isWritable() && !outbox.isEmpty()) {
            channel.write(new TextWebSocketFrame(outbox.poll()));
        }
        if (channel != null) {
            channel.flush();
        }
    }

    /** The channel closed or could not be set up: IDLE, then BACKING_OFF if anything still wants the link. */
    private void disconnected() {
        channel = null;
        if (state == State.CLOSED) {
            return;
        }
        boolean neverOpened = state == State.CONNECTING;
        connecting = null;
        moveTo(State.IDLE);
        outbox.clear();
        if (neverOpened) {
            // the tracker could not be reached: everything waiting for this connection fails with the cause
            if (connectFailure == null) {
                connectFailure = new IOException(lastError != null ? lastError : CLOSED_BEFORE_HANDSHAKE);
            }
            listener.connectFailed(connectFailed(""));
        } else {
            listener.dropped();
        }
        if (state == State.IDLE && (listener.wantsConnection() || !outbox.isEmpty())) {
            backOff();
        }
    }

    private void backOff() {
        long delay = backoffMillis(failedConnects, random.getAsDouble());
        failedConnects++;
        moveTo(State.BACKING_OFF);
        LOG.debug("Reconnecting to {} in {} ms", Secrets.maskUrl(trackerUrl), delay);
        reconnectAt = scheduler.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay);
        reconnectTimer = scheduler.schedule(() -> {
            reconnectTimer = null;
            connect();
        }, Duration.ofMillis(delay));
    }

    /**
     * The wait before the next attempt: {@link #FIRST_BACKOFF} doubled for each attempt that failed in a row, up to
     * {@link #MAX_BACKOFF}, then spread by -25%..+25% so that many clients of a restarted tracker do not reconnect in
     * lockstep.
     *
     * @param random a number in [0, 1)
     */
    static long backoffMillis(int failedConnects, double random) {
        long base = Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(failedConnects, 16));
        return (long) (base * (0.75 + random * 0.5));
    }

    /** Closes the link after {@code idleConnectionTimeout} if nothing uses it then; nothing while it connects. */
    void closeWhenUnused() {
        if (listener.inUse() || idleTimer != null || state == State.CONNECTING || state == State.CLOSED) {
            return;
        }
        idleTimer = scheduler.schedule(() -> {
            idleTimer = null;
            if (!listener.inUse() && state != State.CLOSED) {
                close();
                listener.closedUnused();
            }
        }, options.http().idleConnectionTimeout());
    }

    void cancelCloseWhenUnused() {
        if (idleTimer != null) {
            idleTimer.cancel();
            idleTimer = null;
        }
    }

    /** Closes for good; the messages queued are dropped. */
    void close() {
        if (state == State.CLOSED) {
            return;
        }
        moveTo(State.CLOSED);
        if (reconnectTimer != null) {
            reconnectTimer.cancel();
            reconnectTimer = null;
        }
        cancelCloseWhenUnused();
        outbox.clear();
        if (channel != null) {
            channel.close();
        }
        if (connecting != null) {
            connecting.close();
            connecting = null;
        }
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /**
     * The liveness check, placed where it sees every byte read (pongs included): pings after a quiet ping interval,
     * and two silent intervals take the connection for dead.
     */
    ChannelHandler newLivenessCheck() {
        long ping = options.webSocket().pingInterval().toMillis();
        return new IdleStateHandler(2 * ping, ping, 0, TimeUnit.MILLISECONDS);
    }

    /** The last handler of each connection's pipeline: its events drive this state machine. */
    ChannelHandler newHandler() {
        return new Handler();
    }

    private final class Handler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                opened(ctx.channel());
            } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                failedToConnect(new IOException("no WebSocket handshake within "
                        + options.connection().connectTimeout().toMillis() + " ms"));
            } else if (evt instanceof SslHandshakeCompletionEvent tlsDone && !tlsDone.isSuccess()) {
                failedToConnect(tlsDone.cause());
            } else if (evt instanceof IdleStateEvent idle) {
                if (idle.state() == IdleState.WRITER_IDLE) {
                    ctx.writeAndFlush(new PingWebSocketFrame());
                } else if (idle.state() == IdleState.READER_IDLE) {
                    lastError = "nothing received for " + 2 * options.webSocket().pingInterval().toMillis() + " ms";
                    LOG.debug("{}: {}; reconnecting", Secrets.maskUrl(trackerUrl),
                            Secrets.maskUrls(String.valueOf(lastError)));
                    ctx.close();
                }
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            listener.received(frame.text());
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable() && state == State.OPEN) {
                flushOutbox();
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (channel == ctx.channel() || (state == State.CONNECTING && connecting == ctx.channel())) {
                disconnected();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failedToConnect(cause);
            LOG.debug("WebSocket tracker connection error on {}: {}", Secrets.maskUrl(trackerUrl),
                    Secrets.maskUrls(String.valueOf(cause)));
            ctx.close();
        }
    }
}
