package io.github.bttracker.transport.udp;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A parsed {@code udp://host:port/path?query} URL.
 *
 * @param host host name or IP literal, without IPv6 brackets
 * @param port the UDP port
 * @param urlData the path and query sent as BEP 41 URL data ("" when the URL has neither)
 */
record UdpTrackerUrl(String host, int port, String urlData) {

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
        return new UdpTrackerUrl(host, uri.getPort(), urlData);
    }
}
