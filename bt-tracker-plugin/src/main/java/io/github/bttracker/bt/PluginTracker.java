package io.github.bttracker.bt;

import bt.metainfo.TorrentId;
import bt.tracker.Tracker;
import bt.tracker.TrackerRequestBuilder;
import bt.tracker.TrackerResponse;
import io.github.bttracker.core.AnnounceEvent;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.TrackerStatus;
import io.github.bttracker.internal.announce.AnnounceOutcome;
import io.github.bttracker.internal.announce.AnnounceSchedule;
import io.github.bttracker.internal.announce.Announcer;
import io.github.bttracker.options.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Bt's view of one tracker URL served by the plugin: one {@link Announcer} per torrent (its schedule and the
 * {@code tracker id} this tracker gave it, sent back until the torrent announces {@code stopped}), plus the
 * blocking Bt asks for and the back-off gate below. Thread-safe: many engine threads may announce through it at
 * once, and each call runs as its own request on the shared event loop. Keeps track of the
 * torrents it announced as started and not yet stopped, so that a shutdown can stop them.
 *
 * <p>Scheduling is shared with the standalone client ({@link AnnounceSchedule}), as far as Bt lets a tracker
 * decide: the interval Bt gets back is the tracker's with ±10% jitter, never below its {@code min interval}; after
 * a failure, the next {@code started} or regular announce goes out only once a back-off (doubling from
 * {@code minBackoff}, 15 s by default, to {@code maxBackoff}, 30 min, ±25% jitter) or the tracker's BEP 31 {@code retry in} has passed: earlier calls fail at once without
 * contacting the tracker (Bt itself retries a failed tracker every minute, forever). After {@code retry in: never}
 * only {@code completed} and {@code stopped} still go out. {@code completed} and {@code stopped} are always sent.
 */
