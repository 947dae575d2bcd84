package io.github.bttracker.internal.transport.ws;

import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.ScrapeResult;
import io.github.bttracker.core.TrackerException.Kind;
import io.github.bttracker.core.TrackerException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The announces and scrapes sent on one WebSocket link that await their reply: replies are matched by action and
 * info hash (announces) or in order (scrapes), each request fails with {@code TIMEOUT} at its deadline, and the ones
 * still unanswered when a connection breaks go out again on the next.
 */
final class WsRequests {

    /** A request awaiting its reply. */
    private static final class Pending<T> {
        final CompletableFuture<T> result = new CompletableFuture<>();
        final String text;

        Pending(String text) {
            this.text = text;
        }
    }

    private final String trackerUrl;
    private final WsScheduler scheduler;
    private final Supplier<String> lastError;
    private final Runnable settled;
    private final Map<InfoHash, ArrayDeque<Pending<AnnounceResponse>>> announces = new HashMap<>();
    private final ArrayDeque<Pending<Map<InfoHash, ScrapeResult>>> scrapes = new ArrayDeque<>();

    /**
     * @param lastError the link's last connection error, named in a timeout
     * @param settled   runs after each request is answered, fails or times out, once it is forgotten
     */
    WsRequests(String trackerUrl, WsScheduler scheduler, Supplier<String> lastError, Runnable settled) {
        this.trackerUrl = trackerUrl;
        this.scheduler = scheduler;
        this.lastError = lastError;
        this.settled = settled;
    }

    /** Waits for the reply to an announce message; the future is the request's. */
    CompletableFuture<AnnounceResponse> announce(InfoHash hash, String text, Duration timeout) {
        Pending<AnnounceResponse> pending = new Pending<>(text);
        announces.computeIfAbsent(hash, h -> new ArrayDeque<>()).add(pending);
        track(pending, timeout, () -> removeAnnounce(hash, pending));
        return pending.result;
    }

    /** Waits for the reply to a scrape message; the future is the request's. */
    CompletableFuture<Map<InfoHash, ScrapeResult>> scrape(String text, Duration timeout) {
        Pending<Map<InfoHash, ScrapeResult>> pending = new Pending<>(text);
        scrapes.add(pending);
        track(pending, timeout, () -> scrapes.remove(pending));
        return pending.result;
    }

    private void track(Pending<?> pending, Duration timeout, Runnable forget) {
        WsScheduler.Timer deadline = scheduler.schedule(() -> {
            String error = lastError.get();
            pending.result.completeExceptionally(new TrackerException(trackerUrl, Kind.TIMEOUT, "no answer within "
                    + timeout.toMillis() + " ms" + (error == null ? "" : " (last connection error: " + error + ")")));
        }, timeout);
        pending.result.whenComplete((r, e) -> {
            deadline.cancel();
            forget.run();
            settled.run();
        });
    }

    private void removeAnnounce(InfoHash hash, Pending<AnnounceResponse> pending) {
        ArrayDeque<Pending<AnnounceResponse>> queue = announces.get(hash);
        if (queue != null && queue.remove(pending) && queue.isEmpty()) {
            announces.remove(hash);
        }
    }

    boolean isEmpty() {
        return announces.isEmpty() && scrapes.isEmpty();
    }

    /** Whether an announce of this torrent awaits its reply. */
    boolean awaitsAnnounce(InfoHash hash) {
        return announces.containsKey(hash);
    }

    /** Answers the oldest announce of the reply's torrent; a reply nobody waits for is dropped. */
    void announceReplied(WsMessage.AnnounceReply reply) {
        CompletableFuture<AnnounceResponse> waiting = waitingAnnounce(reply.infoHash());
        if (waiting == null) {
            return; // the answer to a re-announce, or to a request that has timed out
        }
        AnnounceResponse.Builder b = AnnounceResponse.builder(trackerUrl);
        if (reply.interval() >= 0) {
            b.interval(Duration.ofSeconds(reply.interval()));
        }
        if (reply.complete() >= 0) {
            b.complete(reply.complete());
        }
        if (reply.incomplete() >= 0) {
            b.incomplete(reply.incomplete());
        }
        b.warningMessage(reply.warning()).trackerId(reply.trackerId());
        waiting.complete(b.build());
    }

    /** Answers the oldest scrape. */
    void scrapeReplied(WsMessage.ScrapeReply reply) {
        Pending<Map<InfoHash, ScrapeResult>> pending = scrapes.poll();
        if (pending != null) {
            pending.result.complete(reply.files());
        }
    }

    /** The oldest announce of this torrent awaiting its reply, or null. */
    CompletableFuture<AnnounceResponse> waitingAnnounce(InfoHash hash) {
        ArrayDeque<Pending<AnnounceResponse>> queue = announces.get(hash);
        return queue == null ? null : queue.peek().result;
    }

    /** The oldest announce of the torrent that has waited longest, or null: for a failure that names no torrent. */
    CompletableFuture<AnnounceResponse> someWaitingAnnounce() {
        return announces.values().stream().map(q -> q.peek().result).findFirst().orElse(null);
    }

    /** Fails the oldest scrape with the tracker's reason. */
    void scrapeRefused(String reason) {
        Pending<Map<InfoHash, ScrapeResult>> pending = scrapes.peek();
        if (pending != null) {
            pending.result.completeExceptionally(new TrackerException(trackerUrl, Kind.TRACKER_FAILURE,
                    "the tracker refused the scrape: " + reason));
        }
    }

    boolean awaitsScrape() {
        return !scrapes.isEmpty();
    }

    /** The messages of every request awaiting its reply, to send again on a new connection. */
    List<String> unanswered() {
        List<String> texts = new ArrayList<>();
        announces.values().forEach(q -> q.forEach(p -> texts.add(p.text)));
        scrapes.forEach(p -> texts.add(p.text));
        return texts;
    }

    /** Fails every request awaiting its reply. */
    void failAll(TrackerException cause) {
        new ArrayList<>(announces.values()).forEach(q -> new ArrayList<>(q).forEach(
                p -> p.result.completeExceptionally(cause)));
        new ArrayList<>(scrapes).forEach(p -> p.result.completeExceptionally(cause));
    }
}
