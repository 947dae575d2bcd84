package io.github.bttracker.options;

import java.time.Duration;

/**
 * How long announces to a tracker are held back after it failed: a back-off that starts at {@code minBackoff} and
 * doubles after each further failure, ±25% jitter, up to {@code maxBackoff}; a tracker's BEP 31 {@code retry in}
 * replaces it. Used by the Bt adapter and as the default of every {@code TrackerClient}. Immutable and thread-safe;
 * start from {@link #defaults()} and change settings with the {@code with…} methods, each of which returns a copy.
 *
 * @param minBackoff the first back-off after a tracker failed; positive; default {@link #DEFAULT_MIN_BACKOFF} (15 s)
 * @param maxBackoff the longest back-off; positive and at least {@code minBackoff}; default
 *     {@link #DEFAULT_MAX_BACKOFF} (30 min)
 */
public record RetryPolicy(Duration minBackoff, Duration maxBackoff) {

    /** The default {@link #minBackoff()}. */
    public static final Duration DEFAULT_MIN_BACKOFF = Duration.ofSeconds(15);
    /** The default {@link #maxBackoff()}. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(30);

    /**
     * Checks the values.
     *
     * @param minBackoff the first back-off after a tracker failed; positive; default
     *     {@link #DEFAULT_MIN_BACKOFF} (15 s)
     * @param maxBackoff the longest back-off; positive and at least {@code minBackoff}; default
     *     {@link #DEFAULT_MAX_BACKOFF} (30 min)
     * @throws NullPointerException "minBackoff" or "maxBackoff" when one is null
     * @throws IllegalArgumentException "minBackoff must be positive: D" (or maxBackoff) for zero or a negative
     *     duration, and "maxBackoff MAX is below minBackoff MIN" when {@code maxBackoff} is shorter
     */
    public RetryPolicy {
        Checks.positive(minBackoff, "minBackoff");
        Checks.positive(maxBackoff, "maxBackoff");
        if (maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is below minBackoff " + minBackoff);
        }
    }

    /** @return 15 s doubling up to 30 min */
    public static RetryPolicy defaults() {
        return new RetryPolicy(DEFAULT_MIN_BACKOFF, DEFAULT_MAX_BACKOFF);
    }

    /**
     * A copy with another {@code minBackoff}, every other setting the same.
     *
     * @param backoff the first back-off after a tracker failed; positive; default {@link #DEFAULT_MIN_BACKOFF} (15 s)
     * @return the copy
     * @throws IllegalArgumentException as the constructor, for example when {@code backoff} exceeds maxBackoff
     */
    public RetryPolicy withMinBackoff(Duration backoff) {
        return new RetryPolicy(backoff, maxBackoff);
    }

    /**
     * A copy with another {@code maxBackoff}, every other setting the same.
     *
     * @param backoff the longest back-off; positive and at least {@code minBackoff}; default
     *     {@link #DEFAULT_MAX_BACKOFF} (30 min)
     * @return the copy
     * @throws IllegalArgumentException as the constructor, for example when {@code backoff} is below minBackoff
     */
    public RetryPolicy withMaxBackoff(Duration backoff) {
        return new RetryPolicy(minBackoff, backoff);
    }
}
