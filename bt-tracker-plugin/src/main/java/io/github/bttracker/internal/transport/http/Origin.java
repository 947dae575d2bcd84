package io.github.bttracker.internal.transport.http;

import java.net.URI;
import java.util.Locale;

/**
 * Scheme, host and port of an HTTP(S) tracker: the unit of connection reuse.
 *
 * @param secure true for https
 * @param host host name or IP literal, without IPv6 brackets, lower case
 * @param port the TCP port
 */
record Origin(boolean secure, String host, int port) {

    /** @throws IllegalArgumentException if the URI is not an http(s) URI with a host */
    static Origin of(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("not an http or https URL");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("the URL has no host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        boolean secure = scheme.equals("https");
        int port = uri.getPort() == -1 ? (secure ? 443 : 80) : uri.getPort();
        if (port < 1 || port > 65535) {
            // java.net.URI takes any number as a port
            throw new IllegalArgumentException("port " + port + " is out of range 1-65535");
        }
        return new Origin(secure, host.toLowerCase(Locale.ROOT), port);
    }

    /** @return the value of the Host header (RFC 9110 section 7.2) */
    String hostHeader() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        boolean defaultPort = port == (secure ? 443 : 80);
        return defaultPort ? h : h + ":" + port;
    }

    @Override
    public String toString() {
        return (secure ? "https://" : "http://") + hostHeader();
    }
}
