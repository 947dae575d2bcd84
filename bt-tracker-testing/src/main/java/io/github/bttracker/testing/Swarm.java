package io.github.bttracker.testing;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The peers of one torrent. HTTP and UDP peers are keyed by the address they can be reached at, so a peer that
 * re-announces from the same ip:port replaces its old entry; WebSocket (WebTorrent) peers have no address worth
 * the name and are keyed by peer id. Guarded by its own monitor: swarms are independent of each other.
 */
final class Swarm {
    // insertion-ordered so the peers a tracker hands out are deterministic, which keeps tests reproducible;
    // keys are InetSocketAddress for HTTP and UDP peers, WebSocketPeerKey for WebSocket peers
    private final Map<Object, Peer> peers = new LinkedHashMap<>();
    private int downloaded;

    synchronized AnnounceResult announce(AnnounceParams announce) {
        return announce(announce.address(), announce, false);
    }

    /** An announce over WebSocket: the peer is keyed by its peer id and only other WebSocket peers come back. */
    synchronized AnnounceResult announceWebSocket(AnnounceParams announce) {
        return announce(new WebSocketPeerKey(Ids.hex(announce.peerId())), announce, true);
    }

    /** Removes a WebSocket peer, as when its connection closes; no download is counted. */
    synchronized void leaveWebSocket(byte[] peerId) {
        peers.remove(new WebSocketPeerKey(Ids.hex(peerId)));
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

    synchronized List<Peer> webSocketPeers() {
        List<Peer> webSocketPeers = new ArrayList<>();
        peers.forEach((key, peer) -> {
            if (key instanceof WebSocketPeerKey) {
                webSocketPeers.add(peer);
            }
        });
        return webSocketPeers;
    }

    private AnnounceResult announce(Object key, AnnounceParams announce, boolean webSocket) {
        if (announce.event() == AnnounceEvent.STOPPED) {
            peers.remove(key);
            // a peer that leaves has no use for peers, and real trackers send none
            return result(List.of());
        }
        if (announce.event() == AnnounceEvent.COMPLETED) {
            downloaded++;
        }
        peers.put(key, Peer.from(announce));
        return result(peersFor(announce, webSocket));
    }

    private AnnounceResult result(List<Peer> handedOut) {
        ScrapeCounts counts = counts();
        return new AnnounceResult(counts.complete(), counts.incomplete(), handedOut);
    }

    /**
     * Every other peer of the requester's kind, up to numwant: WebSocket peers only reach each other (through the
     * tracker), and other peers only get peers with an address. The requester is recognised by its peer id and,
     * over HTTP and UDP, by its address.
     */
    private List<Peer> peersFor(AnnounceParams announce, boolean webSocket) {
        byte[] peerId = announce.peerId();
        InetSocketAddress address = announce.address();
        List<Peer> others = new ArrayList<>();
        for (Map.Entry<Object, Peer> entry : peers.entrySet()) {
            if (others.size() >= announce.numWant()) {
                break;
            }
            Peer peer = entry.getValue();
            boolean webSocketPeer = entry.getKey() instanceof WebSocketPeerKey;
            if (webSocketPeer != webSocket || peer.hasPeerId(peerId)) {
                continue;
            }
            if (webSocket || !peer.address().equals(address)) {
                others.add(peer);
            }
        }
        return others;
    }

    /** The key of a WebSocket peer: its peer id, as hex. */
    private record WebSocketPeerKey(String peerIdHex) {
    }
}
