package io.github.bttracker.internal.transport.ws;

import io.github.bttracker.core.AnnounceEvent;
import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.ScrapeResult;
import io.github.bttracker.core.TrackerException.Kind;
import io.github.bttracker.core.TrackerException;
import io.github.bttracker.internal.transport.ScrapeBatches;
import io.github.bttracker.internal.transport.OriginProxies;
import io.github.bttracker.internal.transport.TlsContexts;
import io.github.bttracker.internal.transport.TrackerTransport;
import io.github.bttracker.internal.transport.TrackerUrlRules;
import io.github.bttracker.internal.transport.TransportContext;
import io.github.bttracker.options.ConnectionOptions;
import io.github.bttracker.options.HttpOptions;
import io.github.bttracker.options.SafetyOptions;
import io.github.bttracker.options.WebSocketOptions;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * WebSocket (WebTorrent) trackers, {@code ws://} and {@code wss://}: one shared connection per tracker URL (see
 * {@link WsConnection}), JSON messages bounded in size and nesting.
 *
 * <p>With a {@link io.github.bttracker.spi.WebRtc} implementation configured, an announce joins the swarm: it carries
 * offers, and relayed offers and answers go to the implementation. Without one, an announce does not join (other
 * peers would send it offers nobody answers): it scrapes the torrent and reports the seeders and leechers with no
 * peers, and a {@code stopped} announce has nothing to undo. Peers found through WebRTC never appear in
 * {@link AnnounceResponse#peers()}: they are the implementation's connections.
 */
public final class WsTrackerTransport implements TrackerTransport {

    private final TransportContext shared;
    private final WsSettings options;
    private final EventLoop loop;
    /** Built on the first wss connection. */
    private final Supplier<SslContext> tls;
    private final OriginProxies proxies;
    private final WsMessages messages;
    private final Map<String, WsConnection> connections = new HashMap<>();
    private volatile boolean closed;

    public WsTrackerTransport(TransportContext shared, ConnectionOptions connection, HttpOptions http,
                              WebSocketOptions webSocket, SafetyOptions safety) {
        this.shared = shared;
        this.options = new WsSettings(connection, http, webSocket, safety);
        this.loop = (EventLoop) shared.eventLoopGroup().next();
        this.tls = TlsContexts.lazyClient(connection);
        this.proxies = new OriginProxies(connection);
        this.messages = new WsMessages(safety.maxResponseSize());
    }

    @Override
    public Set<String> schemes() {
        return Set.of("ws", "wss");
    }

    @Override
    public CompletableFuture<AnnounceResponse> announce(String trackerUrl, AnnounceRequest request, Duration timeout) {
        URI uri;
        try {
            uri = parse(trackerUrl);
        } catch (TrackerException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (options.webSocket().webRtc().isEmpty()) {
            return countsWithoutJoining(trackerUrl, request, timeout);
        }
        CompletableFuture<AnnounceResponse> result = new CompletableFuture<>();
        onLoop(trackerUrl, result, () -> {
            WsConnection connection = connection(trackerUrl, uri);
            connection.offers(request).whenComplete((offers, e) -> loop.execute(() -> connection(trackerUrl, uri)
                    .announce(request, offers == null ? List.of() : offers, result, timeout)));
        });
        return result;
    }

    /** Without WebRTC: a scrape for the counts; {@code stopped} needs nothing, since the swarm was never joined. */
    private CompletableFuture<AnnounceResponse> countsWithoutJoining(String trackerUrl, AnnounceRequest request,
                                                                    Duration timeout) {
        if (request.event() == AnnounceEvent.STOPPED) {
            return CompletableFuture.completedFuture(AnnounceResponse.builder(trackerUrl).build());
        }
        return scrape(trackerUrl, List.of(request.infoHash()), timeout).handle((files, e) -> {
            if (e != null) {
                Throwable cause = e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
                if (cause instanceof TrackerException t && t.kind() == Kind.TRACKER_FAILURE) {
                    return AnnounceResponse.failure(trackerUrl, t.detail());
                }
                throw new java.util.concurrent.CompletionException(cause);
            }
            ScrapeResult counts = files.get(request.infoHash());
            AnnounceResponse.Builder b = AnnounceResponse.builder(trackerUrl);
            if (counts != null) {
                b.complete(counts.complete()).incomplete(counts.incomplete());
            }
            return b.build();
        });
    }

    @Override
    public CompletableFuture<Map<InfoHash, ScrapeResult>> scrape(
            String trackerUrl, Collection<InfoHash> infoHashes, Duration timeout) {
        URI uri;
        try {
            uri = parse(trackerUrl);
        } catch (TrackerException e) {
            return CompletableFuture.failedFuture(e);
        }
        List<List<InfoHash>> split = ScrapeBatches.split(infoHashes, WsConnection.MAX_SCRAPE_HASHES);
        if (split.isEmpty()) {
            split = List.of(List.of()); // no hash: the tracker reports every torrent it has
        }
        List<CompletableFuture<Map<InfoHash, ScrapeResult>>> batches = new ArrayList<>();
        for (List<InfoHash> batch : split) {
            CompletableFuture<Map<InfoHash, ScrapeResult>> result = new CompletableFuture<>();
            onLoop(trackerUrl, result, () -> connection(trackerUrl, uri).scrape(batch, result, timeout));
            batches.add(result);
        }
        return ScrapeBatches.merge(batches, batches);
    }

    private void onLoop(String trackerUrl, CompletableFuture<?> result, Runnable work) {
        if (closed) {
            result.completeExceptionally(new TrackerException(trackerUrl, Kind.CLOSED, "the tracker client is closed"));
            return;
        }
        try {
            loop.execute(work);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new TrackerException(trackerUrl, Kind.CLOSED, "the tracker client is closed",
                    e));
        }
    }

    private WsConnection connection(String trackerUrl, URI uri) {
        WsConnection existing = connections.get(trackerUrl);
        if (existing != null && !existing.isClosed()) {
            return existing;
        }
        WsPipeline pipeline = new WsPipeline(uri, WsLink.isSecure(uri) ? tls.get() : null, options,
                proxies.proxyFor(WsLink.isSecure(uri), WsLink.hostOf(uri), WsLink.portOf(uri)), loop,
                shared.io().socketChannels(), shared.resolverGroup(), shared.metrics());
        WsConnection created = new WsConnection(trackerUrl, uri, options, messages, WsScheduler.on(loop), pipeline,
                () -> connections.remove(trackerUrl));
        connections.put(trackerUrl, created);
        return created;
    }

    private URI parse(String trackerUrl) throws TrackerException {
        try {
            URI uri = new URI(trackerUrl);
            java.util.Optional<String> refusal = TrackerUrlRules.refusal(uri, options.safety());
            if (refusal.isPresent()) {
                throw TrackerException.invalidUrl(trackerUrl, "refused: " + refusal.get());
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("ws") && !scheme.equals("wss")) {
                throw new URISyntaxException(trackerUrl, "not a ws or wss URL");
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                throw new URISyntaxException(trackerUrl, "the URL has no host");
            }
            if (uri.getPort() == 0 || uri.getPort() > 65535) {
                // java.net.URI takes any number as a port; Netty would throw on the event loop
                throw new URISyntaxException(trackerUrl, "port " + uri.getPort() + " is out of range 1-65535");
            }
            // decided here, on the caller's thread, so that the event loop finds it remembered: asking the JVM's
            // proxy selector and resolving the proxy's name could block
            proxies.proxyFor(WsLink.isSecure(uri), WsLink.hostOf(uri), WsLink.portOf(uri));
            return uri;
        } catch (URISyntaxException e) {
            throw TrackerException.invalidUrl(trackerUrl, e);
        }
    }

    /** Closes every connection; requests waiting fail with CLOSED. Must not be called from an event loop thread. */
    @Override
    public void close() {
        closed = true;
        try {
            loop.submit(() -> {
                new ArrayList<>(connections.values()).forEach(WsConnection::close);
                connections.clear();
            }).awaitUninterruptibly(5, TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            // the event loop is gone, and the connections with it
        }
    }
}
