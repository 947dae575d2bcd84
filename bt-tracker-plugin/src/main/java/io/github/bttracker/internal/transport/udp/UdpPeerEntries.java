package io.github.bttracker.internal.transport.udp;

import io.github.bttracker.core.PeerAddress;
import io.github.bttracker.internal.transport.CompactPeers;
import java.util.List;

/**
 * Which peer entry size a UDP tracker uses. BEP 15 says 6-byte entries from trackers reached over IPv4 and 18-byte
 * entries from trackers reached over IPv6, but some IPv6 trackers (the reference JavaScript one among them) answer
 * with 6-byte entries anyway. A length that is a multiple of 6 but not of 18 settles it; a multiple of 18 is
 * ambiguous (one IPv6 peer, or three IPv4 peers), and is read as IPv6 if most 18-byte entries are addresses an IPv6
 * peer can have. Most, not all: one odd entry (a multicast or unspecified address a hostile tracker slipped in)
 * must not make a list of IPv6 peers be read as three times as many bogus IPv4 ones; the odd entry is then dropped
 * with the other unusable addresses. IPv4 entries read as IPv6 land on a plausible address only when the first
 * byte of an entry's first address happens to be 0x20-0x3f or 0xfc-0xfe (about one in seven), so a list of them
 * is hardly ever mostly plausible.
 */
final class UdpPeerEntries {

    private UdpPeerEntries() {
    }

    /**
     * @param overIpv6 whether the tracker was reached over IPv6
     * @throws IllegalArgumentException if the length fits no entry size
     */
    static List<PeerAddress> decode(byte[] entries, boolean overIpv6) {
        if (!overIpv6) {
            return CompactPeers.decode(entries, CompactPeers.IPV4_ENTRY);
        }
        if (entries.length % CompactPeers.IPV6_ENTRY == 0 && mostlyPlausibleIpv6(entries)) {
            return CompactPeers.decode(entries, CompactPeers.IPV6_ENTRY);
        }
        return CompactPeers.decode(entries, CompactPeers.IPV4_ENTRY);
    }

    /**
     * Unicast addresses a peer can have: global unicast (2000::/3), unique local (fc00::/7), link-local (fe80::/10),
     * loopback (::1) and IPv4-mapped (::ffff:0:0/96). IPv4 entries read as IPv6 almost never land there: their first
     * byte would have to be 0x20-0x3f, 0xfc-0xfd or 0xfe.
     */
    private static boolean mostlyPlausibleIpv6(byte[] entries) {
        int plausible = 0;
        int total = entries.length / CompactPeers.IPV6_ENTRY;
        for (int at = 0; at < entries.length; at += CompactPeers.IPV6_ENTRY) {
            if (plausibleIpv6(entries, at)) {
                plausible++;
            }
        }
        return plausible * 2 > total;
    }

    private static boolean plausibleIpv6(byte[] a, int at) {
        int first = a[at] & 0xFF;
        if ((first & 0xE0) == 0x20 || (first & 0xFE) == 0xFC || (first == 0xFE && (a[at + 1] & 0xC0) == 0x80)) {
            return true;
        }
        for (int i = 0; i < 10; i++) {
            if (a[at + i] != 0) {
                return false;
            }
        }
        boolean mapped = a[at + 10] == (byte) 0xFF && a[at + 11] == (byte) 0xFF;
        boolean loopback = a[at + 10] == 0 && a[at + 11] == 0 && a[at + 12] == 0 && a[at + 13] == 0
                && a[at + 14] == 0 && a[at + 15] == 1;
        return mapped || loopback;
    }
}
