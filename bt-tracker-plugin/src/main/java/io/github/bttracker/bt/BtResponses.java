package io.github.bttracker.bt;

import bt.net.InetPeer;
import bt.net.Peer;
import bt.tracker.TrackerResponse;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.PeerAddress;
import io.github.bttracker.internal.announce.AnnounceOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The one conversion of an announce's outcome to Bt's {@link TrackerResponse}. */
final class BtResponses {

    private BtResponses() {
    }

    /**
     * @return Bt's response: a success with the interval the schedule chose (the tracker's, jittered and floored),
     *     the tracker's refusal, or the error
     */
    static TrackerResponse toBt(AnnounceOutcome outcome) {
        if (outcome.response() == null) {
            return TrackerResponse.exceptional(outcome.error());
        }
        AnnounceResponse response = outcome.response();
        if (!response.isSuccess()) {
            return TrackerResponse.failure(response.failureReason().orElse("failure"));
        }
        TrackerResponse converted = TrackerResponse.ok();
        converted.setInterval((int) Math.min(Integer.MAX_VALUE, Math.max(1, outcome.interval().toSeconds())));
        response.minInterval().map(BtResponses::seconds).ifPresent(converted::setMinInterval);
        response.complete().ifPresent(n -> converted.setSeederCount(saturatedInt(n)));
        response.incomplete().ifPresent(n -> converted.setLeecherCount(saturatedInt(n)));
        response.warningMessage().ifPresent(converted::setWarningMessage);
        response.trackerId().ifPresent(id -> converted.setTrackerId(id.getBytes(StandardCharsets.ISO_8859_1)));
        List<Peer> peers = new ArrayList<>(response.peers().size());
        for (PeerAddress peer : response.peers()) {
            InetPeer.Builder b = InetPeer.builder(peer.address(), peer.port());
            peer.peerId().ifPresent(id -> b.peerId(bt.net.PeerId.fromBytes(id.bytes())));
            peers.add(b.build());
        }
        converted.setPeers(peers);
        return converted;
    }

    private static int seconds(Duration d) {
        return saturatedInt(d.getSeconds());
    }

    private static int saturatedInt(long n) {
        return (int) Math.min(Integer.MAX_VALUE, n);
    }
}
