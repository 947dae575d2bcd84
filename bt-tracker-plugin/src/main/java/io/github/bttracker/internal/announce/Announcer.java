package io.github.bttracker.internal.announce;

import io.github.bttracker.core.AnnounceEvent;
import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.TrackerException;
import io.github.bttracker.internal.runtime.TransportRuntime;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Announces one torrent to one tracker, for both front ends (the standalone client and the Bt adapter): sends the
 * request, and records what came back before the returned future completes: the {@link AnnounceSchedule} (interval
 * with jitter after a success; back-off, {@code retry in} or retirement after a failure), the {@code tracker id}
 * the tracker gave (sent back with every later announce, forgotten once {@code stopped} went out), and the failure,
 * named once. The callers add only what is theirs: timers and listeners, or blocking and Bt's types.
 *
 * <p>A runtime closing under the announce ({@link TrackerException.Kind#CLOSED}) is not the tracker's failure and is
 * not recorded. Thread-safe.
 */
public final class Announcer {

    private final Supplier<TransportRuntime> runtime;
    private final String trackerUrl;
    private final AnnounceSchedule schedule;
    private volatile String trackerId;

    /** @param runtime the runtime to announce through, asked at each announce (the Bt adapter starts it lazily) */
    public Announcer(Supplier<TransportRuntime> runtime, String trackerUrl, AnnounceSchedule schedule) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.trackerUrl = Objects.requireNonNull(trackerUrl, "trackerUrl");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
    }

    public String trackerUrl() {
        return trackerUrl;
    }

    public AnnounceSchedule schedule() {
        return schedule;
    }

    /**
     * Announces now, whatever the schedule says (the callers decide when), and records the answer.
     *
     * @param request builds the request from the tracker id to send back (null if none); may throw, to the caller
     * @param timeout the transport's deadline
     * @param recordOn where the answer is recorded and the suppliers below are asked (the client's event loop, or
     *     the thread that completes the request)
     * @param intervalOverride replaces the tracker's interval (still floored at its min interval); null for none
     * @param reschedule whether another announce is to follow (the outcome's {@code next}); a failure still sets
     *     the back-off that a later regular announce must wait for
     * @param inTiers whether the tracker is one of a BEP 12 walk: a failure then names no next announce of its
     *     own (the walk tries the next tracker, or the whole list later)
     * @return the outcome, already recorded; never completes exceptionally unless {@code recordOn} refuses the
     *     work (cancelling it cancels neither the request nor its recording)
     */
    public CompletableFuture<AnnounceOutcome> announce(AnnounceEvent event, Function<String, AnnounceRequest> request,
                                                       Duration timeout, Executor recordOn,
                                                       Supplier<Duration> intervalOverride, BooleanSupplier reschedule,
                                                       boolean inTiers) {
        AnnounceRequest built = request.apply(trackerId);
        CompletableFuture<AnnounceResponse> sent;
        try {
            sent = runtime.get().announce(trackerUrl, built, timeout);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        // a copy: a caller that stops waiting and cancels must not keep the answer from being recorded
        return sent.handleAsync((response, error) -> {
            boolean next = reschedule.getAsBoolean();
            return record(event, response, error, intervalOverride.get(), next, next && !inTiers);
        }, recordOn).copy();
    }

    /** One announce outside tiers, recorded on the thread that completes it, with no interval override. */
    public CompletableFuture<AnnounceOutcome> announce(AnnounceEvent event, Function<String, AnnounceRequest> request,
                                                       Duration timeout, boolean reschedule) {
        return announce(event, request, timeout, Runnable::run, () -> null, () -> reschedule, false);
    }

    private AnnounceOutcome record(AnnounceEvent event, AnnounceResponse response, Throwable error,
                                   Duration intervalOverride, boolean reschedule, boolean retryAfterFailure) {
        if (event == AnnounceEvent.STOPPED) {
            trackerId = null; // BEP 3: the id belongs to this session of the torrent with the tracker
        }
        if (error != null) {
            Throwable cause = unwrap(error);
            String failure = describe(cause);
            AnnounceOutcome outcome = new AnnounceOutcome(trackerUrl, event, null, cause, failure, null,
                    Optional.empty());
            if (outcome.isClosed()) {
                return outcome;
            }
            Optional<Duration> next = schedule.failed(event, failure, null, retryAfterFailure);
            return new AnnounceOutcome(trackerUrl, event, null, cause, failure, null, next);
        }
        if (!response.isSuccess()) {
            String failure = "the tracker refused the announce: " + response.failureReason().orElse("");
            Optional<Duration> next = schedule.failed(event, failure, response, retryAfterFailure);
            return new AnnounceOutcome(trackerUrl, event, response, null, failure, null, next);
        }
        if (event != AnnounceEvent.STOPPED) {
            response.trackerId().ifPresent(id -> trackerId = id);
        }
        Duration interval = schedule.succeeded(event, response, intervalOverride, reschedule);
        return new AnnounceOutcome(trackerUrl, event, response, null, null, interval,
                reschedule ? Optional.of(interval) : Optional.empty());
    }

    /** The failure without the tracker URL a {@link TrackerException}'s message starts with (a warning has it). */
    public static String describe(Throwable failure) {
        return failure instanceof TrackerException te ? te.detail() : String.valueOf(failure.getMessage());
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}
