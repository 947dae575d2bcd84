package io.github.bttracker.internal.transport.http;

import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.ScrapeResult;
import io.github.bttracker.core.TrackerException.Kind;
import io.github.bttracker.core.TrackerException;
import io.github.bttracker.internal.bencode.BencodeLimits;
import io.github.bttracker.internal.transport.ScrapeBatches;
import io.github.bttracker.internal.transport.TlsContexts;
import io.github.bttracker.internal.transport.TrackerTransport;
import io.github.bttracker.internal.transport.TrackerUrlRules;
import io.github.bttracker.internal.transport.TransportContext;
import io.github.bttracker.options.ConnectionOptions;
import io.github.bttracker.options.HttpOptions;
import io.github.bttracker.options.SafetyOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP and HTTPS trackers (BEP 3, 7, 23, 24, 48) over Netty: kept-alive connections pooled per origin, gzip and
 * deflate bodies, redirects, a size cap, connect/read/overall timeouts, certificate and host name verification.
 */
public final class HttpTrackerTransport implements TrackerTransport {

    private final TransportContext shared;
    private final HttpSettings options;
    private final BencodeLimits bencodeLimits;
    private final ConnectionPools pools;
    /**
     * Tracker URLs parsed and checked before, by their text: a client announces to the same few URLs again and
     * again. Emptied when it reaches {@link #MAX_PARSED} entries, so that torrents with ever new URLs cannot grow it.
     */
    private final Map<String, RequestUri> parsed = new ConcurrentHashMap<>();

    private static final int MAX_PARSED = 1024;

    public HttpTrackerTransport(TransportContext shared, ConnectionOptions connection, HttpOptions http,
                                SafetyOptions safety) {
        this.shared = shared;
        this.options = new HttpSettings(connection, http, safety);
        this.bencodeLimits = BencodeLimits.defaults()
                .withMaxDepth(safety.maxBencodeDepth())
                .withMaxInputSize(safety.maxResponseSize())
                .withMaxStringLength(safety.maxResponseSize());
        this.pools = new ConnectionPools(shared, options, TlsContexts.lazyClient(connection));
    }

    @Override
    public Set<String> schemes() {
        return Set.of("http", "https");
    }

