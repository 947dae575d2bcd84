package io.github.bttracker.testing;

import java.util.List;

/**
 * What a swarm answers to an announce. Immutable and thread-safe.
 *
 * @param complete   seeds in the swarm after the announce
 * @param incomplete leechers in the swarm after the announce
 * @param peers      other peers for the announcing peer to connect to
 */
public record AnnounceResult(int complete, int incomplete, List<Peer> peers) {

    /**
     * Copies the peer list so the result stays immutable.
     *
     * @param complete seeds in the swarm after the announce
     * @param incomplete leechers in the swarm after the announce
     * @param peers other peers for the announcing peer to connect to
     */
    public AnnounceResult {
        peers = List.copyOf(peers);
    }
}
