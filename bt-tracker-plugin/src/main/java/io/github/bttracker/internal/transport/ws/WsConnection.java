package io.github.bttracker.internal.transport.ws;

import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.ScrapeResult;
import io.github.bttracker.core.Secrets;
import io.github.bttracker.core.TrackerException.Kind;
import io.github.bttracker.core.TrackerException;
import io.github.bttracker.spi.WebRtc;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one WebSocket connection to one tracker URL, shared by every torrent that uses it. It ties together the
 * {@link WsLink} (the connection's states: connecting, open, backing off, closed), the {@link WsRequests} awaiting
 * replies and the {@link WsSwarms} joined on the tracker, and routes each message the tracker sends to one of them.
 *
 * <p>When the link cannot be set up, the requests waiting for it fail at once with the cause; when an open link breaks,
 * they go out again on the next one, and every joined torrent announces again. The link closes once no torrent is
 * joined and no request waits for a while. Everything runs on one event loop.
 */
final class WsConnection implements WsLink.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(WsConnection.class);
    /** Hashes per scrape message. */
    static final int MAX_SCRAPE_HASHES = 100;

    private final String trackerUrl;
    private final WsMessages messages;
    private final Runnable onIdleClose;
    private final WsLink link;
    private final WsRequests requests;
    private final WsSwarms swarms;

    /**
     * @param onIdleClose runs once the connection closed because nothing used it
     */
    WsConnection(String trackerUrl, URI uri, WsSettings options, WsMessages messages,
                 WsScheduler scheduler, WsLink.Connector connector, Runnable onIdleClose) {
        this.trackerUrl = trackerUrl;
        this.messages = messages;
        this.onIdleClose = onIdleClose;
        this.link = new WsLink(trackerUrl, uri, options, scheduler, () -> ThreadLocalRandom.current().nextDouble(),
                connector, this);
        this.requests = new WsRequests(trackerUrl, scheduler, link::lastError, link::closeWhenUnused);
        this.swarms = new WsSwarms(trackerUrl, options.webSocket().webRtc(), messages, scheduler, link::post);
    }

    /** Offers for an announce: none without WebRTC, for {@code stopped}, or when no peers are wanted. */
    CompletableFuture<List<WebRtc.Offer>> offers(AnnounceRequest request) {
        return swarms.offers(request);
    }

    /** Announces with the given offers; the future completes on this loop. Event loop only. */
    void announce(AnnounceRequest request, List<WebRtc.Offer> offers, CompletableFuture<AnnounceResponse> result,
                  Duration timeout) {
        InfoHash hash = request.infoHash();
        String text = messages.announce(request, offers, swarms.trackerId(hash));
        swarms.announcing(request, offers);
        link.cancelCloseWhenUnused();
        CompletableFuture<AnnounceResponse> reply = requests.announce(hash, text, timeout);
        forward(reply, result);
        link.send(text).ifPresent(reply::completeExceptionally);
    }

    /** Scrapes up to {@link #MAX_SCRAPE_HASHES} torrents. Event loop only. */
    void scrape(List<InfoHash> infoHashes, CompletableFuture<Map<InfoHash, ScrapeResult>> result, Duration timeout) {
        String text = messages.scrape(infoHashes);
        link.cancelCloseWhenUnused();
        CompletableFuture<Map<InfoHash, ScrapeResult>> reply = requests.scrape(text, timeout);
        forward(reply, result);
        link.send(text).ifPresent(reply::completeExceptionally);
    }

    private static <T> void forward(CompletableFuture<T> from, CompletableFuture<T> to) {
        from.whenComplete((r, e) -> {
            if (e != null) {
                to.completeExceptionally(e);
            } else {
                to.complete(r);
            }
        });
    }

    /** Closes for good: pending requests fail with CLOSED. Event loop only. */
    void close() {
        link.close();
        requests.failAll(new TrackerException(trackerUrl, Kind.CLOSED, "the connection was closed"));
    }

    boolean isClosed() {
        return link.state() == WsLink.State.CLOSED;
    }

    @Override
    public void opened() {
        // re-join the torrents the tracker forgot with the old connection
        swarms.rejoin(requests::awaitsAnnounce, () -> link.state() == WsLink.State.OPEN);
    }

    @Override
    public void connectFailed(TrackerException cause) {
        requests.failAll(cause);
    }

    @Override
    public void dropped() {
        // requests that were sent but not answered go out again on the next connection
        requests.unanswered().forEach(link::requeue);
    }

    @Override
    public boolean wantsConnection() {
        return !swarms.isEmpty();
    }

    @Override
    public boolean inUse() {
        return !swarms.isEmpty() || !requests.isEmpty();
    }

    @Override
    public void closedUnused() {
        close();
        onIdleClose.run();
    }

    @Override
    public void received(String text) {
        WsMessage message;
        try {
            message = messages.decode(text);
        } catch (WsMessages.MalformedMessageException e) {
            LOG.debug("Dropping a message from {}: {}", Secrets.maskUrl(trackerUrl), Secrets.maskUrls(e.getMessage()));
            return;
        }
        if (message instanceof WsMessage.AnnounceReply reply) {
            swarms.trackerIdReceived(reply.infoHash(), reply.trackerId());
            requests.announceReplied(reply);
        } else if (message instanceof WsMessage.ScrapeReply reply) {
            requests.scrapeReplied(reply);
        } else if (message instanceof WsMessage.Failure failure) {
            refused(failure);
        } else if (message instanceof WsMessage.RelayedOffer offer) {
            swarms.relayedOffer(offer);
        } else if (message instanceof WsMessage.RelayedAnswer answer) {
            swarms.relayedAnswer(answer);
        }
    }

    private void refused(WsMessage.Failure failure) {
        if ("scrape".equals(failure.action())) {
            requests.scrapeRefused(failure.reason());
            return;
        }
        InfoHash hash = failure.infoHash();
        CompletableFuture<AnnounceResponse> waiting = hash != null
                ? requests.waitingAnnounce(hash) : requests.someWaitingAnnounce();
        if (waiting != null) {
            if (hash != null) {
                swarms.leave(hash); // before the reply, so that the connection sees the torrent gone
            }
            waiting.complete(AnnounceResponse.failure(trackerUrl, failure.reason()));
        } else if (hash == null && requests.awaitsScrape()) {
            requests.scrapeRefused(failure.reason());
        }
    }
}
