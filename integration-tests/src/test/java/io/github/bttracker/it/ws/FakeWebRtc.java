package io.github.bttracker.it.ws;

import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.spi.WebRtc;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A WebRTC implementation for tests: offers and answers are made-up session descriptions naming their creator, and
 * every signal it receives through the tracker is recorded, both to wait for the next one ({@link #nextOffer},
 * {@link #nextAnswer}) and to count them without waiting ({@link #offersReceived}, {@link #answersReceived}).
 */
public final class FakeWebRtc implements WebRtc {

    /** An offer or an answer another peer sent through the tracker: a call of {@link #answer} or {@link #answered}. */
    public record Signalled(InfoHash infoHash, PeerId remotePeer, String offerId, Signal signal) {
    }

    private final String name;
    private final AtomicInteger offers = new AtomicInteger();
    private final List<Signalled> offersReceived = new CopyOnWriteArrayList<>();
    private final List<Signalled> answersReceived = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Signalled> offersToTake = new LinkedBlockingQueue<>();
    private final BlockingQueue<Signalled> answersToTake = new LinkedBlockingQueue<>();

    public FakeWebRtc(String name) {
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
        Signalled signalled = new Signalled(infoHash, remotePeer, offerId, offer);
        offersReceived.add(signalled);
        offersToTake.add(signalled);
        return CompletableFuture.completedFuture(new Signal("answer", "sdp answer from " + name + " to " + offerId));
    }

    @Override
    public void answered(InfoHash infoHash, PeerId remotePeer, String offerId, Signal answer) {
        Signalled signalled = new Signalled(infoHash, remotePeer, offerId, answer);
        answersReceived.add(signalled);
        answersToTake.add(signalled);
    }

    /** The offers of other peers this peer was asked to answer so far, oldest first. */
    public List<Signalled> offersReceived() {
        return List.copyOf(offersReceived);
    }

    /** The answers of other peers to this peer's offers so far, oldest first. */
    public List<Signalled> answersReceived() {
        return List.copyOf(answersReceived);
    }

    /** The next offer this peer was asked to answer, not taken before; waits up to 10 s for it. */
    public Signalled nextOffer() throws InterruptedException {
        return take(offersToTake, "offer");
    }

    /** The next answer this peer received, not taken before; waits up to 10 s for it. */
    public Signalled nextAnswer() throws InterruptedException {
        return take(answersToTake, "answer");
    }

    private static Signalled take(BlockingQueue<Signalled> queue, String what) throws InterruptedException {
        Signalled signalled = queue.poll(10, TimeUnit.SECONDS);
        if (signalled == null) {
            throw new AssertionError("no " + what + " within 10 s");
        }
        return signalled;
    }
}
