package io.github.bttracker.internal.transport.udp;

import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.ScrapeResult;
import io.github.bttracker.core.TrackerException;
import io.github.bttracker.core.TrackerException.Kind;
import io.github.bttracker.internal.metrics.RuntimeMetrics;
import io.github.bttracker.internal.transport.NettyIo;
import io.github.bttracker.internal.transport.ScrapeBatches;
import io.github.bttracker.internal.transport.TrackerTransport;
import io.github.bttracker.internal.transport.TrackerUrlRules;
import io.github.bttracker.internal.transport.TransportContext;
import io.github.bttracker.options.SafetyOptions;
import io.github.bttracker.options.UdpOptions;
import io.netty.channel.EventLoop;
import io.netty.resolver.AddressResolver;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * UDP trackers (BEP 15, with BEP 41 URL data), built to carry tens of thousands of torrents: one socket per address
 * family for every tracker and torrent, all state on one event loop, connection ids shared per tracker address,
 * adaptive retransmission, and a bounded number of requests in flight per tracker address with a queue behind it.
 * Host names resolve asynchronously to every A and AAAA record; when an address does not answer within its share of
 * the time, the next one is tried.
 */
public final class UdpTrackerTransport implements TrackerTransport {

    private final UdpOptions options;
    private final SafetyOptions safety;
    private final NettyIo io;
    private final RuntimeMetrics metrics;
    private final EventLoop loop;
    private final AddressResolver<InetSocketAddress> resolver;
    private final Map<InetSocketAddress, TrackerEndpoint> endpoints = new HashMap<>();
    private final Deadlines<Request<?>> deadlines;
    /**
     * Parsed URLs by their text: a client announces to a handful of URLs, millions of times. Bounded, since the URLs
     * come from torrent files: only URLs of up to {@link #MAX_CACHED_URL_LENGTH} characters, at most
     * {@link #MAX_CACHED_URLS} of them (a few MiB at worst), and owned by this runtime, so closed with it.
     */
    private final Map<String, UdpTrackerUrl> parsedUrls = new java.util.concurrent.ConcurrentHashMap<>();
    static final int MAX_CACHED_URLS = 4096;
    static final int MAX_CACHED_URL_LENGTH = 512;
    private UdpChannel ipv4;
    private UdpChannel ipv6;
    private volatile boolean closed;

    public UdpTrackerTransport(TransportContext shared, UdpOptions options, SafetyOptions safety) {
        this.options = options;
        this.safety = safety;
        this.io = shared.io();
        this.metrics = shared.metrics();
        this.loop = (EventLoop) shared.eventLoopGroup().next();
        this.resolver = shared.resolverGroup().getResolver(loop);
        this.deadlines = new Deadlines<>(loop, request -> request.fail(new TrackerException(request.trackerUrl,
                Kind.TIMEOUT, "no answer within " + request.timeout.toMillis() + " ms")));
    }

    @Override
    public Set<String> schemes() {
        return Set.of("udp");
    }

    /** @throws IllegalArgumentException if the URL is not a udp URL with a host and a port */
    private UdpTrackerUrl parsedUrl(String trackerUrl) {
        UdpTrackerUrl parsed = parsedUrls.get(trackerUrl);
        if (parsed == null) {
            refuseByRules(trackerUrl);
            parsed = UdpTrackerUrl.parse(trackerUrl);
            if (trackerUrl.length() <= MAX_CACHED_URL_LENGTH && parsedUrls.size() < MAX_CACHED_URLS) {
                parsedUrls.put(trackerUrl, parsed);
            }
        }
        return parsed;
    }

    /** @throws IllegalArgumentException if {@link TrackerUrlRules} refuse the URL (checked once, before caching) */
    private void refuseByRules(String trackerUrl) {
        java.net.URI uri;
        try {
            uri = new java.net.URI(trackerUrl);
        } catch (java.net.URISyntaxException e) {
            return; // UdpTrackerUrl.parse reports it
        }
        TrackerUrlRules.refusal(uri, safety).ifPresent(refusal -> {
            throw new IllegalArgumentException("refused: " + refusal);
        });
    }

    @Override
    public CompletableFuture<AnnounceResponse> announce(String trackerUrl, AnnounceRequest request, Duration timeout) {
        UdpTrackerUrl url;
        try {
            url = parsedUrl(trackerUrl);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(invalidUrl(trackerUrl, e));
        }
        int size = UdpRequests.announceLength(url.urlData());
        Request<AnnounceResponse> r = new Request<>(trackerUrl, url, timeout,
                (endpoint, deadline, outcome) -> new UdpOperation(endpoint, UdpProtocol.ACTION_ANNOUNCE, size,
                        (out, connectionId, tx) -> UdpRequests.announce(out, connectionId, tx, request, url.urlData()),
                        deadline, outcome),
                (endpoint, response) -> toAnnounceResponse(trackerUrl, endpoint, response),
                refusal -> AnnounceResponse.failure(trackerUrl, refusal));
        return r.start();
    }

