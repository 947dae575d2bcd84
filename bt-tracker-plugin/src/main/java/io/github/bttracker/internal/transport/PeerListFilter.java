package io.github.bttracker.internal.transport;

import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.PeerAddress;
import io.github.bttracker.spi.PeerFilter;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cleans the peer list of every answer before anyone sees it: the {@link PeerFilter} decides which addresses are
 * usable, duplicates collapse to their first entry (one per address and port, whatever peer id they carry), and the
 * client itself is left out: its own port at one of this host's addresses, or at the {@code external ip} the tracker
 * saw (BEP 24). Thread-safe.
 */
public final class PeerListFilter {

    private static final Logger LOG = LoggerFactory.getLogger(PeerListFilter.class);
    /** How long the host's own addresses are taken as known before they are listed again. */
    private static final long LOCAL_ADDRESSES_TTL_NANOS = 30_000_000_000L;

    private final PeerFilter filter;
    private volatile LocalAddresses localAddresses;

    public PeerListFilter(PeerFilter filter) {
        this.filter = filter;
    }

    public AnnounceResponse apply(AnnounceRequest request, AnnounceResponse response) {
        List<PeerAddress> peers = response.peers();
        if (peers.isEmpty()) {
            return response;
        }
        Set<Endpoint> seen = new HashSet<>(Math.min(peers.size(), 1 << 16) * 2);
        List<PeerAddress> kept = new ArrayList<>(peers.size());
        int unusable = 0;
        int self = 0;
        for (PeerAddress peer : peers) {
            if (!accepts(peer)) {
                unusable++;
            } else if (peer.port() == request.port() && isThisHost(peer.address(), response)) {
                self++;
            } else if (seen.add(new Endpoint(peer.address().getAddress(), peer.port()))) {
                kept.add(peer);
            }
        }
        if (kept.size() == peers.size()) {
            return response;
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{}: {} of {} peers kept ({} unusable, {} this client, {} duplicates)",
                    io.github.bttracker.core.Secrets.maskUrl(response.trackerUrl()), kept.size(), peers.size(),
                    unusable, self, peers.size() - kept.size() - unusable - self);
        }
        return response.withPeers(kept);
    }

    /**
     * A peer's address and port as the key that finds duplicates. Not {@code InetSocketAddress}: its hash code is the
     * address's plus the port, so a tracker can list thousands of peers with one hash code ({@code a + k}, port
     * {@code p - k}), and a {@code HashSet} of keys that are not {@code Comparable} searches a crowded bucket whole at
     * every insertion: 20,000 such peers, 120 KB of compact peer list, took 2.8 to 3.3 s of CPU to filter. Keys
     * {@code Comparable} to their own class keep such a bucket a balanced tree.
     */
    static final class Endpoint implements Comparable<Endpoint> {
        private final byte[] address;
        private final int port;

        Endpoint(byte[] address, int port) {
            this.address = address;
            this.port = port;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Endpoint other && port == other.port && Arrays.equals(address, other.address);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(address) + port;
        }

        /** By address bytes, unsigned (the shorter first where one is the start of the other), then by port. */
        @Override
        public int compareTo(Endpoint other) {
            int order = Arrays.compareUnsigned(address, other.address);
            return order != 0 ? order : Integer.compare(port, other.port);
        }
    }

    private boolean accepts(PeerAddress peer) {
        try {
            return filter.accepts(peer);
        } catch (RuntimeException e) {
            LOG.debug("The peer filter failed on {}; the peer is dropped", peer, e);
            return false;
        }
    }

    private boolean isThisHost(InetAddress address, AnnounceResponse response) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress()
                || response.externalIp().filter(address::equals).isPresent()) {
            return true;
        }
        LocalAddresses known = localAddresses;
        if (known == null || System.nanoTime() - known.listedAt > LOCAL_ADDRESSES_TTL_NANOS) {
            known = LocalAddresses.list();
            localAddresses = known;
        }
        return known.addresses.contains(address);
    }

    /** The addresses of this host's interfaces, as listed at one moment. */
    private record LocalAddresses(Set<InetAddress> addresses, long listedAt) {
        static LocalAddresses list() {
            Set<InetAddress> addresses;
            try {
                addresses = NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
                        .collect(Collectors.toUnmodifiableSet());
            } catch (SocketException | RuntimeException e) {
                LOG.debug("Cannot list this host's addresses; only loopback counts as this host", e);
                addresses = Set.of();
            }
            return new LocalAddresses(addresses, System.nanoTime());
        }
    }
}
