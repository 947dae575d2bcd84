package io.github.bttracker.bt;

import bt.metainfo.TorrentId;
import com.google.inject.Inject;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.TrackerStatus;
import java.util.List;

/**
 * What the plugin knows about the trackers of a Bt torrent: for each tracker the plugin serves, the last and next
 * announce, the last error and the counts (Bt itself keeps none of this). Obtain it from a runtime that has the
 * plugin:
 * <pre>{@code
 * TrackerStatusService trackers = runtime.service(TrackerStatusService.class);
 * for (TrackerStatus status : trackers.status(torrentId)) {
 *     System.out.println(status.trackerUrl() + " " + status.state() + " " + status.lastError().orElse(""));
 * }
 * }</pre>
 * Thread-safe, never blocks; each status is an immutable snapshot. Trackers served by Bt's own clients (schemes the
 * plugin does not serve) are not included.
 */
public final class TrackerStatusService {

    private final PluginTrackerService trackers;
    private final PluginRuntime runtime;

    @Inject
    TrackerStatusService(PluginTrackerService trackers, PluginRuntime runtime) {
        this.trackers = trackers;
        this.runtime = runtime;
    }

    /**
     * Whether WebSocket trackers give this runtime WebRTC peers: a module binds WebRTC (bt-tracker-webrtc's
     * {@code BtWebRtcModule}), and it started with the plugin's first announce. False before that announce.
     *
     * @return true once WebRTC has started
     */
    public boolean isWebRtcOn() {
        return runtime.webRtcStarted();
    }

    /**
     * @return the torrent's WebRTC peers open now, each also a peer connection of the torrent in Bt (which counts it
     *     among its peers, with a loopback address); 0 without WebRTC
     * @param torrentId the Bt torrent
     */
    public int webRtcPeers(TorrentId torrentId) {
        return runtime.connectedPeers(InfoHash.of(torrentId.getBytes()));
    }

    /**
     * @return one status per tracker that the torrent has announced to and not stopped, ordered by URL; empty for a
     *     torrent the plugin has not announced
     * @param torrentId the Bt torrent
     */
    public List<TrackerStatus> status(TorrentId torrentId) {
        return List.copyOf(trackers.status(InfoHash.of(torrentId.getBytes())));
    }
}