final class PluginTracker implements Tracker {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PluginTracker.class);

    private final String trackerUrl;
    private final PluginRuntime runtime;
    private final AnnounceParameters parameters;
    private final Set<InfoHash> started = ConcurrentHashMap.newKeySet();
    private final Set<InfoHash> stoppedAtShutdown = ConcurrentHashMap.newKeySet();
    /** Per torrent announced and not stopped: its schedule and tracker id with this tracker. */
    private final ConcurrentMap<InfoHash, Announcer> announcers = new ConcurrentHashMap<>();
    /** The engine's own {@code stopped} announces still in flight, which a shutdown must wait for too. */
    private final Set<CompletableFuture<AnnounceOutcome>> stopsInFlight = ConcurrentHashMap.newKeySet();
    /**
     * The {@code completed} announces under way, the engine's and those of magnet downloads: a {@code stopped} for
     * the torrent must not overtake them (they would reach the tracker in either order on two connections).
     */
    private final ConcurrentMap<InfoHash, Set<CompletableFuture<?>>> completesInFlight = new ConcurrentHashMap<>();
    private final MagnetCompletion magnetCompletion;

    PluginTracker(String trackerUrl, PluginRuntime runtime, AnnounceParameters parameters,
                  MagnetCompletion magnetCompletion) {
        this.trackerUrl = trackerUrl;
        this.runtime = runtime;
        this.parameters = parameters;
        this.magnetCompletion = magnetCompletion;
    }

    @Override
    public TrackerRequestBuilder request(TorrentId torrentId) {
        return new TrackerRequestBuilder(torrentId) {
            @Override
            public TrackerResponse start() {
                return announce(this, AnnounceEvent.STARTED);
            }

            @Override
            public TrackerResponse stop() {
                return announce(this, AnnounceEvent.STOPPED);
            }

            @Override
            public TrackerResponse complete() {
                return announce(this, AnnounceEvent.COMPLETED);
            }

            @Override
            public TrackerResponse query() {
                return announce(this, AnnounceEvent.NONE);
            }
        };
    }

    private TrackerResponse announce(TrackerRequestBuilder builder, AnnounceEvent event) {
        InfoHash infoHash = InfoHash.of(builder.getTorrentId().getBytes());
        if (event == AnnounceEvent.STOPPED && stoppedAtShutdown.remove(infoHash)) {
            // the shutdown hook has already told the tracker; the engine's own stop comes after it
            return TrackerResponse.ok();
        }
        Announcer announcer = event == AnnounceEvent.STOPPED ? announcers.remove(infoHash)
                : announcers.computeIfAbsent(infoHash, hash -> announcer());
        if (announcer != null && (event == AnnounceEvent.NONE || event == AnnounceEvent.STARTED)) {
            AnnounceSchedule schedule = announcer.schedule();
            Optional<Duration> wait = schedule.waitBeforeRegularAnnounce();
            if (wait.isPresent()) {
                return TrackerResponse.failure(schedule.isRetired()
                        ? "not contacting " + trackerUrl + ": it asked never to be retried (" + lastError(schedule) + ")"
                        : "not contacting " + trackerUrl + " for another " + wait.get().toSeconds()
                        + " s, backing off after " + schedule.consecutiveFailures() + " failure(s): "
                        + lastError(schedule));
            }
        }
        if (event == AnnounceEvent.STOPPED) {
            magnetCompletion.completeIfDue(builder.getTorrentId());
            awaitCompleted(infoHash, parameters.timeout(runtime.options().connection().requestTimeout()));
            started.remove(infoHash);
            runtime.closePeers(infoHash);
        } else {
            started.add(infoHash);
        }
        CompletableFuture<Void> completing = event == AnnounceEvent.COMPLETED ? inFlight(infoHash) : null;
        try {
            return send(builder, event, announcer != null ? announcer : announcer());
        } finally {
            if (completing != null) {
                completing.complete(null);
            }
            if (event == AnnounceEvent.STOPPED) {
                magnetCompletion.forget(builder.getTorrentId());
            }
        }
    }

    /** @param announcer the torrent's, or a new one for a {@code stopped} of a torrent not announced here */
    private TrackerResponse send(TrackerRequestBuilder builder, AnnounceEvent event, Announcer announcer) {
        Duration timeout = parameters.timeout(runtime.options().connection().requestTimeout());
        CompletableFuture<AnnounceOutcome> future = announcer.announce(event,
                trackerId -> parameters.request(builder.getTorrentId(), event, builder.getNumWant(), trackerId),
                timeout, event != AnnounceEvent.STOPPED);
        future.thenAccept(PluginTracker::warnIfAbsurd);
        if (event == AnnounceEvent.STOPPED) {
            stopsInFlight.add(future);
            future.whenComplete((outcome, error) -> stopsInFlight.remove(future));
        }
        TrackerResponse response = BlockingAnnounce.await(trackerUrl, future, timeout);
        if (event != AnnounceEvent.STOPPED) {
            magnetCompletion.watch(builder.getTorrentId());
        }
        return response;
    }

    private Announcer announcer() {
        RetryPolicy retry = runtime.options().retry();
        return new Announcer(runtime::get, trackerUrl, new AnnounceSchedule(trackerUrl,
                retry.minBackoff(), retry.maxBackoff(), java.time.Clock.systemUTC()));
    }

    private static void warnIfAbsurd(AnnounceOutcome outcome) {
        if (outcome.isAbsurd()) {
            LOG.warn("Tracker {} asked for an interval of {} (min interval {}); announcing again within {}",
                    io.github.bttracker.core.Secrets.maskUrl(outcome.trackerUrl()),
                    outcome.response().interval().orElse(null), outcome.response().minInterval().orElse(null),
                    AnnounceSchedule.MAX_INTERVAL);
        }
    }

    private static String lastError(AnnounceSchedule schedule) {
        return schedule.status().lastError().orElse("");
    }

    /** @return the torrents announced here as started and not yet stopped */
    List<InfoHash> startedTorrents() {
        return List.copyOf(started);
    }

    /** @return true if the torrent was announced here as started and not yet stopped */
    boolean isStarted(InfoHash infoHash) {
        return started.contains(infoHash);
    }

    /**
     * Announces {@code completed} on a thread of {@code executor}, as the engine would: see {@link MagnetCompletion}.
     * A {@code stopped} for the torrent waits for it: it counts as under way from this call on.
     */
    void completeInBackground(TorrentId torrentId, java.util.function.Supplier<java.util.concurrent.Executor> executor) {
        InfoHash infoHash = InfoHash.of(torrentId.getBytes());
        CompletableFuture<Void> completing = inFlight(infoHash);
        try {
            executor.get().execute(() -> {
                try {
                    TrackerResponse response = request(torrentId).complete();
                    if (!response.isSuccess()) {
                        LOG.warn("Failed to announce 'completed' to {}: {}",
                                io.github.bttracker.core.Secrets.maskUrl(trackerUrl), response.getErrorMessage());
                    }
                } finally {
                    completing.complete(null);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            completing.complete(null);
            LOG.debug("Not announcing 'completed' to {}: shutting down", this, e);
        }
    }

    /** @return a future that counts as a {@code completed} under way until it is completed */
    private CompletableFuture<Void> inFlight(InfoHash infoHash) {
        CompletableFuture<Void> completing = new CompletableFuture<>();
        completesInFlight.computeIfAbsent(infoHash, hash -> ConcurrentHashMap.newKeySet()).add(completing);
        completing.whenComplete((ok, error) -> completesInFlight.computeIfPresent(infoHash, (hash, set) -> {
            set.remove(completing);
            return set.isEmpty() ? null : set;
        }));
        return completing;
    }

    /** @return every {@code completed} under way for the torrent, as one future */
    private CompletableFuture<Void> completesUnderWay(InfoHash infoHash) {
        Set<CompletableFuture<?>> underWay = completesInFlight.get(infoHash);
        return underWay == null ? CompletableFuture.completedFuture(null)
                : CompletableFuture.allOf(underWay.toArray(CompletableFuture[]::new));
    }

    private void awaitCompleted(InfoHash infoHash, Duration timeout) {
        try {
            completesUnderWay(infoHash).get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.debug("'completed' to {} did not finish before 'stopped'", this, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return what is known about this tracker for the torrent, if it has announced it and not stopped it */
    Optional<TrackerStatus> status(InfoHash infoHash) {
        Announcer announcer = announcers.get(infoHash);
        return announcer == null ? Optional.empty() : Optional.of(announcer.schedule().status());
    }

    /**
     * Announces {@code stopped} for every torrent still started here, without waiting, each after the {@code completed}
     * under way for it, if any (the caller lets {@link MagnetCompletion} start those first).
     *
     * @return the announces in flight: these, and the {@code stopped} announces the engine already had under way
     */
    List<CompletableFuture<?>> stopAll(Duration timeout) {
        // the engine's own 'stopped' announces that are under way count too: the runtime must not close under them
        List<CompletableFuture<?>> stops = new java.util.ArrayList<>(stopsInFlight);
        for (InfoHash infoHash : List.copyOf(started)) {
            if (!started.remove(infoHash)) {
                continue;
            }
            stoppedAtShutdown.add(infoHash);
            Announcer removed = announcers.remove(infoHash);
            Announcer announcer = removed != null ? removed : announcer();
            // a magnet download's 'completed' under way goes first: a tracker must not see it after 'stopped'
            stops.add(completesUnderWay(infoHash).handle((ok, error) -> null).thenCompose(ignored ->
                    announcer.announce(AnnounceEvent.STOPPED, trackerId -> parameters.request(
                            bt.metainfo.TorrentId.fromBytes(infoHash.bytes()), AnnounceEvent.STOPPED, 0, trackerId),
                            timeout, false)));
        }
        return stops;
    }

    @Override
    public void close() {
        // the shared runtime owns every connection; it is closed with the Bt runtime
    }

    @Override
    public String toString() {
        return "bt-tracker{" + io.github.bttracker.core.Secrets.maskUrl(trackerUrl) + "}";
    }
}
