package io.github.bttracker.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client knows about one tracker of one torrent at one moment: a snapshot, immutable, safe to read from any
 * thread.
 *
 * @param trackerUrl the tracker's announce URL
 * @param state where the tracker stands
 * @param lastAnnounce when the last answer (or failure) came, if any
 * @param lastEvent the event of that last announce ({@link AnnounceEvent#NONE} for a regular one), if any: after a
 *     download completes, {@code COMPLETED} here says that the counts are the tracker's answer to {@code completed}
 * @param nextAnnounce when the next regular announce is due, if one is scheduled
 * @param lastError the last failure, as text, if the last announce failed
 * @param successes announces the tracker answered successfully
 * @param failures announces that failed (errors and refusals)
 * @param seeders the {@code complete} count of the last successful answer, if it had one
 * @param leechers the {@code incomplete} count of the last successful answer, if it had one
 */
public record TrackerStatus(String trackerUrl, State state, Optional<Instant> lastAnnounce,
                            Optional<AnnounceEvent> lastEvent, Optional<Instant> nextAnnounce,
                            Optional<String> lastError, long successes, long failures, Optional<Long> seeders,
                            Optional<Long> leechers) {

    /** Where a tracker stands. */
    public enum State {
        /** Not announced to yet. */
        NEW,
        /** The last announce succeeded. */
        OK,
        /** The last announce failed; the client backs off before the next. */
        FAILING,
        /** The tracker said {@code retry in: never} (BEP 31): no more announces to it. */
        RETIRED,
        /** The torrent was stopped on this tracker. */
        STOPPED
    }

    /** Masks the URL's passkey, if any ({@link Secrets}); {@link #trackerUrl()} keeps it. */
    @Override
    public String toString() {
        return "TrackerStatus[" + Secrets.maskUrl(trackerUrl) + ", " + state + ", lastAnnounce=" + lastAnnounce
                + ", lastEvent=" + lastEvent + ", nextAnnounce=" + nextAnnounce + ", lastError=" + lastError
                + ", successes=" + successes
                + ", failures=" + failures + ", seeders=" + seeders + ", leechers=" + leechers + "]";
    }

    /**
     * Checks the values and masks the secrets in {@code lastError} ({@link Secrets#maskUrls(String)}).
     *
     * @param trackerUrl the tracker's announce URL
     * @param state where the tracker stands
     * @param lastAnnounce when the last answer (or failure) came, if any
     * @param lastEvent the event of that last announce, if any
     * @param nextAnnounce when the next regular announce is due, if one is scheduled
     * @param lastError the last failure, as text, if the last announce failed
     * @param successes announces the tracker answered successfully
     * @param failures announces that failed (errors and refusals)
     * @param seeders the {@code complete} count of the last successful answer, if it had one
     * @param leechers the {@code incomplete} count of the last successful answer, if it had one
     * @throws NullPointerException if an argument is null (absent values are empty {@link Optional}s)
     */
    public TrackerStatus {
        Objects.requireNonNull(trackerUrl, "trackerUrl");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastAnnounce, "lastAnnounce");
        Objects.requireNonNull(lastEvent, "lastEvent");
        Objects.requireNonNull(nextAnnounce, "nextAnnounce");
        lastError = Objects.requireNonNull(lastError, "lastError").map(Secrets::maskUrls);
        Objects.requireNonNull(seeders, "seeders");
        Objects.requireNonNull(leechers, "leechers");
    }
}
