package io.github.bttracker.testing;

import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which connection each WebSocket peer of each swarm announced on, so that offers and answers can be forwarded
 * to it. The swarm itself ({@link Swarms}) stays protocol-independent; this is the part only the WebSocket front
 * end needs. A peer that announces again on another connection is reached on the newer one from then on.
 * Thread-safe.
 */
final class WebSocketPeerSockets {
    private final Map<PeerInSwarm, Channel> sockets = new ConcurrentHashMap<>();

    void register(byte[] infoHash, byte[] peerId, Channel channel) {
        sockets.put(new PeerInSwarm(Ids.hex(infoHash), Ids.hex(peerId)), channel);
    }

    void forget(byte[] infoHash, byte[] peerId) {
        sockets.remove(new PeerInSwarm(Ids.hex(infoHash), Ids.hex(peerId)));
    }

    /** The open connection the peer last announced on in that swarm, or null. */
    Channel socketOf(byte[] infoHash, byte[] peerId) {
        Channel channel = sockets.get(new PeerInSwarm(Ids.hex(infoHash), Ids.hex(peerId)));
        return channel != null && channel.isActive() ? channel : null;
    }

    /** Forgets every peer last seen on {@code channel}, which closed, and returns them. */
    List<PeerInSwarm> forgetChannel(Channel channel) {
        List<PeerInSwarm> forgotten = new ArrayList<>();
        sockets.forEach((peer, socket) -> {
            // remove(key, value): a peer that moved to a newer connection meanwhile stays
            if (socket == channel && sockets.remove(peer, socket)) {
                forgotten.add(peer);
            }
        });
        return forgotten;
    }

    /** A peer in a swarm, both as lower-case hex. */
    record PeerInSwarm(String infoHashHex, String peerIdHex) {
        byte[] infoHash() {
            return Ids.fromHex(infoHashHex);
        }

        byte[] peerId() {
            return Ids.fromHex(peerIdHex);
        }
    }
}
