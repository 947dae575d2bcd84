package io.github.bttracker.transport.udp;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A parsed {@code udp://host:port/path?query} URL.
 *
 * @param host host name or IP literal, without IPv6 brackets
 * @param port the UDP port
 * @param urlData the path and query sent as BEP 41 URL data ("" when the URL has neither)
 * @param literalAddress the address when the host is an IP literal (nothing to resolve), else null
 */
record UdpTrackerUrl(String host, int port, String urlData, InetSocketAddress literalAddress) {

    /** Parsed URLs by their text: a client announces to a handful of URLs, millions of times. */
    private static final int MAX_CACHED = 4096;
    private static final Map<String, UdpTrackerUrl> PARSED = new ConcurrentHashMap<>();

    /** Like {@link #parse}, remembering the result for the next call with the same URL. */
    static UdpTrackerUrl parseCached(String url) {
        UdpTrackerUrl parsed = PARSED.get(url);
        if (parsed == null) {
            parsed = parse(url);
            if (PARSED.size() < MAX_CACHED) {
                PARSED.put(url, parsed);
            }
        }
        return parsed;
    }

    /** @throws IllegalArgumentException if the URL is not a udp URL with a host and a port */
    static UdpTrackerUrl parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals("udp")) {
            throw new IllegalArgumentException("not a udp URL");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("the URL has no host");
        }
        if (uri.getPort() < 1 || uri.getPort() > 65535) {
            throw new IllegalArgumentException("the URL has no valid port (UDP trackers have no default port)");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String urlData = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        InetAddress literal = NetUtil.createInetAddressFromIpAddressString(host);
        return new UdpTrackerUrl(host, uri.getPort(), urlData,
                literal == null ? null : new InetSocketAddress(literal, uri.getPort()));
    }
}
