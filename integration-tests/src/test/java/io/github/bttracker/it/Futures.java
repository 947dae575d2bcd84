package io.github.bttracker.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bttracker.core.TrackerException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Assertions on the futures the tracker client returns. */
public final class Futures {

    private Futures() {
    }

    /**
     * A request deadline longer than {@link #failureOf} waits: a request given it that {@code failureOf} sees fail
     * failed because of what happened on the wire, not because its deadline passed.
     */
    public static final java.time.Duration LONGER_THAN_FAILURE_OF = java.time.Duration.ofMinutes(2);

    /** @return the TrackerException the future fails with (within 30 s); any other outcome fails the test */
    public static TrackerException failureOf(CompletableFuture<?> future) {
        try {
            future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(TrackerException.class);
            return (TrackerException) e.getCause();
        } catch (Exception e) {
            throw new AssertionError("expected a TrackerException, got " + e, e);
        }
        throw new AssertionError("expected the request to fail");
    }
}
