package io.github.bttracker.bt;

import bt.metainfo.TorrentId;
import bt.tracker.Tracker;
import bt.tracker.TrackerRequestBuilder;
import bt.tracker.TrackerResponse;
import io.github.bttracker.announce.TrackerTiers;
import io.github.bttracker.core.Secrets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A torrent's announce list with tiers (BEP 12): each announce goes to the first tracker, in {@link TrackerTiers}
 * order, that answers successfully; that tracker moves to the front of its tier. When every tracker fails, the
 * last failure is returned. WebSocket trackers come last, whatever their tier: Bt has no WebRTC, so they give it
 * counts but never peers, and their success must not stop the search for a tracker that gives peers. Thread-safe.
 */
final class TieredTracker implements Tracker {

    private static final Logger LOG = LoggerFactory.getLogger(TieredTracker.class);

    private final TrackerTiers<String> tiers;
    private final Function<String, Tracker> trackers;

    TieredTracker(TrackerTiers<String> tiers, Function<String, Tracker> trackers) {
        this.tiers = tiers;
        this.trackers = trackers;
    }

    @Override
    public TrackerRequestBuilder request(TorrentId torrentId) {
        return new TrackerRequestBuilder(torrentId) {
            @Override
            public TrackerResponse start() {
                return firstSuccess(this, TrackerRequestBuilder::start);
            }

            @Override
            public TrackerResponse stop() {
                return firstSuccess(this, TrackerRequestBuilder::stop);
            }

            @Override
            public TrackerResponse complete() {
                return firstSuccess(this, TrackerRequestBuilder::complete);
            }

            @Override
            public TrackerResponse query() {
                return firstSuccess(this, TrackerRequestBuilder::query);
            }
        };
    }

    private TrackerResponse firstSuccess(TrackerRequestBuilder outer, Function<TrackerRequestBuilder, TrackerResponse> call) {
        TrackerResponse last = TrackerResponse.failure("the announce list has no usable tracker");
        for (String url : peerSourcesFirst(tiers.attemptOrder())) {
            TrackerResponse response;
            try {
                TrackerRequestBuilder request = trackers.apply(url).request(outer.getTorrentId());
                request.numWant(outer.getNumWant());
                response = call.apply(request);
            } catch (RuntimeException e) {
                response = TrackerResponse.exceptional(e);
            }
            if (response.isSuccess()) {
                tiers.promote(url);
                return response;
            }
            LOG.debug("Tracker {} failed for {}, trying the next one: {}", Secrets.maskUrl(url), outer.getTorrentId(),
                    response.getError().map(Throwable::getMessage).orElse(response.getErrorMessage()));
            last = response;
        }
        return last;
    }

    private static List<String> peerSourcesFirst(List<String> order) {
        List<String> sorted = new ArrayList<>(order);
        sorted.sort(Comparator.comparing(TieredTracker::isWebSocket)); // stable: BEP 12 order otherwise kept
        return sorted;
    }

    private static boolean isWebSocket(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("ws://") || lower.startsWith("wss://");
    }

    @Override
    public void close() {
        // the trackers of the tiers are owned and closed by the tracker service
    }

    @Override
    public String toString() {
        return "bt-tracker tiers" + Secrets.maskUrls(String.valueOf(tiers.tiers()));
    }
}
