package io.github.bttracker.core;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/** A peer returned by a tracker: an IP address, a port, and the peer id when the tracker sent one. Immutable. */
public final class PeerAddress {

    private final InetAddress address;
    private final int port;
    private final PeerId peerId;

    private PeerAddress(InetAddress address, int port, PeerId peerId) {
        this.address = Objects.requireNonNull(address, "address");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range 1-65535: " + port);
        }
        this.port = port;
        this.peerId = peerId;
    }

    /** @throws IllegalArgumentException if the port is not within 1–65535 */
    public static PeerAddress of(InetAddress address, int port) {
        return new PeerAddress(address, port, null);
    }

    /** @throws IllegalArgumentException if the port is not within 1–65535 */
    public static PeerAddress of(InetAddress address, int port, PeerId peerId) {
        return new PeerAddress(address, port, Objects.requireNonNull(peerId, "peerId"));
    }

    public InetAddress address() {
        return address;
    }

    public int port() {
        return port;
    }

    public Optional<PeerId> peerId() {
        return Optional.ofNullable(peerId);
    }

    public boolean isIpv6() {
        return address instanceof Inet6Address;
    }

    public InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(address, port);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeerAddress other
                && port == other.port && address.equals(other.address) && Objects.equals(peerId, other.peerId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, port, peerId);
    }

    @Override
    public String toString() {
        String host = address.getHostAddress();
        return (isIpv6() ? "[" + host + "]" : host) + ":" + port;
    }
}
