package io.github.bttracker.bt;

import bt.BtException;
import bt.module.TrackerFactories;
import bt.service.IRuntimeLifecycleBinder;
import bt.tracker.AnnounceKey;
import bt.tracker.ITrackerService;
import bt.tracker.Tracker;
import bt.tracker.TrackerFactory;
import com.google.inject.Inject;
import io.github.bttracker.internal.announce.AnnounceList;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin's replacement for Bt's {@code TrackerService}: every tracker the engine uses comes from here. URLs whose
 * scheme the plugin serves get the plugin's clients; other schemes go to the tracker factories Bt has registered
 * (its own UDP client, or any other), so nothing a Bt runtime could reach before is lost. Announce keys with tiers
 * follow BEP 12 in {@link TieredTracker}.
 *
 * <p>When the Bt runtime shuts down, the plugin announces {@code stopped} for every torrent it still has started
 * (Bt stops its torrents asynchronously, racing its own shutdown, so it cannot be left to the engine), waits for
 * those announces at most {@link #STOP_ANNOUNCE_TIMEOUT}, closes the trackers obtained from Bt's factories, and
 * then closes the plugin's runtime.
 */
final class PluginTrackerService implements ITrackerService {

    private static final Logger LOG = LoggerFactory.getLogger(PluginTrackerService.class);

    /** The longest a shutdown waits for its {@code stopped} announces (libtorrent allows 5 s for these). */
    static final Duration STOP_ANNOUNCE_TIMEOUT = Duration.ofSeconds(3);

    private final PluginRuntime runtime;
    private final AnnounceParameters parameters;
    private final Map<String, TrackerFactory> btFactories;
    private final ConcurrentMap<String, PluginTracker> trackers = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Tracker> btTrackers = new ConcurrentHashMap<>();
    private final ConcurrentMap<AnnounceKey, Tracker> tieredTrackers = new ConcurrentHashMap<>();
    private final Random random = new SecureRandom();
    private final MagnetCompletion magnetCompletion;

    @Inject
    PluginTrackerService(PluginRuntime runtime, AnnounceParameters parameters,
                         @TrackerFactories Map<String, TrackerFactory> btFactories,
                         IRuntimeLifecycleBinder lifecycleBinder, bt.event.EventSource events,
                         bt.torrent.TorrentRegistry torrentRegistry) {
        this.runtime = runtime;
        this.magnetCompletion = new MagnetCompletion(events, torrentRegistry, trackers::values);
        this.parameters = parameters;
        this.btFactories = btFactories;
        lifecycleBinder.onShutdown("Close bt-tracker's tracker clients", this::close);
    }

    @Override
    public boolean isSupportedProtocol(String trackerUrl) {
        return servedByPlugin(trackerUrl) || btFactories.containsKey(scheme(trackerUrl));
    }

    @Override
    public Tracker getTracker(String trackerUrl) {
        if (servedByPlugin(trackerUrl)) {
            return trackers.computeIfAbsent(trackerUrl,
                    url -> new PluginTracker(url, runtime, parameters, magnetCompletion));
        }
        TrackerFactory factory = btFactories.get(scheme(trackerUrl));
        if (factory == null) {
            throw new BtException("Unsupported tracker protocol '" + scheme(trackerUrl) + "': " + trackerUrl);
        }
        return btTrackers.computeIfAbsent(trackerUrl, factory::getTracker);
    }

    @Override
    public Tracker getTracker(AnnounceKey announceKey) {
        if (!announceKey.isMultiKey()) {
            return getTracker(announceKey.getTrackerUrl());
        }
        // one instance per announce list, so the engine's announcer and peer source share the BEP 12 order
        return tieredTrackers.computeIfAbsent(announceKey, key -> new TieredTracker(
                new AnnounceList(key.getTrackerUrls(), random, runtime::webRtc, runtime.options().retry().minBackoff(),
                        runtime.options().retry().maxBackoff()), this::getTracker));
    }

    /** @return what each of the plugin's trackers knows about the torrent, by tracker URL */
    List<io.github.bttracker.core.TrackerStatus> status(io.github.bttracker.core.InfoHash infoHash) {
        List<io.github.bttracker.core.TrackerStatus> status = new ArrayList<>();
        trackers.values().forEach(tracker -> tracker.status(infoHash).ifPresent(status::add));
        status.sort(java.util.Comparator.comparing(io.github.bttracker.core.TrackerStatus::trackerUrl));
        return status;
    }

    private boolean servedByPlugin(String trackerUrl) {
        return trackerUrl != null && runtime.get().supports(trackerUrl);
    }

    private void stopStartedTorrents() {
        // a finished magnet download's 'completed' first: each tracker's 'stopped' then waits for its own
        trackers.values().forEach(tracker -> tracker.startedTorrents().forEach(infoHash ->
                magnetCompletion.completeIfDue(bt.metainfo.TorrentId.fromBytes(infoHash.bytes()))));
        List<CompletableFuture<?>> stops = new ArrayList<>();
        trackers.values().forEach(tracker -> stops.addAll(tracker.stopAll(STOP_ANNOUNCE_TIMEOUT)));
        if (stops.isEmpty()) {
            return;
        }
        try {
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new))
                    .get(STOP_ANNOUNCE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("Not every 'stopped' announce got through at shutdown", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String scheme(String url) {
        int colon = url == null ? -1 : url.indexOf("://");
        return colon <= 0 ? "" : url.substring(0, colon).toLowerCase(Locale.ROOT);
    }

    private void close() {
        stopStartedTorrents();
        magnetCompletion.close();
        btTrackers.values().forEach(tracker -> {
            try {
                tracker.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("Failed to close {}", tracker, e);
            }
        });
        runtime.close();
    }
}
