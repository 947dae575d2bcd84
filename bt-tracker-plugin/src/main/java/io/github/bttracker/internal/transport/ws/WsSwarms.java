package io.github.bttracker.internal.transport.ws;

import io.github.bttracker.core.AnnounceEvent;
import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.core.Secrets;
import io.github.bttracker.spi.WebRtc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The torrents this client has joined on one WebSocket tracker, and their signalling: the last announce of each (to
 * join again after a reconnect), tracker ids, the offers sent that await an answer, and the relayed offers and
 * answers handed to the {@link WebRtc} implementation.
 *
 * <p>What a tracker can make it keep or do is bounded: tracker ids only for joined torrents and short ones; relayed
 * offers answered at most {@link #MAX_OFFERS_ANSWERED} per torrent every {@link #OFFER_WINDOW}; relayed answers
 * taken only for offers this client sent (as the JavaScript client does).
 */
final class WsSwarms {

    private static final Logger LOG = LoggerFactory.getLogger(WsSwarms.class);
    /** At most this many offers ride on one announce: enough peers, and bounded work for the WebRTC side. */
    static final int MAX_OFFERS = 10;
    /** Longest tracker id kept and sent back: the ones trackers use are a few dozen characters. */
    static final int MAX_TRACKER_ID = 1024;
    /** Relayed offers answered per torrent within {@link #OFFER_WINDOW}; the rest are dropped. */
    static final int MAX_OFFERS_ANSWERED = 10;
    static final Duration OFFER_WINDOW = Duration.ofSeconds(10);
    /** How long an offer we sent waits for its answer, as in the JavaScript client. */
    static final Duration OFFER_TIMEOUT = Duration.ofSeconds(50);
    /** Offers remembered per torrent for their answers: those of the last few announces. */
    static final int MAX_OFFERS_REMEMBERED = 3 * MAX_OFFERS;

    /**
     * A torrent joined on this tracker: what to announce again after a reconnect, the offers sent that await an
     * answer, and how many relayed offers were answered lately.
     */
    private final class Swarm {
        AnnounceRequest request;
        /** Offer id to when it was sent (the scheduler's nanoTime), oldest first. */
        final Map<String, Long> offersSent = new LinkedHashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > MAX_OFFERS_REMEMBERED;
            }
        };
        long offerWindowStart = scheduler.nanoTime();
        int offersAnswered;

        Swarm(AnnounceRequest request) {
            this.request = request;
        }

        void sent(List<WebRtc.Offer> offers) {
            long now = scheduler.nanoTime();
            offers.forEach(o -> offersSent.put(o.offerId(), now));
        }

        /** @return whether an answer to this offer id is awaited; it is awaited no more */
        boolean awaitsAnswer(String offerId) {
            Long sentAt = offersSent.remove(offerId);
            return sentAt != null && scheduler.nanoTime() - sentAt < OFFER_TIMEOUT.toNanos();
        }

        /** @return whether one more relayed offer may be answered now, counting it if so */
        boolean mayAnswerOffer() {
            long now = scheduler.nanoTime();
            if (now - offerWindowStart >= OFFER_WINDOW.toNanos()) {
                offerWindowStart = now;
                offersAnswered = 0;
            }
            if (offersAnswered >= MAX_OFFERS_ANSWERED) {
                return false;
            }
            offersAnswered++;
            return true;
        }

        boolean isUs(PeerId peerId) {
            return request.peerId().equals(peerId);
        }
    }

    private final String trackerUrl;
    private final Optional<WebRtc> webRtc;
    private final WsMessages messages;
    private final WsScheduler scheduler;
    /** Sends a message that awaits no reply on the open connection, if there is one. */
    private final Consumer<String> post;
    private final Map<InfoHash, Swarm> joined = new LinkedHashMap<>();
    private final Map<InfoHash, String> trackerIds = new HashMap<>();

    WsSwarms(String trackerUrl, Optional<WebRtc> webRtc, WsMessages messages, WsScheduler scheduler,
             Consumer<String> post) {
        this.trackerUrl = trackerUrl;
        this.webRtc = webRtc;
        this.messages = messages;
        this.scheduler = scheduler;
        this.post = post;
    }

    /** Offers for an announce: none without WebRTC, for {@code stopped}, or when no peers are wanted. */
    CompletableFuture<List<WebRtc.Offer>> offers(AnnounceRequest request) {
        if (webRtc.isEmpty() || request.event() == AnnounceEvent.STOPPED || request.numWant() == 0) {
            return CompletableFuture.completedFuture(List.of());
        }
        try {
            return webRtc.get().createOffers(request.infoHash(), Math.min(MAX_OFFERS, request.numWant()));
        } catch (RuntimeException e) {
            LOG.warn("The WebRTC implementation failed to create offers for {}", request.infoHash(), e);
            return CompletableFuture.completedFuture(List.of());
        }
    }

    /**
     * An announce goes out with these offers: {@code stopped} leaves the swarm, any other joins it (with WebRTC)
     * and remembers the offers.
     */
    void announcing(AnnounceRequest request, List<WebRtc.Offer> offers) {
        InfoHash hash = request.infoHash();
        if (request.event() == AnnounceEvent.STOPPED) {
            leave(hash);
        } else if (webRtc.isPresent()) {
            Swarm swarm = joined.computeIfAbsent(hash, h -> new Swarm(request));
            swarm.request = request;
            swarm.sent(offers);
        }
    }

    /** The torrent left this tracker: nothing of it is kept. */
    void leave(InfoHash hash) {
        joined.remove(hash);
        trackerIds.remove(hash);
    }

    boolean isEmpty() {
        return joined.isEmpty();
    }

    /** The tracker id to send back with this torrent's announces, or null. */
    String trackerId(InfoHash hash) {
        return trackerIds.get(hash);
    }

    /** Keeps a tracker id from a reply for a torrent joined here. */
    void trackerIdReceived(InfoHash hash, String trackerId) {
        // a hostile tracker's ids for other torrents, or huge ones, would otherwise pile up
        if (trackerId != null && trackerId.length() <= MAX_TRACKER_ID && joined.containsKey(hash)) {
            trackerIds.put(hash, trackerId);
        }
    }

    /**
     * Joins again, after a reconnect, every torrent the tracker forgot with the old connection, except those with an
     * announce of their own waiting to go out (the first connection's, or one sent but unanswered before the
     * reconnect): they rejoin with that one. A re-announce is posted with fresh offers, if the link is still open.
     */
    void rejoin(Predicate<InfoHash> announceWaiting, BooleanSupplier open) {
        List<AnnounceRequest> rejoin = new ArrayList<>();
        for (Map.Entry<InfoHash, Swarm> s : joined.entrySet()) {
            if (!announceWaiting.test(s.getKey())) {
                rejoin.add(s.getValue().request);
            }
        }
        for (AnnounceRequest last : rejoin) {
            AnnounceRequest request = last.toBuilder().event(AnnounceEvent.STARTED).build();
            offers(request).whenComplete((offers, e) -> scheduler.execute(() -> {
                Swarm swarm = joined.get(request.infoHash());
                if (open.getAsBoolean() && swarm != null) {
                    List<WebRtc.Offer> sent = offers == null ? List.of() : offers;
                    swarm.sent(sent);
                    post.accept(messages.announce(request, sent, trackerIds.get(request.infoHash())));
                }
            }));
        }
    }

    /** Another peer's offer: answered through the WebRTC implementation, within this torrent's rate. */
    void relayedOffer(WsMessage.RelayedOffer offer) {
        Swarm swarm = joined.get(offer.infoHash());
        if (swarm == null || webRtc.isEmpty() || swarm.isUs(offer.peerId())) {
            return;
        }
        if (!swarm.mayAnswerOffer()) {
            LOG.debug("Dropping an offer relayed by {}: more than {} for {} within {} s", Secrets.maskUrl(trackerUrl),
                    MAX_OFFERS_ANSWERED, offer.infoHash(), OFFER_WINDOW.toSeconds());
            return;
        }
        PeerId us = swarm.request.peerId();
        CompletableFuture<WebRtc.Signal> answer;
        try {
            answer = webRtc.get().answer(offer.infoHash(), offer.peerId(), offer.offerId(), offer.offer());
        } catch (RuntimeException e) {
            LOG.warn("The WebRTC implementation failed to answer an offer from {}", offer.peerId(), e);
            return;
        }
        answer.whenComplete((signal, e) -> {
            if (e != null) {
                LOG.debug("No answer to the offer of {}", offer.peerId(), e);
            } else if (signal != null) {
                scheduler.execute(() -> post.accept(messages.answer(offer.infoHash(), us, offer.peerId(),
                        offer.offerId(), signal)));
            }
        });
    }

    /** Another peer's answer to one of our offers: handed to the WebRTC implementation if that offer awaits it. */
    void relayedAnswer(WsMessage.RelayedAnswer answer) {
        Swarm swarm = joined.get(answer.infoHash());
        if (swarm == null || webRtc.isEmpty() || swarm.isUs(answer.peerId())) {
            return;
        }
        if (!swarm.awaitsAnswer(answer.offerId())) {
            // as the JavaScript client does: only an offer we sent, once, and not too long ago, takes an answer
            LOG.debug("Dropping an answer relayed by {} to an offer not awaiting one", Secrets.maskUrl(trackerUrl));
            return;
        }
        try {
            webRtc.get().answered(answer.infoHash(), answer.peerId(), answer.offerId(), answer.answer());
        } catch (RuntimeException e) {
            LOG.warn("The WebRTC implementation failed to take the answer of {}", answer.peerId(), e);
        }
    }
}
