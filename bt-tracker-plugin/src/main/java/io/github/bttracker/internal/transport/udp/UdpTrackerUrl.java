package io.github.bttracker.internal.transport.udp;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A parsed {@code udp://host:port/path?query} URL.
 *
 * @param host host name or IP literal, without IPv6 brackets
 * @param port the UDP port
 * @param urlData the path and query sent as BEP 41 URL data ("" when the URL has neither)
 * @param literalAddress the address when the host is an IP literal (nothing to resolve), else null
 */
record UdpTrackerUrl(String host, int port, String urlData, InetSocketAddress literalAddress) {

    /** @throws IllegalArgumentException if the URL is not a udp URL with a host and a port */
    static UdpTrackerUrl parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            // the reason without the input: the URL may hold a passkey
            throw new IllegalArgumentException(io.github.bttracker.core.TrackerException.syntaxReason(e));
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
