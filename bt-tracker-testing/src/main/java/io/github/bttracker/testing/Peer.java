package io.github.bttracker.testing;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * A peer as a swarm knows it, from its last announce. Immutable and thread-safe: the peer id is copied in and out.
 *
 * @param ip        the address the peer can be reached at
 * @param port      the port the peer listens on
 * @param peerId    the peer's 20-byte id
 * @param left      bytes the peer still has to download, {@code null} when unknown
 * @param lastEvent the event of the peer's last announce
 */
public record Peer(InetAddress ip, int port, byte[] peerId, Long left, AnnounceEvent lastEvent) {

    /**
     * Validates and copies the peer id.
     *
     * @param ip the address the peer can be reached at
     * @param port the port the peer listens on
     * @param peerId the peer's 20-byte id
     * @param left bytes the peer still has to download, {@code null} when unknown
     * @param lastEvent the event of the peer's last announce
     */
    public Peer {
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(lastEvent, "lastEvent");
        peerId = Ids.checkedCopy(peerId, "peer id");
    }

    /** Builds the swarm's view of an announcing peer. */
    static Peer from(AnnounceParams announce) {
        return new Peer(announce.ip(), announce.port(), announce.peerId(), announce.left(), announce.event());
    }

    /** {@return a copy of the peer id} */
    @Override
    public byte[] peerId() {
        return peerId.clone();
    }

    /** {@return the peer id as lower-case hex} */
    public String peerIdHex() {
        return Ids.hex(peerId);
    }

    /** {@return the address the peer can be reached at} */
    public InetSocketAddress address() {
        return new InetSocketAddress(ip, port);
    }

    /** {@return whether the peer has the whole torrent ({@code left == 0}); peers that did not say are not seeds} */
    public boolean isSeed() {
        return left != null && left == 0L;
    }

    boolean hasPeerId(byte[] otherPeerId) {
        return Arrays.equals(peerId, otherPeerId);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Peer that
                && ip.equals(that.ip)
                && port == that.port
                && Arrays.equals(peerId, that.peerId)
                && Objects.equals(left, that.left)
                && lastEvent == that.lastEvent;
    }

    @Override
    public int hashCode() {
        return Objects.hash(ip, port, Arrays.hashCode(peerId), left, lastEvent);
    }

    @Override
    public String toString() {
        return "Peer[" + ip.getHostAddress() + ":" + port + ", peerId=" + peerIdHex() + ", left=" + left
                + ", lastEvent=" + lastEvent + "]";
    }
}
