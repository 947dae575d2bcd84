package io.github.bttracker.it.ws;

import io.github.bttracker.spi.WebRtc;

/** Lets tests in other packages use {@link FakeWebRtc}. */
public final class FakeWebRtcAccess {

    private FakeWebRtcAccess() {
    }

    public static WebRtc create(String name) {
        return new FakeWebRtc(name);
    }

    /** @return the next relayed offer the given fake was asked to answer (waits up to 10 s) */
    public static Signalled nextOffer(WebRtc fake) throws InterruptedException {
        FakeWebRtc.Signalled s = FakeWebRtc.take(((FakeWebRtc) fake).offersReceived);
        return new Signalled(s.remotePeer(), s.offerId());
    }

    /** @return the next answer the given fake received (waits up to 10 s) */
    public static Signalled nextAnswer(WebRtc fake) throws InterruptedException {
        FakeWebRtc.Signalled s = FakeWebRtc.take(((FakeWebRtc) fake).answersReceived);
        return new Signalled(s.remotePeer(), s.offerId());
    }

    /** Who signalled, about which offer. */
    public record Signalled(io.github.bttracker.core.PeerId remotePeer, String offerId) {
    }
}