    @Override
    public CompletableFuture<Map<InfoHash, ScrapeResult>> scrape(
            String trackerUrl, Collection<InfoHash> infoHashes, Duration timeout) {
        UdpTrackerUrl url;
        try {
            url = parsedUrl(trackerUrl);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(invalidUrl(trackerUrl, e));
        }
        List<CompletableFuture<Map<InfoHash, ScrapeResult>>> batches = new ArrayList<>();
        for (List<InfoHash> batch : ScrapeBatches.split(infoHashes, UdpProtocol.MAX_SCRAPE_HASHES)) {
            int size = UdpProtocol.SCRAPE_REQUEST_HEADER + 20 * batch.size();
            batches.add(new Request<>(trackerUrl, url, timeout,
                    (endpoint, deadline, outcome) -> new UdpOperation(endpoint, UdpProtocol.ACTION_SCRAPE, size,
                            (out, connectionId, tx) -> UdpRequests.scrape(out, connectionId, tx, batch), deadline,
                            outcome),
                    (endpoint, response) -> toScrapeResults(trackerUrl, batch, response),
                    refusal -> {
                        throw new TrackerException(trackerUrl, Kind.TRACKER_FAILURE,
                                "the tracker refused the scrape: " + refusal);
                    }).start());
        }
        return ScrapeBatches.merge(batches, batches);
    }

    private static AnnounceResponse toAnnounceResponse(String trackerUrl, TrackerEndpoint endpoint,
                                                       UdpResponse response) throws TrackerException {
        if (response instanceof UdpResponse.Failed failed) {
            return AnnounceResponse.failure(trackerUrl, failed.message());
        }
        UdpResponse.Announced announced = (UdpResponse.Announced) response;
        try {
            return AnnounceResponse.builder(trackerUrl)
                    .interval(Duration.ofSeconds(announced.interval()))
                    .complete(announced.seeders())
                    .incomplete(announced.leechers())
                    .peers(UdpPeerEntries.decode(announced.peers(), endpoint.channel().isIpv6()))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new TrackerException(trackerUrl, Kind.MALFORMED_RESPONSE, e.getMessage(), e);
        }
    }

