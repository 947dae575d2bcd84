package io.github.bttracker.bt;

import bt.net.InetPeer;
import bt.net.Peer;
import bt.tracker.TrackerResponse;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.PeerAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Conversion of the plugin's announce responses to Bt's {@link TrackerResponse}. */
final class BtResponses {

    private BtResponses() {
    }

    static TrackerResponse toBt(AnnounceResponse response) {
        if (!response.isSuccess()) {
            return TrackerResponse.failure(response.failureReason().orElse("failure"));
        }
        TrackerResponse converted = TrackerResponse.ok();
        response.interval().map(BtResponses::seconds).ifPresent(converted::setInterval);
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
