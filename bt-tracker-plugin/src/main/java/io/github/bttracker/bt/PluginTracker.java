package io.github.bttracker.bt;

import bt.metainfo.TorrentId;
import bt.tracker.Tracker;
import bt.tracker.TrackerRequestBuilder;
import bt.tracker.TrackerResponse;
import io.github.bttracker.core.AnnounceEvent;
import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.InfoHash;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Bt's view of one tracker URL served by the plugin. Thread-safe: many engine threads may announce through it at
 * once, and each call runs as its own request on the shared event loop. Remembers the {@code tracker id} this
 * tracker gives each torrent and sends it back, until the torrent announces {@code stopped}.
 */
final class PluginTracker implements Tracker {

    private final String trackerUrl;
    private final PluginRuntime runtime;
    private final AnnounceParameters parameters;
    private final ConcurrentMap<InfoHash, String> trackerIds = new ConcurrentHashMap<>();

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

    @Override
    public void close() {
        // the shared runtime owns every connection; it is closed with the Bt runtime
    }

    @Override
    public String toString() {
        return "bt-tracker{" + trackerUrl + "}";
    }
}
