package io.github.bttracker.spi;

import io.github.bttracker.core.PeerAddress;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which peers a tracker's answer may hand to Bt and to {@link io.github.bttracker.TrackerClientListener#onPeer}. A
 * tracker is an untrusted server: without a filter it could point the client at addresses no peer can have, which
 * only make it send connection attempts nowhere (or to multicast groups and broadcast addresses on the local
 * network).
 *
 * <p>Whatever the filter, every answer is also cleaned of duplicates (one entry per address and port) and of the
 * client itself (its own listening port at one of this host's addresses, or at the {@code external ip} the tracker
 * reported): trackers such as opentracker list the requester among the peers.
 *
 * <p>Set it with {@link io.github.bttracker.options.SafetyOptions#withPeerFilter}. It is called on the event loop,
 * once per peer of every answer, and must be fast and must not block; an exception it throws drops that peer.
 */
@FunctionalInterface
public interface PeerFilter {

    /**
     * The default: only unicast addresses a peer can be reached at. It drops the unspecified addresses ({@code
     * 0.0.0.0/8}, {@code ::}), multicast ({@code 224.0.0.0/4}, {@code ff00::/8}), the reserved and broadcast block
     * {@code 240.0.0.0/4} ({@code 255.255.255.255} among them), and link-local addresses ({@code 169.254.0.0/16};
     * {@code fe80::/10}, which cannot be used without a scope that a tracker cannot give), also in their IPv4-mapped
     * IPv6 forms (which the JDK turns into IPv4 addresses). Loopback and private addresses are kept: a tracker on
     * this host or on a LAN lists its peers there.
     */
    PeerFilter USABLE_UNICAST = PeerFilter::isUsableUnicast;

    /** Keeps every peer (duplicates and the client itself are still left out). */
    PeerFilter ANY = peer -> true;

    /**
     * @param peer a peer of a tracker's answer
     * @return true to hand the peer on
     */
    boolean accepts(PeerAddress peer);

    private static boolean isUsableUnicast(PeerAddress peer) {
        InetAddress address = peer.address();
        if (address instanceof Inet6Address v6) {
            // an IPv4-mapped address never gets here: InetAddress.getByAddress makes it an Inet4Address
            return !v6.isAnyLocalAddress() && !v6.isMulticastAddress() && !v6.isLinkLocalAddress();
        }
        if (address instanceof Inet4Address v4) {
            byte[] raw = v4.getAddress();
            return isUsableIpv4(raw[0] & 0xFF, raw[1] & 0xFF);
        }
        return false;
    }

    private static boolean isUsableIpv4(int first, int second) {
        boolean thisNetwork = first == 0;
        boolean multicastOrReserved = first >= 224; // 224/4 multicast, 240/4 reserved, 255.255.255.255 broadcast
        boolean linkLocal = first == 169 && second == 254;
        return !thisNetwork && !multicastOrReserved && !linkLocal;
    }
}
