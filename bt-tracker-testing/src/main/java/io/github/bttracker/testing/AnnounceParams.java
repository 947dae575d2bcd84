package io.github.bttracker.testing;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * One announce, independent of the protocol it arrived by. Immutable and thread-safe: the arrays are copied in and
 * out.
 *
 * @param infoHash the 20-byte info hash of the torrent
 * @param peerId   the 20-byte peer id of the announcing peer
 * @param ip       the address the announcing peer can be reached at
 * @param port     the port the announcing peer listens on
 * @param left     bytes the peer still has to download, {@code null} when the peer did not say
 * @param event    the announce event
 * @param numWant  how many peers the announcing peer wants at most
 */
public record AnnounceParams(
        byte[] infoHash, byte[] peerId, InetAddress ip, int port, Long left, AnnounceEvent event, int numWant) {

    /** How many peers a tracker returns when the client does not say ({@code numwant} absent). */
    public static final int DEFAULT_NUM_WANT = 50;

    /**
     * Validates and takes defensive copies of the arrays, so an announce cannot change after the fact.
     *
     * @param infoHash the 20-byte info hash of the torrent
     * @param peerId the 20-byte peer id of the announcing peer
     * @param ip the address the announcing peer can be reached at
     * @param port the port the announcing peer listens on
     * @param left bytes the peer still has to download, {@code null} when the peer did not say
     * @param event the announce event
     * @param numWant how many peers the announcing peer wants at most
     */
    public AnnounceParams {
        infoHash = Ids.checkedCopy(infoHash, "info hash");
        peerId = Ids.checkedCopy(peerId, "peer id");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(event, "event");
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (numWant < 0) {
            throw new IllegalArgumentException("numWant must not be negative: " + numWant);
        }
    }

    /** {@return a copy of the info hash} */
    @Override
    public byte[] infoHash() {
        return infoHash.clone();
    }

    /** {@return a copy of the peer id} */
    @Override
    public byte[] peerId() {
        return peerId.clone();
    }

    /** {@return the address the announcing peer can be reached at} */
    public InetSocketAddress address() {
        return new InetSocketAddress(ip, port);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AnnounceParams that
                && Arrays.equals(infoHash, that.infoHash)
                && Arrays.equals(peerId, that.peerId)
                && ip.equals(that.ip)
                && port == that.port
                && Objects.equals(left, that.left)
                && event == that.event
                && numWant == that.numWant;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(infoHash), Arrays.hashCode(peerId), ip, port, left, event, numWant);
    }

    @Override
    public String toString() {
        return "AnnounceParams[infoHash=" + Ids.hex(infoHash) + ", peerId=" + Ids.hex(peerId) + ", ip="
                + ip.getHostAddress() + ", port=" + port + ", left=" + left + ", event=" + event + ", numWant="
                + numWant + "]";
    }
}
