package io.github.bttracker;

import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.ScrapeResult;
import io.github.bttracker.core.TrackerException;
import io.github.bttracker.internal.runtime.TransportRuntime;
import io.github.bttracker.options.TrackerClientOptions;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The resources every tracker and torrent share: a small pool of event loop threads (named {@code bt-tracker-N}),
 * the asynchronous DNS resolver, timers, and one transport per protocol family (HTTP(S), UDP, WebSocket). Create one
 * and hand it to several {@link TrackerClient}s with {@link TrackerClient.Builder#runtime}, or announce and scrape
 * through it directly. Thread-safe. {@link #close()} releases everything exactly once; afterwards every request
 * fails with {@link TrackerException.Kind#CLOSED}.
 */
public final class TrackerRuntime implements AutoCloseable {

    /** Prefix of the names of the runtime's event loop threads. */
    public static final String THREAD_NAME_PREFIX = TransportRuntime.THREAD_NAME_PREFIX;

    /*
     * A handle rather than the engine itself, so that no Netty type (event loop group, resolver group, channel
     * types) is part of the public API. The engine lives in an internal package; the plugin's internal code creates
     * and uses TransportRuntime directly (the Bt adapter never sees a TrackerRuntime), and TrackerClient, which
     * accepts a user's TrackerRuntime, unwraps it through the package-private transports(). No accessor is public,
     * so there is nothing a user could reach by accident.
     */
    private final TransportRuntime transports;

    private TrackerRuntime(TransportRuntime transports) {
        this.transports = transports;
    }

    /**
     * Starts a runtime with the given options: its event loop threads start now. Close it when done.
     *
     * @param options the settings of every transport, not null
     * @return the running runtime
     * @throws NullPointerException if {@code options} is null
     */
    public static TrackerRuntime create(TrackerClientOptions options) {
        return new TrackerRuntime(TransportRuntime.create(Objects.requireNonNull(options, "options")));
    }

    /** @return the options the runtime was created with, never null */
    public TrackerClientOptions options() {
        return transports.options();
    }

    /**
     * @param trackerUrl a tracker URL; an unparsable one is not supported
     * @return true if a transport of this runtime serves the URL's scheme
     */
    public boolean supports(String trackerUrl) {
        return transports.supports(trackerUrl);
    }

    /**
     * Announces to one tracker. Never blocks: the future completes on an event loop thread, normally with the
     * tracker's answer (an announce the tracker refused with a {@code failure reason} included), or exceptionally
     * with a {@link TrackerException} naming the tracker and the cause (an unsupported scheme or a closed runtime
     * included), never later than {@code timeout}. The answer's peers are those the options' {@link
     * io.github.bttracker.spi.PeerFilter} accepts, without duplicates and without this client itself. Cancelling the
     * future cancels the request.
     *
     * @param trackerUrl the tracker's announce URL, with its passkey if any
     * @param request what to announce, not null
     * @param timeout the longest the request may take, not null
     * @return the answer, or a {@link TrackerException} as described above
     */
    public CompletableFuture<AnnounceResponse> announce(String trackerUrl, AnnounceRequest request, Duration timeout) {
        return transports.announce(trackerUrl, request, timeout);
    }

    /**
     * Scrapes several torrents from one tracker (HTTP trackers in batches, UDP trackers in packets of 74 hashes).
     * The map holds the torrents the tracker knows; the future completes as {@link #announce} does (a tracker
     * without scrape fails it with {@link TrackerException.Kind#SCRAPE_NOT_SUPPORTED}).
     *
     * @param trackerUrl the tracker's announce URL; its scrape URL is derived from it (BEP 48)
     * @param infoHashes the torrents to scrape, not null
     * @param timeout the longest the whole scrape may take, not null
     * @return the results by info hash, or a {@link TrackerException}
     */
    public CompletableFuture<Map<InfoHash, ScrapeResult>> scrape(
            String trackerUrl, Collection<InfoHash> infoHashes, Duration timeout) {
        return transports.scrape(trackerUrl, infoHashes, timeout);
    }

    /** @return true once {@link #close()} has been called */
    public boolean isClosed() {
        return transports.isClosed();
    }

    /**
     * Closes the peers its WebRTC connected, the connections, the resolver and the event loop threads, waiting (at
     * most a few seconds) for the threads to end. Requests still in flight fail with
     * {@link TrackerException.Kind#CLOSED}. Idempotent; must not be called from an event loop thread (a listener).
     */
    @Override
    public void close() {
        transports.close();
    }

    /** The engine, for {@link TrackerClient}. */
    TransportRuntime transports() {
        return transports;
    }
}
