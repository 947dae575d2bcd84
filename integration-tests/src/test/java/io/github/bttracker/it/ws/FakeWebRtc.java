package io.github.bttracker.it.ws;

import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.spi.WebRtc;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A WebRTC implementation for tests: offers and answers are made-up session descriptions naming their creator, and
 * every call is recorded so a test can see the signalling arrive.
 */
final class FakeWebRtc implements WebRtc {

    /** A call of {@link #answer} or {@link #answered}. */
    record Signalled(InfoHash infoHash, PeerId remotePeer, String offerId, Signal signal) {
    }

    private final String name;
    private final AtomicInteger offers = new AtomicInteger();
    final LinkedBlockingQueue<Signalled> offersReceived = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<Signalled> answersReceived = new LinkedBlockingQueue<>();

    FakeWebRtc(String name) {
        this.name = name;
    }

    @Override
    public CompletableFuture<List<Offer>> createOffers(InfoHash infoHash, int count) {
        List<Offer> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = offers.incrementAndGet();
            list.add(new Offer(String.format("%-20s", name + "-offer-" + n).substring(0, 20),
                    new Signal("offer", "sdp offer " + n + " from " + name)));
        }
        return CompletableFuture.completedFuture(list);
    }

    @Override
    public CompletableFuture<Signal> answer(InfoHash infoHash, PeerId remotePeer, String offerId, Signal offer) {
        offersReceived.add(new Signalled(infoHash, remotePeer, offerId, offer));
        return CompletableFuture.completedFuture(new Signal("answer", "sdp answer from " + name + " to " + offerId));
    }

    @Override
    public void answered(InfoHash infoHash, PeerId remotePeer, String offerId, Signal answer) {
        answersReceived.add(new Signalled(infoHash, remotePeer, offerId, answer));
    }

    int offersCreated() {
        return offers.get();
    }

    static Signalled take(LinkedBlockingQueue<Signalled> queue) throws InterruptedException {
        Signalled s = queue.poll(10, TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("no signal within 10 s");
        }
        return s;
    }
}
