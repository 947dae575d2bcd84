package io.github.bttracker.it.faults;

import io.github.bttracker.TrackerClientListener;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.TrackerException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a user of the standalone client sees: every update and warning in order, each with the {@code nextAnnounceIn}
 * it came with, and every fatal error. Read from the test thread while the client's event loop adds to it.
 */
final class FaultEvents implements TrackerClientListener {

    /** An answer, and when the client said it announces to that tracker again. */
    record Update(AnnounceResponse response, Optional<Duration> next) {
    }

    /** A warning, and when the client said it tries that tracker again. */
    record Warning(TrackerWarning warning, Optional<Duration> next) {

        String trackerUrl() {
            return warning.trackerUrl();
        }

        String message() {
            return warning.message();
        }

        /** The {@link TrackerException} behind the warning; fails the test if there is none. */
        TrackerException exception() {
            Throwable cause = warning.cause().orElseThrow(
                    () -> new AssertionError("the warning has no cause: " + warning));
            if (cause instanceof TrackerException e) {
                return e;
            }
            throw new AssertionError("the warning's cause is not a TrackerException: " + cause, cause);
        }

        TrackerException.Kind kind() {
            return exception().kind();
        }
    }

    private final List<Update> updates = new CopyOnWriteArrayList<>();
    private final List<Warning> warnings = new CopyOnWriteArrayList<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();

    @Override
    public void onUpdate(AnnounceResponse response, Optional<Duration> nextAnnounceIn) {
        updates.add(new Update(response, nextAnnounceIn));
    }

    @Override
    public void onWarning(TrackerWarning warning, Optional<Duration> nextAnnounceIn) {
        warnings.add(new Warning(warning, nextAnnounceIn));
    }

    @Override
    public void onError(Throwable error) {
        errors.add(error);
    }

    /** A snapshot, in the order they came. */
    List<Update> updates() {
        return List.copyOf(updates);
    }

    /** A snapshot, in the order they came. */
    List<Warning> warnings() {
        return List.copyOf(warnings);
    }

    List<Warning> warningsFor(String trackerUrl) {
        return warnings.stream().filter(w -> w.trackerUrl().equals(trackerUrl)).toList();
    }

    List<Update> updatesFrom(String trackerUrl) {
        return updates.stream().filter(u -> u.response().trackerUrl().equals(trackerUrl)).toList();
    }

    List<Throwable> errors() {
        return List.copyOf(errors);
    }
}
