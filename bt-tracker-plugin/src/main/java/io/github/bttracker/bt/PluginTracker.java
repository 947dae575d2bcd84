package io.github.bttracker.bt;

import bt.metainfo.TorrentId;
import bt.tracker.Tracker;
import bt.tracker.TrackerRequestBuilder;
import bt.tracker.TrackerResponse;
import io.github.bttracker.core.AnnounceEvent;
import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.InfoHash;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Bt's view of one tracker URL served by the plugin. Thread-safe: many engine threads may announce through it at
 * once, and each call runs as its own request on the shared event loop. Remembers the {@code tracker id} this
 * tracker gives each torrent and sends it back, until the torrent announces {@code stopped}. Keeps track of the
 * torrents it announced as started and not yet stopped, so that a shutdown can stop them.
 */
final class PluginTracker implements Tracker {

    private final String trackerUrl;
    private final PluginRuntime runtime;
    private final AnnounceParameters parameters;
    private final ConcurrentMap<InfoHash, String> trackerIds = new ConcurrentHashMap<>();
    private final Set<InfoHash> started = ConcurrentHashMap.newKeySet();
    private final Set<InfoHash> stoppedAtShutdown = ConcurrentHashMap.newKeySet();

    PluginTracker(String trackerUrl, PluginRuntime runtime, AnnounceParameters parameters) {
        this.trackerUrl = trackerUrl;
        this.runtime = runtime;
        this.parameters = parameters;
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
        if (event == AnnounceEvent.STOPPED) {
            started.remove(infoHash);
        } else {
            started.add(infoHash);
        }
        AnnounceRequest request = parameters.request(
                builder.getTorrentId(), event, builder.getNumWant(), trackerIds.get(infoHash));
        var timeout = parameters.timeout(runtime.options().requestTimeout());
        CompletableFuture<AnnounceResponse> future = runtime.get().announce(trackerUrl, request, timeout)
                .whenComplete((response, error) -> remember(infoHash, event, response));
        return BlockingAnnounce.await(trackerUrl, future, timeout);
    }

    private void remember(InfoHash infoHash, AnnounceEvent event, AnnounceResponse response) {
        if (event == AnnounceEvent.STOPPED) {
            trackerIds.remove(infoHash);
        } else if (response != null) {
            response.trackerId().ifPresent(id -> trackerIds.put(infoHash, id));
        }
    }

    /**
     * Announces {@code stopped} for every torrent still started here, without waiting.
     *
     * @return the announces in flight
     */
    List<CompletableFuture<AnnounceResponse>> stopAll(Duration timeout) {
        List<CompletableFuture<AnnounceResponse>> stops = new java.util.ArrayList<>();
        for (InfoHash infoHash : List.copyOf(started)) {
            if (!started.remove(infoHash)) {
                continue;
            }
            stoppedAtShutdown.add(infoHash);
            AnnounceRequest request = parameters.request(bt.metainfo.TorrentId.fromBytes(infoHash.bytes()),
                    AnnounceEvent.STOPPED, 0, trackerIds.remove(infoHash));
            stops.add(runtime.get().announce(trackerUrl, request, timeout));
        }
        return stops;
    }

    @Override
    public void close() {
        // the shared runtime owns every connection; it is closed with the Bt runtime
    }

    @Override
    public String toString() {
        return "bt-tracker{" + trackerUrl + "}";
    }
}
