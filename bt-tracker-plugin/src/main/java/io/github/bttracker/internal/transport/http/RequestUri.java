package io.github.bttracker.internal.transport.http;

import java.net.URI;

/**
 * What one hop of an HTTP exchange requests: the origin it connects to, the request target of its request line
 * (path and query, RFC 9112 section 3.2.1) and the URI the two make.
 *
 * <p>An announce's URI is the tracker's URL with about two hundred characters of percent-encoded parameters
 * appended. {@link #withParameters} builds its request target as a string from the tracker's URL, parsed once, and
 * parses the whole URI only when something asks for it (a redirect resolves against it, a refusal names it): parsing
 * it per announce was a quarter of the CPU an announce took on its caller's thread. Immutable; {@link #uri()} is
 * built on first use (threads that race to build it build equal values).
 */
final class RequestUri {

    /** Scheme, authority and path as requested; its query and fragment are not the request's. */
    private final URI located;
    private final Origin origin;
    private final String target;
    private volatile URI uri;

    private RequestUri(URI located, Origin origin, String target, URI uri) {
        this.located = located;
        this.origin = origin;
        this.target = target;
        this.uri = uri;
    }

    /**
     * @param uri an http(s) URI with a host, in its ASCII form ({@link URI#toASCIIString()})
     * @throws IllegalArgumentException if it is not an http(s) URI with a host and a valid port
     */
    static RequestUri of(URI uri) {
        return new RequestUri(uri, Origin.of(uri), target(uri.getRawPath(), uri.getRawQuery()), uri);
    }

    /**
     * This URL with already-encoded parameters appended to its query, after an '&amp;' if it has one (private trackers
     * put passkeys there), and without its fragment.
     */
    RequestUri withParameters(String encodedParameters) {
        String rawQuery = located.getRawQuery();
        String query;
        if (rawQuery == null) {
            query = encodedParameters;
        } else if (rawQuery.isEmpty() || rawQuery.endsWith("&")) {
            query = rawQuery + encodedParameters;
        } else {
            query = rawQuery + '&' + encodedParameters;
        }
        return new RequestUri(located, origin, target(located.getRawPath(), query), null);
    }

    private static String target(String rawPath, String rawQuery) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        return rawQuery == null ? path : path + '?' + rawQuery;
    }

    /** @return where to connect */
    Origin origin() {
        return origin;
    }

    /** @return the path and query to put in the request line */
    String target() {
        return target;
    }

    /**
     * @return a URI with the scheme, host and path of this request (its query may be only a part of this
     *     request's), for the checks that look at no more than those
     */
    URI located() {
        return located;
    }

    /** @return the whole URI requested, without a fragment */
    URI uri() {
        URI built = uri;
        if (built == null) {
            built = URI.create(located.getScheme() + "://" + located.getRawAuthority() + target);
            uri = built;
        }
        return built;
    }

    @Override
    public String toString() {
        return uri().toString();
    }
}
