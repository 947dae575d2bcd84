package io.github.bttracker.core;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A peer returned by a tracker: an IP address, a port, and the peer id when the tracker sent one. Immutable and
 * thread-safe; equal when address, port and peer id are.
 */
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

    /**
     * @param address the peer's IP address, not null
     * @param port the peer's port, 1–65535
     * @return a peer without a peer id
     * @throws NullPointerException if {@code address} is null
     * @throws IllegalArgumentException if the port is not within 1–65535
     */
    public static PeerAddress of(InetAddress address, int port) {
        return new PeerAddress(address, port, null);
    }

    /**
     * @param address the peer's IP address, not null
     * @param port the peer's port, 1–65535
     * @param peerId the peer id the tracker sent, not null
     * @return a peer with a peer id
     * @throws NullPointerException if {@code address} or {@code peerId} is null
     * @throws IllegalArgumentException if the port is not within 1–65535
     */
    public static PeerAddress of(InetAddress address, int port, PeerId peerId) {
        return new PeerAddress(address, port, Objects.requireNonNull(peerId, "peerId"));
    }

    /** @return the peer's IP address, IPv4 or IPv6, never null */
    public InetAddress address() {
        return address;
    }

    /** @return the peer's port, 1–65535 */
    public int port() {
        return port;
    }

    /** @return the peer id, when the tracker sent one (non-compact HTTP answers, WebSocket) */
    public Optional<PeerId> peerId() {
        return Optional.ofNullable(peerId);
    }

    /** @return true when the address is an IPv6 address */
    public boolean isIpv6() {
        return address instanceof Inet6Address;
    }

    /** @return the address and port as a resolved socket address */
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
