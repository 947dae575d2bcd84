package io.github.bttracker.options;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A proxy for HTTP(S) and WebSocket trackers: HTTP CONNECT or SOCKS5, optionally with a user name and password. The
 * tracker's host name is handed to the proxy unresolved, so DNS happens on the proxy's side. UDP trackers do not go
 * through a proxy. Immutable and thread-safe; {@link #toString()} masks the password.
 *
 * @param type the proxy protocol
 * @param address the proxy's address
 * @param username the user name, or null for none
 * @param password the password, or null for none (never logged: {@link #toString()} masks it)
 */
public record ProxySettings(Type type, InetSocketAddress address, String username, String password) {

    /** The proxy protocol. */
    public enum Type {
        /** An HTTP proxy that tunnels with {@code CONNECT}. */
        HTTP_CONNECT,
        /** A SOCKS5 proxy (RFC 1928, with RFC 1929 user name and password when given). */
        SOCKS5
    }

    /**
     * Checks the values.
     *
     * @param type the proxy protocol, not null
     * @param address the proxy's address, not null
     * @param username the user name, or null for none
     * @param password the password, or null for none
     * @throws NullPointerException if {@code type} or {@code address} is null
     * @throws IllegalArgumentException if only one of {@code username} and {@code password} is given
     */
    public ProxySettings {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(address, "address");
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("give both a user name and a password, or neither");
        }
    }

    /**
     * An HTTP proxy that tunnels with {@code CONNECT}, without credentials.
     *
     * @param address the proxy's address, not null
     * @return the settings
     * @throws NullPointerException if {@code address} is null
     */
    public static ProxySettings httpConnect(InetSocketAddress address) {
        return new ProxySettings(Type.HTTP_CONNECT, address, null, null);
    }

    /**
     * A SOCKS5 proxy, without credentials.
     *
     * @param address the proxy's address, not null
     * @return the settings
     * @throws NullPointerException if {@code address} is null
     */
    public static ProxySettings socks5(InetSocketAddress address) {
        return new ProxySettings(Type.SOCKS5, address, null, null);
    }

    /**
     * A copy with a user name and password (HTTP {@code Proxy-Authorization: Basic}, or SOCKS5's RFC 1929), or
     * without any when both are null.
     *
     * @param username the user name, or null
     * @param password the password, or null
     * @return the copy
     * @throws IllegalArgumentException if only one of them is null
     */
    public ProxySettings withCredentials(String username, String password) {
        return new ProxySettings(type, address, username, password);
    }

    @Override
    public String toString() {
        return "ProxySettings[" + type + " " + address + (username == null ? "" : ", user " + username + ", password ***")
                + "]";
    }
}
