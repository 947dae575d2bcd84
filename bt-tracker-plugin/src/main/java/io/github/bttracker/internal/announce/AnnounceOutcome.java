package io.github.bttracker.internal.announce;

import io.github.bttracker.core.AnnounceEvent;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.TrackerException;
import java.time.Duration;
import java.util.Optional;

/**
 * What one announce to one tracker came to, once its {@link Announcer} has recorded it in the schedule.
 *
 * @param trackerUrl the tracker
 * @param event the event announced
 * @param response the tracker's answer, a success or a refusal; null if the announce failed before one came
 * @param error why no answer came (a {@link TrackerException} as a rule); null if one came
 * @param failure the failure named for warnings and the status (without the URL); null on success
 * @param interval the delay until the next regular announce after a success (jittered, floored, capped); null on
 *     a failure
 * @param next when the next announce to this tracker is due, if the caller asked for one and one follows: the
 *     interval after a success, the back-off or {@code retry in} after a failure; empty after {@code retry in:
 *     never}, or when the runtime closed under the announce
 */
public record AnnounceOutcome(String trackerUrl, AnnounceEvent event, AnnounceResponse response, Throwable error,
                              String failure, Duration interval, Optional<Duration> next) {

    /** @return true if the tracker answered and did not refuse */
    public boolean isSuccess() {
        return failure == null;
    }

    /**
     * @return true if the runtime closed under the announce: not the tracker's failure, and not recorded in the
     *     schedule
     */
    public boolean isClosed() {
        return error instanceof TrackerException te && te.kind() == TrackerException.Kind.CLOSED;
    }

    /** @return true if the tracker answered with an interval or min interval beyond {@link AnnounceSchedule#MAX_INTERVAL} */
    public boolean isAbsurd() {
        return isSuccess() && AnnounceSchedule.isAbsurd(response);
    }
}
