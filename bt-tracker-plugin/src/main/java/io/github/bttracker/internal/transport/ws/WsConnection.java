package io.github.bttracker.internal.transport.ws;

import io.github.bttracker.TrackerClientOptions;
import io.github.bttracker.WebRtc;
import io.github.bttracker.core.AnnounceEvent;
import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.core.ScrapeResult;
import io.github.bttracker.core.Secrets;
import io.github.bttracker.core.TrackerException.Kind;
import io.github.bttracker.core.TrackerException;
import io.github.bttracker.internal.transport.ConnectFailures;
import io.github.bttracker.internal.transport.ProxyHandlers;
import io.github.bttracker.internal.transport.TrackerUrlRules;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one WebSocket connection to one tracker URL, shared by every torrent that uses it: opened on first use, closed
 * once no torrent is active on it and no request waits for a while. Replies are routed by action and info hash;
 * relayed offers and answers go to the {@link WebRtc} implementation. A request that cannot be sent because the
 * connection cannot be set up (DNS, refused, TLS, a failed WebSocket handshake) fails at once with that cause, as
 * do the requests that come while the next attempt waits; a request sent on an open connection that then breaks goes
 * out again on the next one. After a close or an error it reconnects with capped exponential back-off and jitter
 * while torrents are active on it or requests wait for it, then re-announces every active torrent (the JavaScript
 * client re-announces only one). Pings keep a quiet connection alive; one that stays silent for two ping intervals
 * is taken for dead. Everything runs on one event loop.
 *
 * <p>What a tracker can make it keep or do is bounded: tracker ids only for joined torrents and short ones; relayed
 * offers answered at most {@link #MAX_OFFERS_ANSWERED} per torrent every {@link #OFFER_WINDOW}, the answers sent
 * through the capped outbox; relayed answers taken only for offers this client sent (as the JavaScript client does).
 * Pings and fragmented messages are bounded by {@link WsControlFrameLimiter} and {@link WsFragmentLimiter}.
 */
final class WsConnection {

    private static final Logger LOG = LoggerFactory.getLogger(WsConnection.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final String CLOSED_BEFORE_HANDSHAKE =
            "the connection closed before the WebSocket handshake completed";
    /** At most this many offers ride on one announce: enough peers, and bounded work for the WebRTC side. */
    static final int MAX_OFFERS = 10;
    /** Hashes per scrape message. */
    static final int MAX_SCRAPE_HASHES = 100;
    /** Longest tracker id kept and sent back: the ones trackers use are a few dozen characters. */
    static final int MAX_TRACKER_ID = 1024;
    /** Relayed offers answered per torrent within {@link #OFFER_WINDOW}; the rest are dropped. */
    static final int MAX_OFFERS_ANSWERED = 10;
    static final Duration OFFER_WINDOW = Duration.ofSeconds(10);
    /** How long an offer we sent waits for its answer, as in the JavaScript client. */
    static final Duration OFFER_TIMEOUT = Duration.ofSeconds(50);
    /** Offers remembered per torrent for their answers: those of the last few announces. */
    static final int MAX_OFFERS_REMEMBERED = 3 * MAX_OFFERS;
    /** How long closing waits for the close frame to go out before it closes the connection anyway. */
    static final Duration CLOSE_FRAME_TIMEOUT = Duration.ofSeconds(1);
    private static final String PROTOCOL = "ws-protocol";

    private enum State { IDLE, CONNECTING, OPEN, CLOSED }

    /** A request awaiting its reply. */
    private abstract static class Pending<T> {
        final CompletableFuture<T> result = new CompletableFuture<>();
        final String text;

        Pending(String text) {
            this.text = text;
        }
    }

    private static final class PendingAnnounce extends Pending<AnnounceResponse> {
        PendingAnnounce(String text) {
            super(text);
        }
    }

    private static final class PendingScrape extends Pending<Map<InfoHash, ScrapeResult>> {
        PendingScrape(String text) {
            super(text);
        }
    }

    /**
     * A torrent this client has joined on this tracker: what to announce again after a reconnect, the offers sent
     * that await an answer, and how many relayed offers were answered lately.
     */
    private static final class Active {
        AnnounceRequest request;
        /** Offer id to when it was sent (System.nanoTime), oldest first. */
        final Map<String, Long> offersSent = new LinkedHashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > MAX_OFFERS_REMEMBERED;
            }
        };
        long offerWindowStart = System.nanoTime();
        int offersAnswered;

        Active(AnnounceRequest request) {
            this.request = request;
        }

        AnnounceRequest request() {
            return request;
        }

        void sent(List<WebRtc.Offer> offers) {
            long now = System.nanoTime();
            offers.forEach(o -> offersSent.put(o.offerId(), now));
        }

        /** @return whether an answer to this offer id is awaited; it is awaited no more */
        boolean awaitsAnswer(String offerId) {
            Long sentAt = offersSent.remove(offerId);
            return sentAt != null && System.nanoTime() - sentAt < OFFER_TIMEOUT.toNanos();
        }

        /** @return whether one more relayed offer may be answered now, counting it if so */
        boolean mayAnswerOffer() {
            long now = System.nanoTime();
            if (now - offerWindowStart >= OFFER_WINDOW.toNanos()) {
                offerWindowStart = now;
                offersAnswered = 0;
            }
            if (offersAnswered >= MAX_OFFERS_ANSWERED) {
                return false;
            }
            offersAnswered++;
            return true;
        }
    }

    private final String trackerUrl;
    private final URI uri;
    private final String host;
    private final int port;
    private final SslContext tls;
    private final TrackerClientOptions options;
    private final WsMessages messages;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final Runnable onIdleClose;
    private final ArrayDeque<String> outbox = new ArrayDeque<>();
    private final Map<InfoHash, ArrayDeque<PendingAnnounce>> announces = new HashMap<>();
    private final ArrayDeque<PendingScrape> scrapes = new ArrayDeque<>();
    private final Map<InfoHash, Active> active = new LinkedHashMap<>();
    private final Map<InfoHash, String> trackerIds = new HashMap<>();
    private State state = State.IDLE;
    private Channel channel;
    /** The connection being set up, until its WebSocket handshake completes or it fails. */
    private Channel connecting;
    private int failedConnects;
    private String lastError;
    /** Why the last attempt to connect failed before the WebSocket was open; null once one is open. */
    private Throwable connectFailure;
    private ScheduledFuture<?> reconnectTimer;
    private ScheduledFuture<?> idleTimer;

    WsConnection(String trackerUrl, URI uri, SslContext tls, TrackerClientOptions options, WsMessages messages,
                 EventLoop loop, Class<? extends Channel> channelType,
                 AddressResolverGroup<InetSocketAddress> resolver, Runnable onIdleClose) {
        this.trackerUrl = trackerUrl;
        this.uri = uri;
        String h = uri.getHost();
        this.host = h.startsWith("[") ? h.substring(1, h.length() - 1) : h;
        boolean secure = "wss".equalsIgnoreCase(uri.getScheme());
        this.port = uri.getPort() != -1 ? uri.getPort() : secure ? 443 : 80;
        this.tls = secure ? tls : null;
        this.options = options;
        this.messages = messages;
        this.loop = loop;
        this.onIdleClose = onIdleClose;
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(channelType)
                // with a proxy, the tracker's name goes to the proxy unresolved
                .resolver(options.proxy().isPresent()
                        ? io.netty.resolver.NoopAddressResolverGroup.INSTANCE : resolver)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 64 * 1024))
                .handler(new Initializer());
    }

    /** Announces with the given offers; the future completes on this loop. Event loop only. */
    void announce(AnnounceRequest request, List<WebRtc.Offer> offers, CompletableFuture<AnnounceResponse> result,
                  Duration timeout) {
        InfoHash hash = request.infoHash();
        PendingAnnounce pending = new PendingAnnounce(messages.announce(request, offers, trackerIds.get(hash)));
        if (request.event() == AnnounceEvent.STOPPED) {
            leave(hash);
        } else if (options.webRtc().isPresent()) {
            Active joined = active.computeIfAbsent(hash, h -> new Active(request));
            joined.request = request;
            joined.sent(offers);
        }
        announces.computeIfAbsent(hash, h -> new ArrayDeque<>()).add(pending);
        track(pending, timeout, () -> removeAnnounce(hash, pending));
        forward(pending.result, result);
        send(pending.text, pending);
    }

    /** Scrapes up to {@link #MAX_SCRAPE_HASHES} torrents. Event loop only. */
    void scrape(List<InfoHash> infoHashes, CompletableFuture<Map<InfoHash, ScrapeResult>> result, Duration timeout) {
        PendingScrape pending = new PendingScrape(messages.scrape(infoHashes));
        scrapes.add(pending);
        track(pending, timeout, () -> scrapes.remove(pending));
        forward(pending.result, result);
        send(pending.text, pending);
    }

    private static <T> void forward(CompletableFuture<T> from, CompletableFuture<T> to) {
        from.whenComplete((r, e) -> {
            if (e != null) {
                to.completeExceptionally(e);
            } else {
                to.complete(r);
            }
        });
    }

    private void track(Pending<?> pending, Duration timeout, Runnable forget) {
        cancelIdleClose();
        ScheduledFuture<?> deadline = loop.schedule(() -> pending.result.completeExceptionally(
                new TrackerException(trackerUrl, Kind.TIMEOUT, "no answer within " + timeout.toMillis() + " ms"
                        + (lastError == null ? "" : " (last connection error: " + lastError + ")"))),
                timeout.toNanos(), TimeUnit.NANOSECONDS);
        pending.result.whenComplete((r, e) -> {
            deadline.cancel(false);
            forget.run();
            closeIfUnused();
        });
    }

    private void removeAnnounce(InfoHash hash, PendingAnnounce pending) {
        ArrayDeque<PendingAnnounce> queue = announces.get(hash);
        if (queue != null && queue.remove(pending) && queue.isEmpty()) {
            announces.remove(hash);
        }
    }

    private void send(String text, Pending<?> pending) {
        if (state == State.OPEN && channel.isWritable()) {
            channel.writeAndFlush(new TextWebSocketFrame(text));
            return;
        }
        if (state == State.IDLE && reconnectTimer != null && connectFailure != null) {
            // the tracker could not be reached a moment ago and the next attempt is scheduled: say so now rather
            // than at the request's deadline
            pending.result.completeExceptionally(connectFailed(" (trying again in "
                    + Math.max(0, reconnectTimer.getDelay(TimeUnit.MILLISECONDS)) + " ms)"));
            return;
        }
        if (outbox.size() >= options.wsMaxQueuedMessages()) {
            pending.result.completeExceptionally(new TrackerException(trackerUrl, Kind.OVERLOADED,
                    "more than " + options.wsMaxQueuedMessages() + " messages are waiting for the connection"));
            return;
        }
        outbox.add(text);
        connectIfNeeded();
    }

    private void connectIfNeeded() {
        if (state != State.IDLE || reconnectTimer != null) {
            return;
        }
        state = State.CONNECTING;
        connectFailure = null;
        lastError = null;
        ChannelFuture attempt = bootstrap.connect(InetSocketAddress.createUnresolved(host, port));
        connecting = attempt.channel();
        attempt.addListener(f -> {
            if (!f.isSuccess() && state == State.CONNECTING && connecting == attempt.channel()) {
                failedToConnect(f.cause());
                disconnected();
            }
        });
    }

    /** Remembers why the connection being set up failed; the first cause seen is the one reported. */
    private void failedToConnect(Throwable cause) {
        if (state == State.CONNECTING && connectFailure == null) {
            connectFailure = cause;
        }
        lastError = describe(cause);
    }

    private TrackerException connectFailed(String suffix) {
        Throwable cause = connectFailure != null ? connectFailure : new IOException(CLOSED_BEFORE_HANDSHAKE);
        String target = (tls != null ? "wss://" : "ws://") + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":"
                + port;
        TrackerException named = cause instanceof WebSocketClientHandshakeException refused
                ? new TrackerException(trackerUrl, Kind.CONNECT, target + " did not accept the WebSocket handshake: "
                        + ConnectFailures.describe(refused), cause)
                : ConnectFailures.classify(trackerUrl, target, host, cause, options.connectTimeout().toMillis());
        return suffix.isEmpty() ? named
                : new TrackerException(trackerUrl, named.kind(), named.detail() + suffix, cause);
    }

    private void opened(Channel ch) {
        if (state == State.CLOSED) {
            ch.close(); // closed for good while this connection was being set up
            return;
        }
        connecting = null;
        channel = ch;
        state = State.OPEN;
        failedConnects = 0;
        lastError = null;
        connectFailure = null;
        // re-join the active torrents the tracker forgot with the old connection; those with an announce waiting in
        // the outbox (the first connection's, or one sent but unanswered before a reconnect) rejoin with that one
        List<Active> rejoin = new ArrayList<>();
        for (Map.Entry<InfoHash, Active> a : active.entrySet()) {
            if (!announces.containsKey(a.getKey())) {
                rejoin.add(a.getValue());
            }
        }
        for (Active a : rejoin) {
            reannounce(a.request());
        }
        flushOutbox();
    }

    private void reannounce(AnnounceRequest last) {
        AnnounceRequest request = last.toBuilder().event(AnnounceEvent.STARTED).build();
        offers(request).whenComplete((offers, e) -> loop.execute(() -> {
            Active joined = active.get(request.infoHash());
            if (state == State.OPEN && joined != null) {
                List<WebRtc.Offer> sent = offers == null ? List.of() : offers;
                joined.sent(sent);
                post(messages.announce(request, sent, trackerIds.get(request.infoHash())));
            }
        }));
    }

    /** The torrent left this tracker: nothing of it is kept. */
    private void leave(InfoHash hash) {
        active.remove(hash);
        trackerIds.remove(hash);
    }

    /**
     * Sends a message that awaits no reply (a re-announce, an answer to an offer) on the open connection: at once
     * if it is writable, else queued with the others while the queue has room; dropped otherwise, and on a
     * connection that is not open (it belongs to this connection's signalling).
     */
    private void post(String text) {
        if (state != State.OPEN) {
            return;
        }
        if (channel.isWritable() && outbox.isEmpty()) {
            channel.writeAndFlush(new TextWebSocketFrame(text));
        } else if (outbox.size() < options.wsMaxQueuedMessages()) {
            outbox.add(text);
        } else {
            LOG.debug("Dropping a message to {}: {} messages are waiting already", Secrets.maskUrl(trackerUrl),
                    outbox.size());
        }
    }

    /** Offers for an announce: none without WebRTC, for {@code stopped}, or when no peers are wanted. */
    CompletableFuture<List<WebRtc.Offer>> offers(AnnounceRequest request) {
        if (options.webRtc().isEmpty() || request.event() == AnnounceEvent.STOPPED || request.numWant() == 0) {
            return CompletableFuture.completedFuture(List.of());
        }
        try {
            return options.webRtc().get().createOffers(request.infoHash(), Math.min(MAX_OFFERS, request.numWant()));
        } catch (RuntimeException e) {
            LOG.warn("The WebRTC implementation failed to create offers for {}", request.infoHash(), e);
            return CompletableFuture.completedFuture(List.of());
        }
    }

    private void flushOutbox() {
        while (state == State.OPEN && channel.isWritable() && !outbox.isEmpty()) {
            channel.write(new TextWebSocketFrame(outbox.poll()));
        }
        if (channel != null) {
            channel.flush();
        }
    }

    private void disconnected() {
        channel = null;
        if (state == State.CLOSED) {
            return;
        }
        boolean neverOpened = state == State.CONNECTING;
        connecting = null;
        state = State.IDLE;
        outbox.clear();
        if (neverOpened) {
            // the tracker could not be reached: every request waiting for this connection fails with the cause
            if (connectFailure == null) {
                connectFailure = new IOException(lastError != null ? lastError : CLOSED_BEFORE_HANDSHAKE);
            }
            TrackerException failed = connectFailed("");
            new ArrayList<>(announces.values()).forEach(q -> new ArrayList<>(q).forEach(
                    p -> p.result.completeExceptionally(failed)));
            new ArrayList<>(scrapes).forEach(p -> p.result.completeExceptionally(failed));
        } else {
            // requests that were sent but not answered go out again on the next connection
            announces.values().forEach(q -> q.forEach(p -> outbox.add(p.text)));
            scrapes.forEach(p -> outbox.add(p.text));
        }
        if (active.isEmpty() && outbox.isEmpty()) {
            return;
        }
        long base = Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(failedConnects, 16));
        // jitter of -25%..+25% keeps many clients of a restarted tracker from reconnecting in lockstep
        long delay = (long) (base * (0.75 + ThreadLocalRandom.current().nextDouble() * 0.5));
        failedConnects++;
        LOG.debug("Reconnecting to {} in {} ms", Secrets.maskUrl(trackerUrl), delay);
        reconnectTimer = loop.schedule(() -> {
            reconnectTimer = null;
            connectIfNeeded();
        }, delay, TimeUnit.MILLISECONDS);
    }

    private void received(String text) {
        WsMessage message;
        try {
            message = messages.decode(text);
        } catch (WsMessages.MalformedMessageException e) {
            LOG.debug("Dropping a message from {}: {}", Secrets.maskUrl(trackerUrl), Secrets.maskUrls(e.getMessage()));
            return;
        }
        if (message instanceof WsMessage.AnnounceReply reply) {
            announceReply(reply);
        } else if (message instanceof WsMessage.ScrapeReply reply) {
            PendingScrape pending = scrapes.poll();
            if (pending != null) {
                pending.result.complete(reply.files());
            }
        } else if (message instanceof WsMessage.Failure failure) {
            failed(failure);
        } else if (message instanceof WsMessage.RelayedOffer offer) {
            relayedOffer(offer);
        } else if (message instanceof WsMessage.RelayedAnswer answer) {
            relayedAnswer(answer);
        }
    }

    private void announceReply(WsMessage.AnnounceReply reply) {
        String trackerId = reply.trackerId();
        // kept only for a torrent joined here, to send back with its next announces; a hostile tracker's ids for
        // other torrents, or huge ones, would otherwise pile up
        if (trackerId != null && trackerId.length() <= MAX_TRACKER_ID && active.containsKey(reply.infoHash())) {
            trackerIds.put(reply.infoHash(), trackerId);
        }
        PendingAnnounce pending = poll(reply.infoHash());
        if (pending == null) {
            return; // the answer to a re-announce, or to a request that has timed out
        }
        AnnounceResponse.Builder b = AnnounceResponse.builder(trackerUrl);
        if (reply.interval() >= 0) {
            b.interval(Duration.ofSeconds(reply.interval()));
        }
        if (reply.complete() >= 0) {
            b.complete(reply.complete());
        }
        if (reply.incomplete() >= 0) {
            b.incomplete(reply.incomplete());
        }
        b.warningMessage(reply.warning()).trackerId(reply.trackerId());
        pending.result.complete(b.build());
    }

    private PendingAnnounce poll(InfoHash hash) {
        ArrayDeque<PendingAnnounce> queue = announces.get(hash);
        return queue == null ? null : queue.peek();
    }

    private void failed(WsMessage.Failure failure) {
        if ("scrape".equals(failure.action())) {
            PendingScrape pending = scrapes.peek();
            if (pending != null) {
                pending.result.completeExceptionally(new TrackerException(trackerUrl, Kind.TRACKER_FAILURE,
                        "the tracker refused the scrape: " + failure.reason()));
            }
            return;
        }
        InfoHash hash = failure.infoHash();
        PendingAnnounce pending = hash != null ? poll(hash) : oldestAnnounce();
        if (pending != null) {
            if (hash != null) {
                leave(hash);
            }
            pending.result.complete(AnnounceResponse.failure(trackerUrl, failure.reason()));
        } else if (hash == null && !scrapes.isEmpty()) {
            scrapes.peek().result.completeExceptionally(new TrackerException(trackerUrl, Kind.TRACKER_FAILURE,
                    "the tracker refused the scrape: " + failure.reason()));
        }
    }

    private PendingAnnounce oldestAnnounce() {
        return announces.values().stream().map(ArrayDeque::peek).findFirst().orElse(null);
    }

    private void relayedOffer(WsMessage.RelayedOffer offer) {
        Active joined = active.get(offer.infoHash());
        WebRtc webRtc = options.webRtc().orElse(null);
        if (joined == null || webRtc == null || ours(joined, offer.peerId())) {
            return;
        }
        if (!joined.mayAnswerOffer()) {
            LOG.debug("Dropping an offer relayed by {}: more than {} for {} within {} s", Secrets.maskUrl(trackerUrl),
                    MAX_OFFERS_ANSWERED, offer.infoHash(), OFFER_WINDOW.toSeconds());
            return;
        }
        PeerId us = joined.request().peerId();
        CompletableFuture<WebRtc.Signal> answer;
        try {
            answer = webRtc.answer(offer.infoHash(), offer.peerId(), offer.offerId(), offer.offer());
        } catch (RuntimeException e) {
            LOG.warn("The WebRTC implementation failed to answer an offer from {}", offer.peerId(), e);
            return;
        }
        answer.whenComplete((signal, e) -> {
            if (e != null) {
                LOG.debug("No answer to the offer of {}", offer.peerId(), e);
            } else if (signal != null) {
                loop.execute(() -> post(messages.answer(offer.infoHash(), us, offer.peerId(), offer.offerId(),
                        signal)));
            }
        });
    }

    private void relayedAnswer(WsMessage.RelayedAnswer answer) {
        Active joined = active.get(answer.infoHash());
        WebRtc webRtc = options.webRtc().orElse(null);
        if (joined == null || webRtc == null || ours(joined, answer.peerId())) {
            return;
        }
        if (!joined.awaitsAnswer(answer.offerId())) {
            // as the JavaScript client does: only an offer we sent, once, and not too long ago, takes an answer
            LOG.debug("Dropping an answer relayed by {} to an offer not awaiting one", Secrets.maskUrl(trackerUrl));
            return;
        }
        try {
            webRtc.answered(answer.infoHash(), answer.peerId(), answer.offerId(), answer.answer());
        } catch (RuntimeException e) {
            LOG.warn("The WebRTC implementation failed to take the answer of {}", answer.peerId(), e);
        }
    }

    private static boolean ours(Active joined, PeerId peerId) {
        return joined.request().peerId().equals(peerId);
    }

    private void closeIfUnused() {
        if (!active.isEmpty() || !announces.isEmpty() || !scrapes.isEmpty() || idleTimer != null
                || state == State.CONNECTING) {
            return;
        }
        idleTimer = loop.schedule(() -> {
            idleTimer = null;
            if (active.isEmpty() && announces.isEmpty() && scrapes.isEmpty()) {
                close();
                onIdleClose.run();
            }
        }, options.idleConnectionTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void cancelIdleClose() {
        if (idleTimer != null) {
            idleTimer.cancel(false);
            idleTimer = null;
        }
    }

    /** Closes for good: pending requests fail with CLOSED. Event loop only. */
    void close() {
        state = State.CLOSED;
        if (reconnectTimer != null) {
            reconnectTimer.cancel(false);
        }
        cancelIdleClose();
        TrackerException closed = new TrackerException(trackerUrl, Kind.CLOSED, "the connection was closed");
        new ArrayList<>(announces.values()).forEach(q -> new ArrayList<>(q).forEach(
                p -> p.result.completeExceptionally(closed)));
        new ArrayList<>(scrapes).forEach(p -> p.result.completeExceptionally(closed));
        if (channel != null) {
            channel.close();
        }
        if (connecting != null) {
            connecting.close();
            connecting = null;
        }
    }

    boolean isClosed() {
        return state == State.CLOSED;
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** Builds each connection's pipeline. */
    private final class Initializer extends ChannelInitializer<Channel> {
        @Override
        protected void initChannel(Channel ch) {
            ChannelPipeline p = ch.pipeline();
            if (options.ssrfMitigation() && options.proxy().isEmpty()) {
                // first: nothing, not even a TLS hello, goes out to an address the rules refuse
                p.addLast(new ReachedAddressCheck());
            }
            options.proxy().ifPresent(proxy -> p.addLast(ProxyHandlers.newHandler(proxy)));
            long ping = options.wsPingInterval().toMillis();
            p.addLast(new IdleStateHandler(2 * ping, ping, 0, TimeUnit.MILLISECONDS));
            if (tls != null) {
                p.addLast(tls.newHandler(ch.alloc(), host, port));
            }
            int maxMessage = options.maxResponseSize();
            p.addLast(new HttpClientCodec(), new HttpObjectAggregator(16 * 1024));
            p.addLast(PROTOCOL, new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                    .webSocketUri(uri)
                    .version(WebSocketVersion.V13)
                    .customHeaders(new DefaultHttpHeaders().set(HttpHeaderNames.USER_AGENT, options.userAgent()))
                    .maxFramePayloadLength(maxMessage)
                    .handshakeTimeoutMillis(options.connectTimeout().toMillis())
                    .dropPongFrames(true)
                    // a tracker that does not read would hold our close frame, and the connection, forever
                    .forceCloseTimeoutMillis(CLOSE_FRAME_TIMEOUT.toMillis())
                    .build()));
            // frames reach these before the protocol handler, which would answer every ping whatever it costs
            p.addBefore(PROTOCOL, null, new WsControlFrameLimiter());
            p.addBefore(PROTOCOL, null, new WsFragmentLimiter(options.readTimeout()));
            p.addLast(new WebSocketFrameAggregator(maxMessage));
            p.addLast(new Handler());
        }
    }

    /**
     * Checks the address a connection reached before the WebSocket handshake (or TLS) starts on it: a host name may
     * resolve to loopback ({@link TrackerUrlRules}). A refused connection is closed and fails as a connect failure
     * naming the rule.
     */
    private final class ReachedAddressCheck extends io.netty.channel.ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            java.net.SocketAddress remote = ctx.channel().remoteAddress();
            java.util.Optional<String> refusal = remote instanceof InetSocketAddress inet
                    ? TrackerUrlRules.connectionRefusal(uri, inet.getAddress(), false) : java.util.Optional.empty();
            if (refusal.isPresent()) {
                failedToConnect(new IOException("refused: " + refusal.get()));
                ctx.close();
                return;
            }
            ctx.pipeline().remove(this);
            ctx.fireChannelActive();
        }
    }

    /** Events of one connection, handed to the connection's state machine. */
    private final class Handler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                opened(ctx.channel());
            } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                failedToConnect(new IOException("no WebSocket handshake within " + options.connectTimeout().toMillis()
                        + " ms"));
            } else if (evt instanceof SslHandshakeCompletionEvent tlsDone && !tlsDone.isSuccess()) {
                failedToConnect(tlsDone.cause());
            } else if (evt instanceof IdleStateEvent idle) {
                if (idle.state() == IdleState.WRITER_IDLE) {
                    ctx.writeAndFlush(new PingWebSocketFrame());
                } else if (idle.state() == IdleState.READER_IDLE) {
                    lastError = "nothing received for " + 2 * options.wsPingInterval().toMillis() + " ms";
                    LOG.debug("{}: {}; reconnecting", Secrets.maskUrl(trackerUrl), Secrets.maskUrls(String.valueOf(lastError)));
                    ctx.close();
                }
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            received(frame.text());
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
