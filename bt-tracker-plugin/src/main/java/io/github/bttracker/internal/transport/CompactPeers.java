package io.github.bttracker.internal.transport;

import io.github.bttracker.core.PeerAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The compact peer format shared by HTTP (BEP 23, BEP 7 {@code peers6}) and UDP (BEP 15) trackers: for each peer,
 * the address in network byte order (4 bytes for IPv4, 16 for IPv6) followed by a 2-byte port.
 */
public final class CompactPeers {

    /** Bytes per IPv4 entry. */
    public static final int IPV4_ENTRY = 6;
    /** Bytes per IPv6 entry. */
    public static final int IPV6_ENTRY = 18;

    private CompactPeers() {
    }

    /**
     * Decodes {@code length} bytes of entries, each {@code entrySize} bytes (6 or 18), skipping entries with port 0
     * (no peer can be reached there).
     *
     * @throws IllegalArgumentException if {@code length} is not a multiple of {@code entrySize}
     */
    public static List<PeerAddress> decode(byte[] data, int offset, int length, int entrySize) {
        if (entrySize != IPV4_ENTRY && entrySize != IPV6_ENTRY) {
            throw new IllegalArgumentException("entry size must be 6 or 18: " + entrySize);
        }
        if (length % entrySize != 0) {
            throw new IllegalArgumentException(
                    "compact peer list of " + length + " bytes is not a multiple of " + entrySize);
        }
        int addressSize = entrySize - 2;
        List<PeerAddress> peers = new ArrayList<>(length / entrySize);
        byte[] address = new byte[addressSize];
        for (int at = offset; at < offset + length; at += entrySize) {
            System.arraycopy(data, at, address, 0, addressSize);
            int port = ((data[at + addressSize] & 0xFF) << 8) | (data[at + addressSize + 1] & 0xFF);
            if (port != 0) {
                peers.add(PeerAddress.of(toInetAddress(address), port));
            }
        }
        return peers;
    }

    /** Decodes a whole array of entries. See {@link #decode(byte[], int, int, int)}. */
    public static List<PeerAddress> decode(byte[] data, int entrySize) {
        return decode(data, 0, data.length, entrySize);
    }

    private static InetAddress toInetAddress(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            // only thrown for an array of illegal length, which the entry size rules out
            throw new IllegalStateException(e);
        }
    }
}
