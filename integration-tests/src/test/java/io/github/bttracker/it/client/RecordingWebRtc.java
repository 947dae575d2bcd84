package io.github.bttracker.it.client;

import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.it.ws.FakeWebRtcAccess;
import io.github.bttracker.spi.WebRtc;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The fake WebRTC of the WebSocket tests ({@link FakeWebRtcAccess}), which makes up offers and answers, with every
 * signal it creates or receives kept in lists a test can read without waiting, to count them.
 */
final class RecordingWebRtc implements WebRtc {

    /** An offer or an answer another peer sent through the tracker. */
    record Signalled(InfoHash infoHash, PeerId remotePeer, String offerId) {
    }

    private final WebRtc fake;
    /** The ids of the offers this peer created for its announces. */
    final List<String> offersCreated = new CopyOnWriteArrayList<>();
    /** The offers of other peers this peer was asked to answer. */
    final List<Signalled> offersReceived = new CopyOnWriteArrayList<>();
    /** The answers of other peers to this peer's offers. */
    final List<Signalled> answersReceived = new CopyOnWriteArrayList<>();

    RecordingWebRtc(String name) {
        this.fake = FakeWebRtcAccess.create(name);
    }

    @Override
    public CompletableFuture<List<Offer>> createOffers(InfoHash infoHash, int count) {
        return fake.createOffers(infoHash, count).thenApply(offers -> {
            offers.forEach(offer -> offersCreated.add(offer.offerId()));
            return offers;
        });
    }

    @Override
    public CompletableFuture<Signal> answer(InfoHash infoHash, PeerId remotePeer, String offerId, Signal offer) {
        offersReceived.add(new Signalled(infoHash, remotePeer, offerId));
        return fake.answer(infoHash, remotePeer, offerId, offer);
    }

    @Override
    public void answered(InfoHash infoHash, PeerId remotePeer, String offerId, Signal answer) {
        answersReceived.add(new Signalled(infoHash, remotePeer, offerId));
        fake.answered(infoHash, remotePeer, offerId, answer);
    }
}
