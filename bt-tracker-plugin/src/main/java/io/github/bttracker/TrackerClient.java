package io.github.bttracker;

import io.github.bttracker.TrackerClientListener.TrackerWarning;
import io.github.bttracker.core.AnnounceEvent;
import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerAddress;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.core.ScrapeResult;
import io.github.bttracker.core.TrackerException;
import io.github.bttracker.core.TrackerStatus;
import io.github.bttracker.internal.announce.AnnounceList;
import io.github.bttracker.internal.announce.AnnounceOutcome;
import io.github.bttracker.internal.announce.AnnounceSchedule;
import io.github.bttracker.internal.announce.Announcer;
import io.github.bttracker.internal.announce.TierPlan;
import io.github.bttracker.internal.runtime.TransportRuntime;
import io.github.bttracker.options.TrackerClientOptions;
import io.github.bttracker.spi.ConnectedPeer;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tracker client for one torrent, as the JavaScript {@code bt-tracker-client} offers it: announces to every tracker
 * of the torrent ({@link #start()}, {@link #update()}, {@link #complete()}, {@link #stop()}), re-announces on each
 * tracker's own schedule, scrapes, and reports what happens to {@link TrackerClientListener}s.
 *
 * <pre>{@code
 * try (TrackerClient client = TrackerClient.builder(infoHash, peerId)
 *         .announce("udp://tracker.example:6969/announce", "https://tracker.example/announce")
 *         .port(6881)
 *         .announceOptions(() -> AnnounceOptions.of(uploaded(), downloaded(), left()))
 *         .build()) {
 *     client.addListener(new TrackerClientListener() {
 *         public void onPeer(String tracker, PeerAddress peer) { connect(peer); }
 *     });
 *     client.start();
 *     ...
 * }   // close() announces 'stopped', waiting at most a few seconds
 * }</pre>
 *
 * <p>Trackers: every tracker, unless the announce list was given with several tiers ({@link Builder#announceTiers});
 * then BEP 12 picks one tracker per announce, and the schedule follows that tracker. There WebSocket trackers come
 * last, as in the Bt plugin: without WebRTC they give counts but never peers. With WebRTC (the options' {@link
 * io.github.bttracker.spi.WebRtc}) each WebSocket tracker is a swarm of its own, of WebRTC peers, and gets every
 * announce beside the tiers, on its own schedule, as the Bt plugin does.
 *
 * <p>Scheduling, per tracker: the next announce comes after the tracker's {@code interval} (or the one set with
 * {@link #setInterval}), with ±10% jitter, never sooner than its {@code min interval} and never later than a day
 * (a tracker asking for more gets a warning). After a failure it comes after
 * a back-off that doubles from {@code minBackoff} up to {@code maxBackoff}, with ±25% jitter, or after the tracker's
 * BEP 31 {@code retry in}; {@code retry in: never} ends announces to that tracker.
 *
 * <p>Thread-safe: methods may be called from any thread and never block, except {@link #close()}, which waits for the
 * {@code stopped} announces at most {@link #STOP_TIMEOUT}. State lives on one event loop of the runtime, which also
 * calls the listeners and the announce options supplier.
 *
 * <p>Failures: a tracker that cannot be used (an unusable URL, a {@code failure reason}, a {@link
 * io.github.bttracker.core.TrackerException} of any {@link io.github.bttracker.core.TrackerException.Kind}) is a
 * {@link TrackerClientListener#onWarning warning}, and the client goes on with the others; the methods that start
 * announces return nothing and throw nothing for them. Once the runtime is closed, calls report
 * {@link TrackerClientListener#onError} instead.
 */
public final class TrackerClient implements AutoCloseable {

    /** The longest {@link #close()} waits for its {@code stopped} announces. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    /** The interval used when a tracker gives none. */
    public static final Duration DEFAULT_INTERVAL = AnnounceSchedule.DEFAULT_INTERVAL;

    private static final Logger LOG = LoggerFactory.getLogger(TrackerClient.class);

    private final InfoHash infoHash;
    private final PeerId peerId;
    private final int port;
    private final List<String> trackerUrls;
    private final List<TrackerWarning> unusableUrls;
    private final Supplier<AnnounceOptions> announceOptions;
    private final TransportRuntime runtime;
    private final boolean ownsRuntime;
    private final int key = new SecureRandom().nextInt();
    private final EventLoop loop;
    private final List<TrackerClientListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, TrackerState> trackers = new LinkedHashMap<>();
    /** BEP 12 order when the announce list has tiers and announcing to every tracker was not asked for; else null. */
    private final AnnounceList tiers;
    /** The one timer of tiered announcing (it follows whichever tracker answered). Event loop only. */
    private ScheduledFuture<?> tieredTimer;
    private Duration intervalOverride;
    private boolean destroyed;
    private boolean started;
    /** Where the runtime's WebRTC hands this torrent's connected peers; null until started, or without WebRTC. */
    private io.github.bttracker.internal.transport.ConnectedPeers.Registration connectedPeers;

    /** One of the client's trackers: the announcer and the timer. Event loop only. */
    private static final class TrackerState {
        private final AnnounceSchedule schedule;
        private final Announcer announcer;
        private ScheduledFuture<?> timer;

        TrackerState(AnnounceSchedule schedule, Announcer announcer) {
            this.schedule = schedule;
            this.announcer = announcer;
        }
    }

    private TrackerClient(Builder b) {
        this.infoHash = b.infoHash;
        this.peerId = b.peerId;
        this.port = b.port;
        this.announceOptions = b.announceOptions;
        this.ownsRuntime = b.runtime == null;
        this.runtime = b.runtime != null ? b.runtime.transports() : TransportRuntime.create(b.options);
        this.loop = (EventLoop) runtime.eventLoopGroup().next();
        List<String> usable = new ArrayList<>();
        List<TrackerWarning> unusable = new ArrayList<>();
        for (String url : normalize(b.announce)) {
            String problem = problem(url);
            if (problem == null) {
                usable.add(url);
            } else {
                unusable.add(new TrackerWarning(url, problem, Optional.empty()));
            }
        }
        this.trackerUrls = List.copyOf(usable);
        this.unusableUrls = List.copyOf(unusable);
        trackerUrls.forEach(url -> {
            AnnounceSchedule schedule = schedule(url, b, runtime.options());
            trackers.put(url, new TrackerState(schedule, new Announcer(() -> runtime, url, schedule)));
        });
        if (b.tiers.size() > 1 && !b.announceToAll) {
            List<List<String>> usableTiers = new ArrayList<>();
            for (List<String> tier : b.tiers) {
                usableTiers.add(normalize(tier).stream().filter(trackers::containsKey).toList());
            }
            TrackerClientOptions options = runtime.options();
            this.tiers = new AnnounceList(usableTiers, new SecureRandom(), () -> options.webSocket().webRtc().isPresent(),
                    b.minBackoff != null ? b.minBackoff : options.retry().minBackoff(),
                    b.maxBackoff != null ? b.maxBackoff : options.retry().maxBackoff());
        } else {
            this.tiers = null;
        }
    }

    private static AnnounceSchedule schedule(String url, Builder b, TrackerClientOptions options) {
        return new AnnounceSchedule(url, b.minBackoff != null ? b.minBackoff : options.retry().minBackoff(),
                b.maxBackoff != null ? b.maxBackoff : options.retry().maxBackoff(), java.time.Clock.systemUTC());
    }

    /**
     * @param infoHash the torrent, not null
     * @param peerId this client's peer id, not null
     * @return a builder with no tracker, no port and default options
     * @throws NullPointerException if an argument is null
     */
    public static Builder builder(InfoHash infoHash, PeerId peerId) {
        return new Builder(infoHash, peerId);
    }

    /** Trailing slashes removed, duplicates dropped, order kept (as the seed does). */
    private static List<String> normalize(List<String> urls) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String url : urls) {
            String u = url.trim();
            while (u.endsWith("/")) {
                u = u.substring(0, u.length() - 1);
            }
            out.add(u);
        }
        return new ArrayList<>(out);
    }

    /** @return why the URL cannot be used, or null if it can */
    private String problem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "invalid tracker URL: " + e.getMessage();
        }
        if (uri.getScheme() == null || !runtime.supports(url)) {
            return "unsupported tracker protocol: " + url;
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return "invalid tracker URL: no host";
        }
        if (uri.getPort() > 65535) {
            return "invalid tracker port " + uri.getPort();
        }
        return null;
    }

    /** @return the torrent this client announces */
    public InfoHash infoHash() {
        return infoHash;
    }

    /** @return the usable tracker URLs, normalized */
    public List<String> trackerUrls() {
        return trackerUrls;
    }

    /**
     * What the client knows about each of its usable trackers right now: last and next announce, last error,
     * counts. May be called from any thread.
     *
     * @return one snapshot per tracker, in {@link #trackerUrls()} order
     */
    public List<TrackerStatus> status() {
        List<TrackerStatus> status = new ArrayList<>(trackerUrls.size());
        for (String url : trackerUrls) {
            status.add(trackers.get(url).schedule.status());
        }
        return status;
    }

    /**
     * Adds a listener for the events from now on; may be called from any thread, listeners included.
     *
     * @param listener the listener, not null; added twice, it is called twice
     * @throws NullPointerException if {@code listener} is null
     */
    public void addListener(TrackerClientListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Removes a listener (once, if added twice); unknown listeners are ignored. An event already being delivered
     * may still reach it.
     *
     * @param listener the listener to remove
     */
    public void removeListener(TrackerClientListener listener) {
        listeners.remove(listener);
    }

    /** Announces {@code started} to every tracker, and from then on re-announces on their schedules. */
    public void start() {
        onLoop(() -> {
            if (!started) {
                started = true;
                unusableUrls.forEach(w -> notify(l -> l.onWarning(w, Optional.empty())));
                if (connectedPeers == null && runtime.options().webSocket().webRtc().isPresent()) {
                    connectedPeers = runtime.connectedPeers().register(infoHash, this::connected);
                }
            }
            announceAll(AnnounceEvent.STARTED);
        });
    }

    /** Announces now to every tracker (a regular announce), with fresh announce options. */
    public void update() {
        onLoop(() -> announceAll(AnnounceEvent.NONE));
    }

    /** Announces {@code completed} to every tracker. */
    public void complete() {
        onLoop(() -> announceAll(AnnounceEvent.COMPLETED));
    }

    /**
     * Announces {@code stopped} to every tracker and stops re-announcing. Does nothing on a client that is not
     * started (never, or stopped already), so {@link #close()} after {@code stop()} sends nothing more.
     *
     * @return completes when every tracker answered or failed (each within the runtime's request timeout)
     */
    public CompletableFuture<Void> stop() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        onLoop(() -> {
            if (!started) {
                done.complete(null); // not started, or stopped already: nothing to tell the trackers
                return;
            }
            List<CompletableFuture<?>> stops = new ArrayList<>();
            for (String url : trackerUrls) {
                stops.add(announce(url, AnnounceEvent.STOPPED));
            }
            trackers.values().forEach(TrackerClient::cancelTimer);
            cancelTieredTimer();
            started = false;
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).whenComplete((r, e) -> done.complete(null));
        });
        return done;
    }

    /**
     * Overrides every tracker's {@code interval} for the announces that follow (never below a tracker's
     * {@code min interval}).
     *
     * @param interval the interval to use instead of the trackers', not null
     * @throws NullPointerException if {@code interval} is null
     */
    public void setInterval(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        onLoop(() -> intervalOverride = interval);
    }

    /**
     * Scrapes this torrent from every tracker; results go to {@link TrackerClientListener#onScrape}, failures to
     * {@link TrackerClientListener#onWarning}.
     *
     * @return the results by tracker URL, once every tracker answered or failed; it never completes exceptionally
     *     (a tracker that failed is missing from the map), and completes on an event loop thread
     */
    public CompletableFuture<Map<String, ScrapeResult>> scrape() {
        Map<String, ScrapeResult> results = new java.util.concurrent.ConcurrentHashMap<>();
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (String url : trackerUrls) {
            all.add(runtime.scrape(url, List.of(infoHash), runtime.options().connection().requestTimeout())
                    .whenCompleteAsync((files, e) -> {
                        if (destroyed) {
                            return;
                        }
                        ScrapeResult result = files == null ? null : files.get(infoHash);
                        if (result != null) {
                            results.put(url, result);
                            notify(l -> l.onScrape(url, result));
                        } else {
                            warn(url, e != null ? Announcer.describe(unwrap(e)) : "the tracker did not report this torrent",
                                    e == null ? null : unwrap(e), Optional.empty());
                        }
                    }, loop));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).handle((r, e) -> Map.copyOf(results));
    }

    /**
     * Scrapes many torrents from one tracker at once (BEP 48, batched as the protocol allows), within
     * {@code timeout}, whatever the tracker does. The same as {@link TrackerRuntime#scrape}.
     *
     * @param runtime the runtime to send it through
     * @param trackerUrl the tracker's announce URL
     * @param infoHashes the torrents
     * @param timeout the longest the scrape may take
     * @return results keyed by info hash (torrents the tracker did not report are absent), or a
     *     {@link TrackerException}; completes on an event loop thread
     */
    public static CompletableFuture<Map<InfoHash, ScrapeResult>> scrape(TrackerRuntime runtime, String trackerUrl,
                                                                        List<InfoHash> infoHashes, Duration timeout) {
        return runtime.scrape(trackerUrl, infoHashes, timeout);
    }

    /**
     * Stops at once without telling the trackers: no {@code stopped}, no more events. Closes the peers WebRTC
     * connected for this client.
     */
    public void destroy() {
        onLoop(() -> {
            destroyed = true;
            if (connectedPeers != null) {
                connectedPeers.close();
            }
            trackers.values().forEach(TrackerClient::cancelTimer);
            cancelTieredTimer();
        });
        if (ownsRuntime) {
            runtime.close();
        }
    }

    /**
     * Announces {@code stopped} (waiting at most {@link #STOP_TIMEOUT}), then destroys the client and, if the client
     * created its runtime, closes it. Must not be called from the runtime's event loop.
     */
    @Override
    public void close() {
        try {
            stop().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            LOG.debug("Not every tracker got 'stopped' in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        destroy();
    }

    private void announceAll(AnnounceEvent event) {
        List<String> separately = trackerUrls;
        if (tiers != null) {
            TierPlan plan = tiers.plan();
            if (!plan.tiered().isEmpty()) {
                cancelTieredTimer();
                announceTiered(event, plan.tiered());
            }
            separately = plan.swarms();
        }
        for (String url : separately) {
            TrackerState state = trackers.get(url);
            if (!state.schedule.isRetired()) {
                cancelTimer(state);
                announce(url, event);
            }
        }
    }

    /** One tracker's announce, outside tiers, rescheduled on its own timer. */
    private CompletableFuture<AnnounceOutcome> announce(String url, AnnounceEvent event) {
        if (destroyed) {
            return CompletableFuture.completedFuture(null);
        }
        TrackerState state = trackers.get(url);
        try {
            return send(state, event, false).thenApply(outcome -> {
                answered(url, state, outcome);
                return outcome;
            });
        } catch (RuntimeException e) {
            notify(l -> l.onError(e));
            return CompletableFuture.failedFuture(e);
        }
    }

    /** @throws RuntimeException if the announce options supplier throws */
    private CompletableFuture<AnnounceOutcome> send(TrackerState state, AnnounceEvent event, boolean inTiers) {
        return state.announcer.announce(event, trackerId -> request(event, trackerId),
                runtime.options().connection().requestTimeout(), loop, () -> intervalOverride,
                () -> started && event != AnnounceEvent.STOPPED, inTiers);
    }

    /**
     * BEP 12: the first tracker in tier order that answers gets the announce and moves to the front of its tier;
     * the ones that failed on the way are warnings. If none answers, the whole list is tried again after a back-off.
     */
    private void announceTiered(AnnounceEvent event, List<String> order) {
        if (destroyed) {
            return;
        }
        tiers.firstSuccess(order, url -> send(trackers.get(url), event, true), AnnounceOutcome::isSuccess,
                (url, failed) -> {
                    if (destroyed) {
                        return false;
                    }
                    warn(url, failed.failure() + "; trying the next tracker", failed.error(), Optional.empty());
                    return true;
                }).thenAccept(outcome -> {
                    if (destroyed) {
                        return;
                    }
                    boolean retryList = started && event != AnnounceEvent.STOPPED;
                    if (outcome != null && outcome.isSuccess()) {
                        succeeded(outcome.trackerUrl(), outcome, this::scheduleTiered);
                        return;
                    }
                    // the whole list failed: it is tried again after the list's back-off, which every tracker shows
                    Optional<Duration> retry = retryList ? Optional.of(tiers.everyTrackerFailed(
                            order.stream().map(u -> trackers.get(u).schedule).toList())) : Optional.empty();
                    retry.ifPresent(this::scheduleTiered);
                    if (outcome != null) {
                        warn(outcome.trackerUrl(), outcome.failure() + retry.map(d -> "; every tracker of the list "
                                + "failed, trying the list again in " + d.toMillis() + " ms").orElse(""),
                                outcome.error(), retry);
                    }
                });
    }

    private void scheduleTiered(Duration in) {
        cancelTieredTimer();
        tieredTimer = loop.schedule(() -> {
            tieredTimer = null;
            if (started && !destroyed) {
                announceTiered(AnnounceEvent.NONE, tiers.plan().tiered());
            }
        }, in.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void cancelTieredTimer() {
        if (tieredTimer != null) {
            tieredTimer.cancel(false);
            tieredTimer = null;
        }
    }

    private AnnounceRequest request(AnnounceEvent event, String trackerId) {
        AnnounceOptions options = announceOptions.get();
        AnnounceRequest.Builder b = AnnounceRequest.builder(infoHash, peerId, port).event(event)
                .uploaded(options.uploaded()).downloaded(options.downloaded()).key(key)
                .trackerId(trackerId).customParameters(options.customParameters());
        options.left().ifPresent(b::left);
        if (event == AnnounceEvent.STOPPED) {
            b.numWant(0);
        } else {
            options.numWant().ifPresent(b::numWant);
        }
        return b.build();
    }

    /** Reports an answer outside tiers (the announcer has recorded it) and sets the tracker's timer. */
    private void answered(String url, TrackerState state, AnnounceOutcome outcome) {
        if (destroyed) {
            return;
        }
        if (outcome.isClosed()) {
            notify(l -> l.onError(outcome.error()));
            return;
        }
        if (!outcome.isSuccess()) {
            outcome.next().ifPresent(d -> schedule(url, state, d));
            warn(url, outcome.failure(), outcome.error(), outcome.next());
            return;
        }
        succeeded(url, outcome, d -> schedule(url, state, d));
    }

    /** Schedules the next regular announce, and reports the answer and its peers. */
    private void succeeded(String url, AnnounceOutcome outcome, java.util.function.Consumer<Duration> scheduler) {
        AnnounceResponse response = outcome.response();
        Optional<Duration> next = outcome.next();
        next.ifPresent(scheduler);
        notify(l -> l.onUpdate(response, next));
        if (outcome.isAbsurd()) {
            warn(url, "the tracker asked for an interval of " + response.interval().map(Duration::toSeconds).orElse(0L)
                    + " s (min interval " + response.minInterval().map(Duration::toSeconds).orElse(0L)
                    + " s); announcing again within " + AnnounceSchedule.MAX_INTERVAL.toHours() + " h", null, next);
        }
        for (PeerAddress peer : response.peers()) {
            notify(l -> l.onPeer(url, peer));
        }
    }

    private void schedule(String url, TrackerState state, Duration in) {
        cancelTimer(state);
        state.timer = loop.schedule(() -> {
            state.timer = null;
            if (started && !destroyed && !state.schedule.isRetired()) {
                announce(url, AnnounceEvent.NONE);
            }
        }, in.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static void cancelTimer(TrackerState state) {
        if (state.timer != null) {
            state.timer.cancel(false);
            state.timer = null;
        }
    }

    private void warn(String url, String message, Throwable cause, Optional<Duration> next) {
        TrackerWarning warning = new TrackerWarning(url, message, Optional.ofNullable(cause));
        notify(l -> l.onWarning(warning, next));
    }

    private void notify(java.util.function.Consumer<TrackerClientListener> event) {
        for (TrackerClientListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("A tracker client listener failed", e);
            }
        }
    }

    /** A peer of this torrent connected through WebRTC: on the WebRTC implementation's thread. */
    private void connected(ConnectedPeer peer) {
        try {
            loop.execute(() -> {
                if (destroyed) {
                    peer.close();
                } else {
                    notify(l -> l.onConnectedPeer(peer));
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            peer.close();
        }
    }

    private void onLoop(Runnable work) {
        try {
            loop.execute(work);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            notify(l -> l.onError(new IllegalStateException("the tracker runtime is closed", e)));
        }
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    /** Builder of {@link TrackerClient}; not thread-safe. */
    public static final class Builder {
        private final InfoHash infoHash;
        private final PeerId peerId;
        private final List<String> announce = new ArrayList<>();
        private final List<List<String>> tiers = new ArrayList<>();
        private boolean announceToAll;
        private int port = -1;
        private Supplier<AnnounceOptions> announceOptions = AnnounceOptions::none;
        private TrackerRuntime runtime;
        private TrackerClientOptions options = TrackerClientOptions.defaults();
        /** null: the runtime options' */
        private Duration minBackoff;
        private Duration maxBackoff;

        private Builder(InfoHash infoHash, PeerId peerId) {
            this.infoHash = Objects.requireNonNull(infoHash, "infoHash");
            this.peerId = Objects.requireNonNull(peerId, "peerId");
        }

        /**
         * Adds tracker URLs (http, https, udp, ws, wss). Unusable ones become warnings at {@link #start()}.
         *
         * @param urls the announce URLs, none null
         * @return this builder
         * @throws NullPointerException if a URL is null
         */
        public Builder announce(String... urls) {
            return announce(List.of(urls));
        }

        /**
         * Adds tracker URLs, as {@link #announce(String...)} does.
         *
         * @param urls the announce URLs, none null
         * @return this builder
         * @throws NullPointerException if a URL is null
         */
        public Builder announce(List<String> urls) {
            urls.forEach(u -> announce.add(Objects.requireNonNull(u, "url")));
            return this;
        }

        /**
         * Adds an announce list with tiers (a torrent's {@code announce-list}). With more than one tier, announces
         * follow BEP 12: tiers in order, trackers shuffled once within a tier, the first that answers used and moved
         * to the front of its tier; unless {@link #announceToAllTrackers()}.
         *
         * @param announceList the tiers, in order, each a list of URLs
         * @return this builder
         * @throws NullPointerException if a tier or a URL is null
         */
        public Builder announceTiers(List<List<String>> announceList) {
            for (List<String> tier : announceList) {
                announce(tier);
                tiers.add(List.copyOf(tier));
            }
            return this;
        }

        /**
         * Announces to every tracker of every tier, as the JavaScript client does, instead of BEP 12.
         *
         * @return this builder
         */
        public Builder announceToAllTrackers() {
            this.announceToAll = true;
            return this;
        }

        /**
         * The port peers connect to; required unless the client's options have a
         * {@link io.github.bttracker.spi.WebRtc}.
         *
         * @param port 1–65535
         * @return this builder
         * @throws IllegalArgumentException if the port is out of range
         */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range 1-65535: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Called before every announce, timer-driven ones included; default: nothing transferred, left unknown.
         *
         * @param supplier called on the client's event loop thread; it must be quick and must not block
         * @return this builder
         * @throws NullPointerException if {@code supplier} is null
         */
        public Builder announceOptions(Supplier<AnnounceOptions> supplier) {
            this.announceOptions = Objects.requireNonNull(supplier, "supplier");
            return this;
        }

        /**
         * Shares a runtime (its event loop, connections and settings) with other clients; it is not closed. Its
         * options replace those given to {@link #options}.
         *
         * @param runtime the runtime; {@code null} (the default) to create one for this client
         * @return this builder
         */
        public Builder runtime(TrackerRuntime runtime) {
            this.runtime = runtime;
            return this;
        }

        /**
         * Settings of the runtime the client creates for itself (User-Agent, WebRTC, timeouts...); ignored with a
         * shared {@link #runtime}.
         *
         * @param options the options; {@link TrackerClientOptions#defaults()} by default
         * @return this builder
         * @throws NullPointerException if {@code options} is null
         */
        public Builder options(TrackerClientOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * First back-off after a failure, doubling up to {@link #maxBackoff}; by default the runtime options'
         * ({@link io.github.bttracker.options.RetryPolicy#minBackoff()}, 15 s).
         *
         * @param backoff the first back-off
         * @return this builder
         * @throws NullPointerException if {@code backoff} is null
         */
        public Builder minBackoff(Duration backoff) {
            this.minBackoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        /**
         * Longest back-off; by default the runtime options'
         * ({@link io.github.bttracker.options.RetryPolicy#maxBackoff()}, 30 min).
         *
         * @param backoff the longest back-off
         * @return this builder
         * @throws NullPointerException if {@code backoff} is null
         */
        public Builder maxBackoff(Duration backoff) {
            this.maxBackoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        /**
         * Makes the client; unless a runtime was shared, this starts a runtime of its own (closed with the client).
         * Nothing is announced before {@link TrackerClient#start()}.
         *
         * @return the client
         * @throws IllegalStateException if no port was given and no WebRTC implementation either
         */
        public TrackerClient build() {
            TrackerClientOptions effective = runtime != null ? runtime.options() : options;
            if (port < 0 && effective.webSocket().webRtc().isEmpty()) {
                throw new IllegalStateException("a port is required unless a WebRTC implementation is given");
            }
            if (port < 0) {
                port = 0;
            }
            return new TrackerClient(this);
        }
    }
}
