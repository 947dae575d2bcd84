package io.github.bttracker.internal.transport.http;

import io.github.bttracker.core.TrackerException.Kind;
import io.github.bttracker.core.TrackerException;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.URI;
import java.net.URISyntaxException;

/** Where a redirect leads, or why it is not followed. */
final class Redirects {

    private Redirects() {
    }

    /**
     * @param from the URI that answered with the redirect
     * @param redirect a response with a redirect status
     * @param followed how many redirects the request followed before this one
     * @return the URI to request next
     * @throws TrackerException of kind REDIRECT if the redirect has no usable location, would be one more than
     *     {@code maxRedirects}, or would leave https for plain http
     */
    static URI target(String trackerUrl, URI from, HttpResult redirect, int followed, int maxRedirects)
            throws TrackerException {
        String location = redirect.headers().get(HttpHeaderNames.LOCATION);
        if (location == null) {
            throw new TrackerException(trackerUrl, Kind.REDIRECT,
                    "HTTP " + redirect.status() + " without a Location header");
        }
        if (followed >= maxRedirects) {
            throw new TrackerException(trackerUrl, Kind.REDIRECT, "more than " + maxRedirects + " redirects");
        }
        URI to;
        try {
            to = from.resolve(new URI(location.trim()));
        } catch (URISyntaxException e) {
            // the parser's exception holds the raw location, which may carry a passkey: its reason only
            throw new TrackerException(trackerUrl, Kind.REDIRECT,
                    "invalid redirect location '" + location + "': " + TrackerException.syntaxReason(e));
        } catch (IllegalArgumentException e) {
            throw new TrackerException(trackerUrl, Kind.REDIRECT,
                    "invalid redirect location '" + location + "': " + e.getMessage());
        }
        if ("https".equalsIgnoreCase(from.getScheme()) && !"https".equalsIgnoreCase(to.getScheme())) {
            throw new TrackerException(trackerUrl, Kind.REDIRECT,
                    "refusing a redirect from https to " + to.getScheme() + " (it would drop encryption)");
        }
        return to;
    }
}
