package io.github.bttracker.internal.announce;

import io.github.bttracker.core.AnnounceEvent;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.TrackerStatus;
import io.github.bttracker.options.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to announce next to one tracker for one torrent, and what happened so far: the policy the standalone client
 * and the Bt adapter share. Answers are recorded here by the {@link Announcer} only; the callers read the outcome,
 * and a BEP 12 list's own back-off (every tracker of the list failed) is a schedule of its own.
 * <ul>
 *   <li>after a success: the tracker's {@code interval} (or an override), ±10% jitter, never below its
 *       {@code min interval}, and never beyond {@link #MAX_INTERVAL} (a day), whatever the tracker asks;</li>
 *   <li>after a failure: a back-off that doubles from {@code minBackoff} up to {@code maxBackoff}, ±25% jitter,
 *       or the tracker's BEP 31 {@code retry in}; {@code retry in: never} retires the tracker.</li>
 * </ul>
 * Thread-safe (every method is synchronized): the Bt engine may announce from several threads.
 */
public final class AnnounceSchedule {

    /** The interval used when a tracker gives none. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(30);
    public static final Duration DEFAULT_MIN_BACKOFF = RetryPolicy.DEFAULT_MIN_BACKOFF;
    public static final Duration DEFAULT_MAX_BACKOFF = RetryPolicy.DEFAULT_MAX_BACKOFF;
    /** The longest wait between regular announces, whatever interval or min interval a tracker asks for. */
    public static final Duration MAX_INTERVAL = Duration.ofDays(1);

    private static final Duration YEAR = Duration.ofDays(365);

    private final String trackerUrl;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final Clock clock;

    private TrackerStatus.State state = TrackerStatus.State.NEW;
    private int consecutiveFailures;
    private long successes;
    private long failures;
    private Instant lastAnnounce;
    private AnnounceEvent lastEvent;
    private Instant nextAnnounce;
    /** No regular announce before this instant (back-off, retry in); null if none. */
    private Instant notBefore;
    private String lastError;
    private Long seeders;
    private Long leechers;

    public AnnounceSchedule(String trackerUrl, Duration minBackoff, Duration maxBackoff, Clock clock) {
        this.trackerUrl = Objects.requireNonNull(trackerUrl, "trackerUrl");
        this.minBackoff = requirePositive(minBackoff, "minBackoff");
        this.maxBackoff = requirePositive(maxBackoff, "maxBackoff");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is below minBackoff " + minBackoff);
        }
    }

    /** A schedule with the default back-off (15 s to 30 min) and the system clock. */
    public AnnounceSchedule(String trackerUrl) {
        this(trackerUrl, DEFAULT_MIN_BACKOFF, DEFAULT_MAX_BACKOFF, Clock.systemUTC());
    }

    /**
     * Records a successful answer.
     *
     * @param event the event that was announced
     * @param intervalOverride replaces the tracker's interval (still floored at its min interval), or null
     * @param reschedule whether another regular announce follows (false after {@code stopped})
     * @return the delay until the next regular announce
     */
    public synchronized Duration succeeded(AnnounceEvent event, AnnounceResponse response, Duration intervalOverride,
                                           boolean reschedule) {
        Instant now = clock.instant();
        lastEvent = Objects.requireNonNull(event, "event");
        consecutiveFailures = 0;
        successes++;
        lastAnnounce = now;
        lastError = null;
        seeders = response.complete().isPresent() ? response.complete().getAsLong() : null;
        leechers = response.incomplete().isPresent() ? response.incomplete().getAsLong() : null;
        Duration interval = intervalOverride != null ? intervalOverride
                : response.interval().filter(d -> !d.isZero() && !d.isNegative()).orElse(DEFAULT_INTERVAL);
        Duration floor = min(response.minInterval().orElse(Duration.ZERO), MAX_INTERVAL);
        Duration next = min(max(jitter(interval, 0.10), floor), MAX_INTERVAL);
        notBefore = null; // the min interval floors the next regular announce; an explicit update may go sooner
        state = reschedule ? TrackerStatus.State.OK : TrackerStatus.State.STOPPED;
        nextAnnounce = reschedule ? now.plus(next) : null;
        return next;
    }

    /**
     * Records a failed announce: an error, or the tracker's refusal.
     *
     * @param event the event that was announced
     * @param refusal the tracker's failure response (BEP 31 {@code retry in} is honoured), or null for an error
     * @param reschedule whether another regular announce should follow
     * @return the delay until the next announce; empty if none follows (not asked, or the tracker retired)
     */
    public synchronized Optional<Duration> failed(AnnounceEvent event, String error, AnnounceResponse refusal,
                                                  boolean reschedule) {
        Instant now = clock.instant();
        lastEvent = Objects.requireNonNull(event, "event");
        failures++;
        lastAnnounce = now;
        lastError = Objects.requireNonNull(error, "error");
        if (refusal != null && refusal.retryNever()) {
            state = TrackerStatus.State.RETIRED;
            nextAnnounce = null;
            notBefore = Instant.MAX;
            return Optional.empty();
        }
        Duration backoff = backoff();
        Duration next = refusal != null && refusal.retryIn().isPresent() ? refusal.retryIn().get() : backoff;
        notBefore = now.plus(next);
        state = TrackerStatus.State.FAILING;
        nextAnnounce = reschedule ? now.plus(next) : null;
        return reschedule ? Optional.of(next) : Optional.empty();
    }

    /** The next back-off delay, counting one more failure (for a whole announce list that failed). */
    public synchronized Duration backoff() {
        int doublings = Math.min(consecutiveFailures, 20);
        consecutiveFailures++;
        long millis = Math.min(maxBackoff.toMillis(), minBackoff.toMillis() << doublings);
        return jitter(Duration.ofMillis(millis), 0.25);
    }

    /** Records that the next announce to this tracker comes in {@code delay} (a retry decided for a whole list). */
    public synchronized void nextAnnounceIn(Duration delay) {
        nextAnnounce = clock.instant().plus(delay);
    }

    /** Forgets failures, as when a whole announce list gets an answer again. */
    public synchronized void reset() {
        consecutiveFailures = 0;
    }

    /**
     * @return how long a regular announce (no event) must still wait after a failure: the rest of the back-off or
     *     of the tracker's {@code retry in}; empty if it may go now. A retired tracker waits forever ({@link #isRetired()}).
     */
    public synchronized Optional<Duration> waitBeforeRegularAnnounce() {
        if (notBefore == null) {
            return Optional.empty();
        }
        if (notBefore == Instant.MAX) {
            return Optional.of(Duration.ofSeconds(Long.MAX_VALUE));
        }
        Duration wait = Duration.between(clock.instant(), notBefore);
        return wait.isNegative() || wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    /** @return true once the tracker said {@code retry in: never} */
    public synchronized boolean isRetired() {
        return state == TrackerStatus.State.RETIRED;
    }

    /** @return failures since the last success */
    public synchronized int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** @return a snapshot of what is known about this tracker */
    public synchronized TrackerStatus status() {
        return new TrackerStatus(trackerUrl, state, Optional.ofNullable(lastAnnounce),
                Optional.ofNullable(lastEvent), Optional.ofNullable(nextAnnounce),
                Optional.ofNullable(lastError), successes, failures, Optional.ofNullable(seeders),
                Optional.ofNullable(leechers));
    }

    /** Jitter around d, which is first capped at a year so that no tracker's figure can overflow it. */
    private static Duration jitter(Duration d, double spread) {
        double factor = 1 - spread + ThreadLocalRandom.current().nextDouble() * 2 * spread;
        long millis = (d.compareTo(YEAR) > 0 ? YEAR : d).toMillis();
        return Duration.ofMillis((long) (millis * factor));
    }

    /** @return true if the tracker asked for an interval or min interval beyond {@link #MAX_INTERVAL} */
    public static boolean isAbsurd(AnnounceResponse response) {
        return response.interval().filter(d -> d.compareTo(MAX_INTERVAL) > 0).isPresent()
                || response.minInterval().filter(d -> d.compareTo(MAX_INTERVAL) > 0).isPresent();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Duration requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
        return d;
    }
}