    @Override
    public CompletableFuture<AnnounceResponse> announce(String trackerUrl, AnnounceRequest request, Duration timeout) {
        RequestUri announceUrl;
        try {
            announceUrl = parse(trackerUrl);
        } catch (TrackerException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<HttpResult> fetched = fetch(trackerUrl, AnnounceQuery.request(announceUrl, request), timeout);
        return cancelling(fetched, fetched.thenApply(result -> toAnnounceResponse(trackerUrl, result)));
    }

    private AnnounceResponse toAnnounceResponse(String trackerUrl, HttpResult result) {
        try {
            if (result.status() == 200) {
                return AnnounceResponseMapper.map(trackerUrl, result.body(), bencodeLimits);
            }
            // some trackers send their failure reason with an error status; keep the tracker's own words then
            AnnounceResponse failure = tryFailureReason(trackerUrl, result);
            if (failure != null) {
                return failure;
            }
            throw statusError(trackerUrl, result);
        } catch (TrackerException e) {
            throw new CompletionException(e);
        }
    }

    private AnnounceResponse tryFailureReason(String trackerUrl, HttpResult result) {
        try {
            AnnounceResponse mapped = AnnounceResponseMapper.map(trackerUrl, result.body(), bencodeLimits);
            return mapped.isSuccess() ? null : mapped;
        } catch (TrackerException e) {
            return null;
        }
    }

    @Override
    public CompletableFuture<Map<InfoHash, ScrapeResult>> scrape(
            String trackerUrl, Collection<InfoHash> infoHashes, Duration timeout) {
        RequestUri scrapeUrl;
        try {
            URI announceUrl = parse(trackerUrl).located();
            // same scheme, host and port as the announce URL, which has passed Origin.of already
            scrapeUrl = RequestUri.of(ScrapeUrl.of(announceUrl).orElseThrow(() -> new TrackerException(trackerUrl,
                    Kind.SCRAPE_NOT_SUPPORTED, "scrape is not supported: the last path segment of the URL does not"
                    + " start with 'announce' (BEP 48)")));
        } catch (TrackerException e) {
            return CompletableFuture.failedFuture(e);
        }
        List<CompletableFuture<HttpResult>> fetches = new ArrayList<>();
        List<CompletableFuture<Map<InfoHash, ScrapeResult>>> batches = new ArrayList<>();
        List<List<InfoHash>> split = ScrapeBatches.split(infoHashes, options.http().maxHashesPerScrape());
        if (split.isEmpty()) {
            split = List.of(List.of()); // no hash: BEP 48 asks the tracker about every torrent it has
        }
        for (List<InfoHash> batch : split) {
            CompletableFuture<HttpResult> fetched = fetch(trackerUrl, ScrapeUrl.withInfoHashes(scrapeUrl, batch), timeout);
            fetches.add(fetched);
            batches.add(fetched.thenApply(result -> askedFor(batch, toScrapeResults(trackerUrl, result))));
        }
        return ScrapeBatches.merge(batches, fetches);
    }

    /**
     * Keeps the torrents a batch asked for, as over UDP: a tracker may list any number of others. A batch without
     * hashes asked for every torrent the tracker has (BEP 48), so it keeps them all.
     */
    private static Map<InfoHash, ScrapeResult> askedFor(List<InfoHash> batch, Map<InfoHash, ScrapeResult> results) {
        if (batch.isEmpty() || batch.containsAll(results.keySet())) {
            return results;
        }
        Map<InfoHash, ScrapeResult> asked = new java.util.HashMap<>();
        for (InfoHash hash : batch) {
            ScrapeResult result = results.get(hash);
            if (result != null) {
                asked.put(hash, result);
            }
        }
        return asked;
    }

    private Map<InfoHash, ScrapeResult> toScrapeResults(String trackerUrl, HttpResult result) {
        try {
            if (result.status() != 200) {
                throw statusError(trackerUrl, result);
            }
            return ScrapeResponseMapper.map(trackerUrl, result.body(), bencodeLimits);
        } catch (TrackerException e) {
            throw new CompletionException(e);
        }
    }

    /**
     * GETs {@code uri}, following redirects, within {@code timeout} overall. On the deadline the future fails with
     * a TIMEOUT and the connection in use is closed.
     */
    private CompletableFuture<HttpResult> fetch(String trackerUrl, RequestUri uri, Duration timeout) {
        // hops through a proxy are not checked (the exchange asks the pools which origins are proxied)
        RequestHops hops = options.safety().ssrfMitigation() ? new RequestHops() : null;
        return HttpExchange.start(trackerUrl, uri, timeout, pools, options, hops).result();
    }

    /**
     * Dependent futures do not pass a cancellation back to the future they derive from; this does, so that a
     * caller who cancels the future it was given also ends the HTTP request behind it.
     */
    private static <T> CompletableFuture<T> cancelling(CompletableFuture<?> source, CompletableFuture<T> dependent) {
        dependent.whenComplete((r, e) -> {
            if (dependent.isCancelled()) {
                source.cancel(false);
            }
        });
        return dependent;
    }

    private static TrackerException statusError(String trackerUrl, HttpResult result) {
        return new TrackerException(trackerUrl, Kind.HTTP_STATUS, "HTTP status " + result.status());
    }

    /**
     * @throws TrackerException of kind INVALID_URL if the URL cannot be parsed, is not http(s) with a host, or is
     *     refused by {@link TrackerUrlRules}
     */
    private RequestUri parse(String trackerUrl) throws TrackerException {
        RequestUri known = parsed.get(trackerUrl);
        if (known != null) {
            return known;
        }
        try {
            URI uri = new URI(trackerUrl);
            Optional<String> refusal = TrackerUrlRules.refusal(uri, options.safety());
            if (refusal.isPresent()) {
                throw TrackerException.invalidUrl(trackerUrl, "refused: " + refusal.get());
            }
            String ascii = uri.toASCIIString();
            RequestUri url = RequestUri.of(ascii.equals(uri.toString()) ? uri : new URI(ascii));
            if (parsed.size() >= MAX_PARSED) {
                parsed.clear();
            }
            parsed.put(trackerUrl, url);
            return url;
        } catch (URISyntaxException e) {
            throw TrackerException.invalidUrl(trackerUrl, e);
        } catch (IllegalArgumentException e) {
            throw TrackerException.invalidUrl(trackerUrl, e.getMessage());
        }
    }

    @Override
    public void close() {
        pools.close();
    }
}
