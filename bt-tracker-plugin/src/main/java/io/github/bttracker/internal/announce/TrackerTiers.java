package io.github.bttracker.internal.announce;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;

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

    /**
     * One BEP 12 announce, for both front ends: tries the trackers of {@code order} one after the other until one
     * succeeds, and moves that one to the front of its tier. The attempts may complete at once (the Bt adapter
     * blocks in them) or later (the standalone client).
     *
     * @param order the trackers to try ({@link #attemptOrder()}, as the {@link TierPlan} arranged it)
     * @param attempt announces to one tracker
     * @param isSuccess whether an attempt's result ends the walk
     * @param goOn told of each failure that another tracker would follow; false ends the walk there
     * @return the first success, else the last failure; null if {@code order} is empty
     */
    public <R> CompletableFuture<R> firstSuccess(List<T> order, Function<T, CompletableFuture<R>> attempt,
                                                 Predicate<R> isSuccess, BiPredicate<T, R> goOn) {
        return firstSuccess(List.copyOf(order), 0, attempt, isSuccess, goOn);
    }

    private <R> CompletableFuture<R> firstSuccess(List<T> order, int index, Function<T, CompletableFuture<R>> attempt,
                                                  Predicate<R> isSuccess, BiPredicate<T, R> goOn) {
        if (index >= order.size()) {
            return CompletableFuture.completedFuture(null);
        }
        T tracker = order.get(index);
        return attempt.apply(tracker).thenCompose(result -> {
            if (isSuccess.test(result)) {
                promote(tracker);
                return CompletableFuture.completedFuture(result);
            }
            if (index + 1 < order.size() && goOn.test(tracker, result)) {
                return firstSuccess(order, index + 1, attempt, isSuccess, goOn);
            }
            return CompletableFuture.completedFuture(result);
        });
    }
}
