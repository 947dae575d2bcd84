package io.github.bttracker.internal.transport;

import io.github.bttracker.options.SafetyOptions;
import io.netty.util.NetUtil;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * What an announce URL from an untrusted torrent may make the client request ({@link
 * SafetyOptions#ssrfMitigation()}, {@link SafetyOptions#allowIdna()}): the rules of
 * libtorrent's {@code ssrf_mitigation} and {@code allow_idna}, checked by each transport on the URL it parses
 * before any request, and on the address a connection reached before anything is sent on it (a host name may
 * resolve to loopback).
 */
public final class TrackerUrlRules {

    static final String LOOPBACK_PATH_RULE = "a tracker on a loopback address is contacted only at a path whose last"
            + " segment starts with 'announce' or 'scrape' (ssrfMitigation)";
    static final String PUBLIC_TO_PRIVATE_RULE = "a redirect from a public address to a loopback, private or"
            + " link-local one is not followed (ssrfMitigation)";
    static final String IDNA_RULE = "international domain names are not contacted (allowIdna)";

    private TrackerUrlRules() {
    }

    /**
     * Checked by each transport on the URI it parses anyway, before its own checks (a non-ASCII host has no
     * {@link URI#getHost()}, and is refused here as an international name rather than as a URL without a host).
     *
     * @return why the URL must not be requested at all, if it must not; never throws
     */
    public static Optional<String> refusal(URI uri, SafetyOptions options) {
        String host = hostOf(uri);
        if (host == null) {
            return Optional.empty();
        }
        if (!options.allowIdna() && isInternational(host)) {
            return Optional.of(IDNA_RULE);
        }
        // UDP is not held to it: a BEP 15 packet is no request another service would act on
        boolean requestsAPath = !"udp".equalsIgnoreCase(uri.getScheme());
        if (options.ssrfMitigation() && requestsAPath && isLoopbackName(host) && !isAllowedOnLoopback(uri)) {
            return Optional.of(LOOPBACK_PATH_RULE);
        }
        return Optional.empty();
    }

    /**
     * The check of a connection that reached {@code remote}, before the request for {@code uri} goes out on it.
     *
     * @param afterPublicHop whether an earlier hop of the same request (before a redirect) reached a public address
     * @return why nothing may be sent, if nothing may
     */
    public static Optional<String> connectionRefusal(URI uri, InetAddress remote, boolean afterPublicHop) {
        if (remote == null) {
            return Optional.empty();
        }
        if (afterPublicHop && !isPublic(remote)) {
            return Optional.of(PUBLIC_TO_PRIVATE_RULE);
        }
        if (remote.isLoopbackAddress() && !isAllowedOnLoopback(uri)) {
            return Optional.of(LOOPBACK_PATH_RULE);
        }
        return Optional.empty();
    }

    /** @return false for loopback, private (RFC 1918, unique local, shared 100.64/10), link-local and wildcard */
    public static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()) {
            return false;
        }
        byte[] raw = address.getAddress();
        if (address instanceof Inet6Address) {
            return (raw[0] & 0xFE) != 0xFC; // fc00::/7, unique local
        }
        return !(address instanceof Inet4Address) || !((raw[0] & 0xFF) == 100 && (raw[1] & 0xC0) == 64);
    }

    private static boolean isAllowedOnLoopback(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if ((scheme.equals("ws") || scheme.equals("wss")) && (path.isEmpty() || path.equals("/"))) {
            return true; // WebTorrent trackers are announced to at their root
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return path.startsWith("/") && (last.startsWith("announce") || last.startsWith("scrape"));
    }

    private static boolean isLoopbackName(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.endsWith(".localhost") || h.equals("localhost.")) {
            return true;
        }
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(h);
        if (literal == null) {
            return false;
        }
        try {
            return InetAddress.getByAddress(literal).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static boolean isInternational(String host) {
        for (int i = 0; i < host.length(); i++) {
            if (host.charAt(i) > 0x7F) {
                return true;
            }
        }
        for (String label : host.toLowerCase(Locale.ROOT).split("\\.")) {
            if (label.startsWith("xn--")) {
                return true;
            }
        }
        return false;
    }

    /** The host as written, also when {@link URI#getHost()} gives none (it refuses non-ASCII host names). */
    private static String hostOf(URI uri) {
        if (uri.getHost() != null) {
            String host = uri.getHost();
            return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        }
        String authority = uri.getRawAuthority();
        if (authority == null) {
            return null;
        }
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        int colon = hostPort.lastIndexOf(':');
        return colon > 0 && !hostPort.endsWith("]") ? hostPort.substring(0, colon) : hostPort;
    }
}
