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

    @Inject
    TrackerStatusService(PluginTrackerService trackers) {
        this.trackers = trackers;
    }

    /**
     * @return one status per tracker that the torrent has announced to and not stopped, ordered by URL; empty for a
     *     torrent the plugin has not announced
     */
    public List<TrackerStatus> status(TorrentId torrentId) {
        return List.copyOf(trackers.status(InfoHash.of(torrentId.getBytes())));
    }
}
