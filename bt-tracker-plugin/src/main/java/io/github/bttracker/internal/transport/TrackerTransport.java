package io.github.bttracker.internal.transport;

import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.ScrapeResult;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One tracker protocol family (HTTP(S), UDP, WebSocket). Implementations never block the caller's thread: work runs
 * on the shared event loop, and futures complete there.
 *
 * <p>A future completes normally with a tracker's answer (including an announce that the tracker refused with a
 * {@code failure reason}), or exceptionally with a {@link io.github.bttracker.core.TrackerException} that names the
 * tracker and the cause, never later than the given timeout. Cancelling a future abandons the request and frees
 * what it held.
 */
public interface TrackerTransport extends AutoCloseable {

    /** @return the URL schemes this transport serves, lower case */
    Set<String> schemes();

    /**
     * @param trackerUrl the announce URL
     * @param request what to announce
     * @param timeout the longest the whole exchange may take
     */
    CompletableFuture<AnnounceResponse> announce(String trackerUrl, AnnounceRequest request, Duration timeout);

    /**
     * Scrapes several torrents from one tracker, in as few requests as the protocol allows.
     *
     * @return results keyed by info hash; a hash the tracker said nothing about is absent
     */
    CompletableFuture<Map<InfoHash, ScrapeResult>> scrape(
            String trackerUrl, Collection<InfoHash> infoHashes, Duration timeout);

    /** Closes what this transport holds open (connections, channels). Called by the runtime, once. */
    @Override
    void close();
}
