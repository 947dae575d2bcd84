package io.github.bttracker.internal.announce;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Where one announce of a torrent with an announce list in tiers (BEP 12) goes: the one policy of both front ends.
 * The {@code tiered} trackers are tried in order until one answers; WebSocket trackers come last, whatever their
 * tier: without WebRTC they give counts but never peers, and their success must not end the search for a tracker
 * that gives peers. With WebRTC, each WebSocket tracker is a swarm of its own, of WebRTC peers: the announce goes to
 * every one of them ({@code swarms}), beside the tiers, which then hold only the other trackers.
 *
 * @param tiered the trackers to try in order, the first that answers ending the search
 * @param swarms the trackers that every announce goes to as well (WebSocket trackers with WebRTC on), in order
 */
public record TierPlan(List<String> tiered, List<String> swarms) {

    public TierPlan {
        tiered = List.copyOf(tiered);
        swarms = List.copyOf(swarms);
    }

    /**
     * @param attemptOrder the tiers' current order ({@link TrackerTiers#attemptOrder()})
     * @param webRtc whether WebSocket trackers give peers (over WebRTC)
     */
    public static TierPlan of(List<String> attemptOrder, boolean webRtc) {
        if (webRtc && attemptOrder.stream().anyMatch(TierPlan::isWebSocket)) {
            return new TierPlan(attemptOrder.stream().filter(url -> !isWebSocket(url)).toList(),
                    attemptOrder.stream().filter(TierPlan::isWebSocket).toList());
        }
        List<String> sorted = new ArrayList<>(attemptOrder);
        sorted.sort(Comparator.comparing(TierPlan::isWebSocket)); // stable: BEP 12 order otherwise kept
        return new TierPlan(sorted, List.of());
    }

    public static boolean isWebSocket(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("ws://") || lower.startsWith("wss://");
    }
}
