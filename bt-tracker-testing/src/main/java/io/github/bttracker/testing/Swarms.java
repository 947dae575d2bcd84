package io.github.bttracker.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory state of every swarm the tracker knows, independent of the protocol announces arrive by, so that
 * HTTP, UDP and WebSocket front ends can share one instance. Thread-safe.
 */
public final class Swarms {
    // keyed by the lower-case hex of the info hash: byte[] has no value equality
    private final Map<String, Swarm> swarms = new ConcurrentHashMap<>();

    /**
     * Applies an announce: {@code stopped} removes the peer, {@code completed} counts a download, any other event
     * adds or updates the peer.
     *
     * @param announce the announce
     * @return the swarm's counts after the announce and the peers handed out to the announcing peer: every other
     *         peer (neither its peer id nor its address), at most {@link AnnounceParams#numWant()}, none on
     *         {@code stopped}
     */
    public AnnounceResult announce(AnnounceParams announce) {
        return swarms.computeIfAbsent(Ids.hex(announce.infoHash()), hash -> new Swarm()).announce(announce);
    }

    /**
     * Applies an announce that came over a WebSocket (WebTorrent): the peer is keyed by its peer id rather than an
     * address (its {@link AnnounceParams#port()} is meaningless, 0 by convention), and counts in the swarm like any
     * peer. WebSocket peers are never handed out to HTTP or UDP announces, nor the other way round.
     *
     * @return the swarm's counts after the announce and the other WebSocket peers of the swarm in the order they
     *         joined, at most {@link AnnounceParams#numWant()}, none on {@code stopped}: the peers the announcer's
     *         offers may go to
     */
    AnnounceResult announceWebSocket(AnnounceParams announce) {
        return swarms.computeIfAbsent(Ids.hex(announce.infoHash()), hash -> new Swarm()).announceWebSocket(announce);
    }

    /** The WebSocket peers currently in a swarm, in the order they joined; empty for an unknown info hash. */
    List<Peer> webSocketPeers(byte[] infoHash) {
        Swarm swarm = swarms.get(hexOf(infoHash));
        return swarm == null ? List.of() : swarm.webSocketPeers();
    }

    /** Removes a WebSocket peer whose connection closed, without creating a swarm that does not exist. */
    void leaveWebSocket(byte[] infoHash, byte[] peerId) {
        Swarm swarm = swarms.get(hexOf(infoHash));
        if (swarm != null) {
            swarm.leaveWebSocket(Ids.checkedCopy(peerId, "peer id"));
        }
    }

    /**
     * {@return the counts of a swarm; zeros for an info hash nobody announced}
     *
     * @param infoHash the 20-byte info hash
     */
    public ScrapeCounts scrape(byte[] infoHash) {
        Swarm swarm = swarms.get(hexOf(infoHash));
        return swarm == null ? ScrapeCounts.NONE : swarm.counts();
    }

    /**
     * The peers currently in a swarm, in the order they joined, WebSocket peers (port 0) included; empty for an
     * unknown info hash.
     *
     * @param infoHash the 20-byte info hash
     * @return the peers, a snapshot
     */
    public List<Peer> peers(byte[] infoHash) {
        Swarm swarm = swarms.get(hexOf(infoHash));
        return swarm == null ? List.of() : swarm.peers();
    }

    /** {@return the info hashes of every swarm anyone announced to (a scrape without info hash reports them all)} */
    public List<byte[]> infoHashes() {
        return swarms.keySet().stream().sorted().map(Ids::fromHex).toList();
    }

    /** Forgets every swarm. */
    public void clear() {
        swarms.clear();
    }

    private static String hexOf(byte[] infoHash) {
        return Ids.hex(Ids.checkedCopy(infoHash, "info hash"));
    }
}
