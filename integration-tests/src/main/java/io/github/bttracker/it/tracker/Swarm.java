package io.github.bttracker.it.tracker;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The peers of one torrent. Peers are keyed by the address they can be reached at, so a peer that re-announces
 * from the same ip:port replaces its old entry. Guarded by its own monitor: swarms are independent of each other.
 */
final class Swarm {
    // insertion-ordered so the peers a tracker hands out are deterministic, which keeps tests reproducible
    private final Map<InetSocketAddress, Peer> peers = new LinkedHashMap<>();
    private int downloaded;

    synchronized AnnounceResult announce(AnnounceParams announce) {
        InetSocketAddress address = announce.address();
        if (announce.event() == AnnounceEvent.STOPPED) {
            peers.remove(address);
            // a peer that leaves has no use for peers, and real trackers send none
            return result(List.of());
        }
        if (announce.event() == AnnounceEvent.COMPLETED) {
            downloaded++;
        }
        peers.put(address, Peer.from(announce));
        return result(peersFor(announce));
    }

    synchronized ScrapeCounts counts() {
        int complete = 0;
        for (Peer peer : peers.values()) {
            if (peer.isSeed()) {
                complete++;
            }
        }
        return new ScrapeCounts(complete, peers.size() - complete, downloaded);
    }

    synchronized List<Peer> peers() {
        return List.copyOf(peers.values());
    }

    private AnnounceResult result(List<Peer> handedOut) {
        ScrapeCounts counts = counts();
        return new AnnounceResult(counts.complete(), counts.incomplete(), handedOut);
    }

    /** Every other peer, up to numwant; the requester is recognised both by its peer id and by its address. */
    private List<Peer> peersFor(AnnounceParams announce) {
        byte[] peerId = announce.peerId();
        InetSocketAddress address = announce.address();
        List<Peer> others = new ArrayList<>();
        for (Peer peer : peers.values()) {
            if (others.size() >= announce.numWant()) {
                break;
            }
            if (!peer.hasPeerId(peerId) && !peer.address().equals(address)) {
                others.add(peer);
            }
        }
        return others;
    }
}