    private static Map<InfoHash, ScrapeResult> toScrapeResults(String trackerUrl, List<InfoHash> batch,
                                                               UdpResponse response) throws TrackerException {
        if (response instanceof UdpResponse.Failed failed) {
            throw new TrackerException(trackerUrl, Kind.TRACKER_FAILURE,
                    "the tracker refused the scrape: " + failed.message());
        }
        List<UdpResponse.ScrapeEntry> entries = ((UdpResponse.Scraped) response).entries();
        if (entries.size() > batch.size()) {
            throw new TrackerException(trackerUrl, Kind.MALFORMED_RESPONSE, "the scrape answer has "
                    + entries.size() + " entries for " + batch.size() + " info hashes");
        }
        Map<InfoHash, ScrapeResult> results = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            UdpResponse.ScrapeEntry e = entries.get(i);
            results.put(batch.get(i), new ScrapeResult(batch.get(i), e.seeders(), e.leechers(), e.completed()));
        }
        return results;
    }

    private static TrackerException invalidUrl(String trackerUrl, IllegalArgumentException e) {
        return TrackerException.invalidUrl(trackerUrl, e.getMessage());
    }

    private TrackerEndpoint endpoint(InetSocketAddress address) {
        return endpoints.computeIfAbsent(address, a -> new TrackerEndpoint(a, channelFor(a), options));
    }

    private UdpChannel channelFor(InetSocketAddress address) {
        if (address.getAddress() instanceof Inet6Address) {
            if (ipv6 == null) {
                ipv6 = new UdpChannel(loop, io, true, options.receiveBufferSize(), metrics);
            }
            return ipv6;
        }
        if (ipv4 == null) {
            ipv4 = new UdpChannel(loop, io, false, options.receiveBufferSize(), metrics);
        }
        return ipv4;
    }

    /**
     * Fails every request in flight with CLOSED and closes the sockets. Must not be called from an event loop
     * thread.
     */
    @Override
    public void close() {
        closed = true;
        parsedUrls.clear();
        try {
            loop.submit(() -> {
                deadlines.all().forEach(r -> r.fail(new TrackerException(r.trackerUrl, Kind.CLOSED,
                        "the tracker client is closed")));
                if (ipv4 != null) {
                    ipv4.close();
                }
                if (ipv6 != null) {
                    ipv6.close();
                }
            }).awaitUninterruptibly(5, TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            // the event loop is already gone, and its channels with it
        }
    }

    /** Creates the operation for one address, given that address's endpoint and the deadline of the attempt. */
    private interface OperationFactory {
        UdpOperation create(TrackerEndpoint endpoint, long deadlineNanos, Outcome outcome);
    }

    /** Turns an answer into the caller's result, or a TrackerException. */
    private interface ResponseMapper<T> {
        T map(TrackerEndpoint endpoint, UdpResponse response) throws TrackerException;
    }

    /** Turns a refused connect (the tracker's error message) into the caller's result, or a TrackerException. */
    private interface RefusalMapper<T> {
        T map(String message) throws TrackerException;
    }

    /**
     * One caller's request: resolution, then one operation per address in turn until one answers, all within the
     * caller's timeout. Lives on the event loop from {@link #start()} on.
     */
    private final class Request<T> extends Deadlines.Entry<Request<?>> implements Outcome {
        private final String trackerUrl;
        private final UdpTrackerUrl url;
        private final Duration timeout;
        private final long deadlineNanos;
        private final OperationFactory operations;
        private final ResponseMapper<T> mapper;
        private final RefusalMapper<T> refusals;
        private final CompletableFuture<T> result = new CancellableResult();
        private List<InetSocketAddress> addresses;
        private UdpOperation current;
        private int addressIndex;
        private TrackerEndpoint endpoint;

        Request(String trackerUrl, UdpTrackerUrl url, Duration timeout, OperationFactory operations,
                ResponseMapper<T> mapper, RefusalMapper<T> refusals) {
            this.trackerUrl = trackerUrl;
            this.url = url;
            this.timeout = timeout;
            this.deadlineNanos = System.nanoTime() + timeout.toNanos();
            this.operations = operations;
            this.mapper = mapper;
            this.refusals = refusals;
        }

        CompletableFuture<T> start() {
            if (closed) {
                fail(new TrackerException(trackerUrl, Kind.CLOSED, "the tracker client is closed"));
                return result;
            }
            try {
                loop.execute(this::begin);
            } catch (RejectedExecutionException e) {
                fail(new TrackerException(trackerUrl, Kind.CLOSED, "the tracker client is closed", e));
            }
            return result;
        }

        private void begin() {
            if (closed) {
                fail(new TrackerException(trackerUrl, Kind.CLOSED, "the tracker client is closed"));
                return;
            }
            deadlines.add(this, timeout.toNanos());
            if (url.literalAddress() != null) {
                addresses = List.of(url.literalAddress());
                tryAddress(0);
                return;
            }
            Future<List<InetSocketAddress>> resolved =
                    resolver.resolveAll(InetSocketAddress.createUnresolved(url.host(), url.port()));
            resolved.addListener(f -> {
                if (!resolved.isSuccess() || resolved.getNow().isEmpty()) {
                    fail(new TrackerException(trackerUrl, Kind.DNS, "cannot resolve host '" + url.host() + "': "
                            + (resolved.cause() == null ? "no address" : resolved.cause().getMessage()),
                            resolved.cause()));
                    return;
                }
                addresses = resolved.getNow();
                tryAddress(0);
            });
        }

        private void tryAddress(int index) {
            if (result.isDone()) {
                return;
            }
            long now = System.nanoTime();
            int left = addresses.size() - index;
            long attemptDeadline = left == 1 ? deadlineNanos : now + (deadlineNanos - now) / left;
            addressIndex = index;
            endpoint = endpoint(addresses.get(index));
            UdpOperation operation = operations.create(endpoint, attemptDeadline, this);
            current = operation;
            if (!endpoint.submit(operation)) {
                fail(new TrackerException(trackerUrl, Kind.OVERLOADED,
                        "too many requests are already waiting for " + endpoint.address()));
            }
        }

        @Override
        public void answered(UdpResponse response) {
            current = null;
            if (!result.isDone()) {
                TrackerEndpoint answering = endpoint;
                complete(() -> mapper.map(answering, response));
            }
        }

        @Override
        public void failed(Throwable error) {
            current = null;
            if (!result.isDone()) {
                unanswered(addressIndex, error);
            }
        }

        private void unanswered(int index, Throwable error) {
            boolean unanswered = error instanceof NoAnswerException || error instanceof IOException;
            if (unanswered && index + 1 < addresses.size()) {
                tryAddress(index + 1);
            } else if (error instanceof NoAnswerException) {
                fail(new TrackerException(trackerUrl, Kind.TIMEOUT, error.getMessage(), error));
            } else if (error instanceof TrackerEndpoint.TrackerRefusedException) {
                complete(() -> refusals.map(error.getMessage()));
            } else {
                fail(new TrackerException(trackerUrl, Kind.CONNECT, error.getMessage(), error));
            }
        }

        private interface Result<T> {
            T get() throws TrackerException;
        }

        private void complete(Result<T> outcome) {
            try {
                finish();
                result.complete(outcome.get());
            } catch (TrackerException e) {
                result.completeExceptionally(e);
            }
        }

        void fail(TrackerException e) {
            finish();
            // complete first: the abandoned operation's callback must find the request already decided
            result.completeExceptionally(e);
            abandonCurrent();
        }

        private void finish() {
            deadlines.remove(this);
        }

        /** The caller's future: cancelling it ends the work on the event loop too. */
        private final class CancellableResult extends CompletableFuture<T> {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean cancelled = super.cancel(mayInterruptIfRunning);
                if (cancelled) {
                    try {
                        loop.execute(() -> {
                            finish();
                            abandonCurrent();
                        });
                    } catch (RejectedExecutionException e) {
                        // closed: nothing left to abandon
                    }
                }
                return cancelled;
            }
        }

        private void abandonCurrent() {
            UdpOperation operation = current;
            if (operation != null) {
                current = null;
                operation.abandon(new java.util.concurrent.CancellationException("abandoned by the caller"));
            }
        }
    }
}
