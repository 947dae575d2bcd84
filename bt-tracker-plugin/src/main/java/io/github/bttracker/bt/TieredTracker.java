package io.github.bttracker.bt;

import bt.metainfo.TorrentId;
import bt.tracker.Tracker;
import bt.tracker.TrackerRequestBuilder;
import bt.tracker.TrackerResponse;
import io.github.bttracker.core.Secrets;
import io.github.bttracker.internal.announce.AnnounceList;
import io.github.bttracker.internal.announce.TierPlan;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A torrent's announce list with tiers (BEP 12): each announce goes to the first tracker, in {@link TrackerTiers}
 * order, that answers successfully; that tracker moves to the front of its tier. When every tracker fails, the
 * last failure is returned. Where WebSocket trackers go is the {@link TierPlan}'s, shared with the standalone
 * client: last without WebRTC; with WebRTC every announce also goes to all of them, after the tiers, and their
 * peers come connected (through the {@link WebRtcBridge}), not in the answer. Thread-safe.
 */
final class TieredTracker implements Tracker {

    private static final Logger LOG = LoggerFactory.getLogger(TieredTracker.class);

    private final AnnounceList tiers;
    private final Function<String, Tracker> trackers;

    TieredTracker(AnnounceList tiers, Function<String, Tracker> trackers) {
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
        TierPlan plan = tiers.plan();
        if (plan.swarms().isEmpty()) {
            return firstSuccess(outer, call, plan.tiered());
        }
        // the tiers' answer first, if any; else a swarm's success; else a failure
        TrackerResponse fromTiers = plan.tiered().isEmpty() ? null : firstSuccess(outer, call, plan.tiered());
        TrackerResponse fromSwarms = null;
        for (String url : plan.swarms()) {
            TrackerResponse response = ask(outer, call, url);
            if (fromSwarms == null || response.isSuccess() && !fromSwarms.isSuccess()) {
                fromSwarms = response;
            }
        }
        return fromTiers != null && (fromTiers.isSuccess() || !fromSwarms.isSuccess()) ? fromTiers : fromSwarms;
    }

    private TrackerResponse ask(TrackerRequestBuilder outer, Function<TrackerRequestBuilder, TrackerResponse> call,
                                String url) {
        try {
            TrackerRequestBuilder request = trackers.apply(url).request(outer.getTorrentId());
            request.numWant(outer.getNumWant());
            return call.apply(request);
        } catch (RuntimeException e) {
            return TrackerResponse.exceptional(e);
        }
    }

    private TrackerResponse firstSuccess(TrackerRequestBuilder outer, Function<TrackerRequestBuilder, TrackerResponse> call,
                                         List<String> order) {
        TrackerResponse answer = tiers.firstSuccess(order,
                url -> CompletableFuture.completedFuture(ask(outer, call, url)), TrackerResponse::isSuccess,
                (url, response) -> {
                    LOG.debug("Tracker {} failed for {}, trying the next one: {}", Secrets.maskUrl(url),
                            outer.getTorrentId(),
                            response.getError().map(Throwable::getMessage).orElse(response.getErrorMessage()));
                    return true;
                }).join();
        return answer != null ? answer : TrackerResponse.failure("the announce list has no usable tracker");
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
