package io.github.bttracker.internal.announce;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiPredicate;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One torrent's announce list in BEP 12 tiers, for both front ends: the order to try ({@link TrackerTiers}), where
 * WebSocket trackers go ({@link TierPlan}), the walk to the first tracker that answers, and the back-off of the whole
 * list when none does. Each tracker's own schedule and tracker id stay with its {@link Announcer}.
 *
 * <p>The front ends add only what is theirs: the standalone client its timer for the list; the Bt adapter its
 * blocking. Bt asks again on its own clock, and each tracker's own back-off gate applies then, so the Bt adapter never
 * asks for the list's back-off. Thread-safe.
 */
public final class AnnounceList {

    private final TrackerTiers<String> tiers;
    private final BooleanSupplier webRtc;
    /** The back-off of the whole list: doubles while every tracker fails, reset by a success. */
    private final AnnounceSchedule backoff;

    /**
     * @param tiers the announce list, tier by tier (see {@link TrackerTiers#shuffled})
     * @param random the source of the one-time shuffle within each tier
     * @param webRtc whether WebSocket trackers give peers (over WebRTC), asked at each announce
     * @param minBackoff the list's first back-off after every tracker failed
     * @param maxBackoff the list's longest back-off
     */
    public AnnounceList(List<? extends List<String>> tiers, Random random, BooleanSupplier webRtc,
                        Duration minBackoff, Duration maxBackoff) {
        this.tiers = TrackerTiers.shuffled(tiers, random);
        this.webRtc = Objects.requireNonNull(webRtc, "webRtc");
        this.backoff = new AnnounceSchedule("the announce list", minBackoff, maxBackoff, Clock.systemUTC());
    }

    /** @return where this announce goes: the tiers in their current order, and the swarms beside them */
    public TierPlan plan() {
        return TierPlan.of(tiers.attemptOrder(), webRtc.getAsBoolean());
    }

    /**
     * Walks {@code order} (the plan's tiered trackers) to the first success, which moves to the front of its tier,
     * and resets the list's back-off; see {@link TrackerTiers#firstSuccess}.
     *
     * @return the first success, else the last failure; null if {@code order} is empty
     */
    public <R> CompletableFuture<R> firstSuccess(List<String> order, Function<String, CompletableFuture<R>> attempt,
                                                 Predicate<R> isSuccess, BiPredicate<String, R> goOn) {
        return tiers.firstSuccess(order, attempt, isSuccess, goOn).thenApply(result -> {
            if (result != null && isSuccess.test(result)) {
                backoff.reset();
            }
            return result;
        });
    }

    /**
     * Every tracker of a walk failed: the list is to be tried again after the list's back-off, which doubles with
     * each such walk, and which each tracker's schedule shows as its next announce.
     *
     * @param schedules the schedules of the trackers walked
     * @return the delay until the list is tried again
     */
    public Duration everyTrackerFailed(List<AnnounceSchedule> schedules) {
        Duration delay = backoff.backoff();
        schedules.forEach(schedule -> schedule.nextAnnounceIn(delay));
        return delay;
    }

    /** @return a snapshot of the tiers in their current order */
    public List<List<String>> tiers() {
        return tiers.tiers();
    }
}
