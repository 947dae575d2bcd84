package io.github.bttracker.internal.announce;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * The order in which a multi-tracker torrent tries its trackers (BEP 12): tiers in the order given, trackers
 * shuffled once within each tier, and a tracker that answers moved to the front of its tier so it is tried first
 * next time. Thread-safe: concurrent announces see consistent snapshots and promotions do not get lost.
 *
 * @param <T> what identifies a tracker (its URL, or a client for it)
 */
public final class TrackerTiers<T> {

    private final List<List<T>> tiers;

    private TrackerTiers(List<List<T>> tiers) {
        this.tiers = tiers;
    }

    /**
     * @param tiers the announce list, tier by tier; empty tiers are dropped, duplicates within the whole list are
     *     kept only at their first place
     * @param random the source of the one-time shuffle
     */
    public static <T> TrackerTiers<T> shuffled(List<? extends List<? extends T>> tiers, Random random) {
        Objects.requireNonNull(random, "random");
        List<List<T>> copy = new ArrayList<>();
        List<T> seen = new ArrayList<>();
        for (List<? extends T> tier : tiers) {
            List<T> shuffled = new ArrayList<>();
            for (T tracker : tier) {
                if (!seen.contains(tracker)) {
                    seen.add(tracker);
                    shuffled.add(Objects.requireNonNull(tracker, "tracker"));
                }
            }
            Collections.shuffle(shuffled, random);
            if (!shuffled.isEmpty()) {
                copy.add(shuffled);
            }
        }
        return new TrackerTiers<>(copy);
    }

    /** @return every tracker in the order to try them now: first tier first, within a tier the current order */
    public synchronized List<T> attemptOrder() {
        List<T> order = new ArrayList<>();
        tiers.forEach(order::addAll);
        return order;
    }

    /** @return a snapshot of the tiers in their current order */
    public synchronized List<List<T>> tiers() {
        List<List<T>> snapshot = new ArrayList<>(tiers.size());
        tiers.forEach(tier -> snapshot.add(List.copyOf(tier)));
        return snapshot;
    }

    /** Moves a tracker that answered to the front of its tier (BEP 12). Unknown trackers are ignored. */
    public synchronized void promote(T tracker) {
        for (List<T> tier : tiers) {
            int at = tier.indexOf(tracker);
            if (at > 0) {
                tier.add(0, tier.remove(at));
                return;
            }
            if (at == 0) {
                return;
            }
        }
    }
}
