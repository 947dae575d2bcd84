package io.github.bttracker.bt;

import bt.metainfo.TorrentId;
import com.google.inject.Inject;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.ScrapeResult;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Scrape (BEP 48) for Bt users, which Bt itself lacks: how many seeders, leechers and completed downloads a tracker
 * knows for one or many torrents. Obtain it from a runtime that has the plugin:
 * <pre>{@code
 * TrackerScrapeService scrape = runtime.service(TrackerScrapeService.class);
 * Map<InfoHash, ScrapeResult> counts = scrape.scrape(url, List.of(hash1, hash2)).get();
 * }</pre>
 *
 * <p>Thread-safe; never blocks. Futures complete on the plugin's event loop thread (do not block in their
 * callbacks), with results keyed by info hash (a torrent the tracker did not report is absent), or exceptionally
 * with a {@link io.github.bttracker.core.TrackerException} naming the tracker and the cause: for example
 * {@code SCRAPE_NOT_SUPPORTED} when the URL has no {@code announce} segment, {@code UNSUPPORTED_SCHEME} for schemes
 * the plugin has no scrape for, {@code TIMEOUT}, {@code TRACKER_FAILURE} with the tracker's own reason, and
 * {@code CLOSED} once the Bt runtime has shut down. The first call starts the plugin's event loop if no announce
 * did; if it cannot start (a library older than the plugin needs), the call throws an {@link IllegalStateException}.
 */
public final class TrackerScrapeService {

    private final PluginRuntime runtime;
    private final AnnounceParameters parameters;

    @Inject
    TrackerScrapeService(PluginRuntime runtime, AnnounceParameters parameters) {
        this.runtime = runtime;
        this.parameters = parameters;
    }

    /**
     * Scrapes the given torrents from one tracker, within the Bt runtime's tracker timeout (or the plugin's request
     * timeout when Bt has none). Many hashes are sent in as few requests as the tracker allows.
     *
     * @param trackerUrl the tracker's announce URL; its scrape URL is derived from it (BEP 48)
     * @param infoHashes the torrents, not null
     * @return the results by info hash, or a {@link io.github.bttracker.core.TrackerException}
     * @throws IllegalStateException if the plugin's runtime could not start
     */
    public CompletableFuture<Map<InfoHash, ScrapeResult>> scrape(String trackerUrl, Collection<InfoHash> infoHashes) {
        return scrape(trackerUrl, infoHashes, parameters.timeout(runtime.options().connection().requestTimeout()));
    }

    /**
     * Scrapes the given torrents from one tracker within {@code timeout}.
     *
     * @param trackerUrl the tracker's announce URL
     * @param infoHashes the torrents, not null
     * @param timeout the longest the whole scrape may take
     * @return the results by info hash, or a {@link io.github.bttracker.core.TrackerException}
     * @throws IllegalStateException if the plugin's runtime could not start
     */
    public CompletableFuture<Map<InfoHash, ScrapeResult>> scrape(
            String trackerUrl, Collection<InfoHash> infoHashes, Duration timeout) {
        return runtime.get().scrape(trackerUrl, infoHashes, timeout);
    }

    /**
     * Scrapes the given torrents from one tracker, as {@link #scrape(String, Collection)} does.
     *
     * @param trackerUrl the tracker's announce URL
     * @param infoHashes the torrents
     * @return the results by info hash, or a {@link io.github.bttracker.core.TrackerException}
     * @throws IllegalStateException if the plugin's runtime could not start
     */
    public CompletableFuture<Map<InfoHash, ScrapeResult>> scrape(String trackerUrl, InfoHash... infoHashes) {
        return scrape(trackerUrl, Arrays.asList(infoHashes));
    }

    /**
     * @param torrentId a Bt torrent id
     * @return the info hash of a Bt torrent id
     */
    public static InfoHash infoHash(TorrentId torrentId) {
        return InfoHash.of(torrentId.getBytes());
    }
}
