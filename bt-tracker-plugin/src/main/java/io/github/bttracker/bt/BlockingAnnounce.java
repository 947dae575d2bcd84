package io.github.bttracker.bt;

import bt.tracker.TrackerResponse;
import io.github.bttracker.core.TrackerException;
import io.github.bttracker.internal.announce.AnnounceOutcome;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Bt's tracker SPI is synchronous: this is the one place where the plugin blocks, on the engine's own thread, for
 * at most the request's timeout. Whatever happens becomes a {@link TrackerResponse}; nothing is thrown to Bt.
 */
final class BlockingAnnounce {

    /** Extra wait past the transport's own deadline, so its more precise TIMEOUT error arrives first. */
    private static final Duration GRACE = Duration.ofSeconds(1);

    private BlockingAnnounce() {
    }

    static TrackerResponse await(String trackerUrl, CompletableFuture<AnnounceOutcome> future, Duration timeout) {
        try {
            return BtResponses.toBt(future.get(timeout.plus(GRACE).toNanos(), TimeUnit.NANOSECONDS));
        } catch (ExecutionException e) {
            return TrackerResponse.exceptional(e.getCause() != null ? e.getCause() : e);
        } catch (TimeoutException e) {
            future.cancel(false);
            return TrackerResponse.exceptional(new TrackerException(trackerUrl, TrackerException.Kind.TIMEOUT,
                    "no response within " + timeout.toMillis() + " ms", e));
        } catch (InterruptedException e) {
            future.cancel(false);
            Thread.currentThread().interrupt();
            return TrackerResponse.exceptional(new TrackerException(trackerUrl, TrackerException.Kind.CLOSED,
                    "interrupted while waiting for the tracker", e));
        } catch (RuntimeException e) {
            return TrackerResponse.exceptional(e);
        }
    }
}
