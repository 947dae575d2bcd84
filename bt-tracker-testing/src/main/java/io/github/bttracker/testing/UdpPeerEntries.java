package io.github.bttracker.testing;

/** How a UDP announce response lists peers. Immutable and thread-safe. */
public enum UdpPeerEntries {
    /**
     * As BEP 15 says: 6-byte entries (IPv4 address, port) when the tracker's socket is IPv4, 18-byte entries (IPv6
     * address, port) when it is IPv6; peers of the other address family are left out. The default.
     */
    BY_ADDRESS_FAMILY,
    /**
     * 6-byte entries whatever the socket, IPv6 peers left out: a quirk of the reference JavaScript tracker
     * (bittorrent-tracker), which clients talking to it over IPv6 must cope with.
     */
    ALWAYS_SIX_BYTES;

    /** How many address bytes each entry has on a socket of this family: 4 or 16. */
    int addressLength(boolean ipv6Socket) {
        return this == BY_ADDRESS_FAMILY && ipv6Socket ? 16 : 4;
    }
}
