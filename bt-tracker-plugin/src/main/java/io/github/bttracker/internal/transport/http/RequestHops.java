package io.github.bttracker.internal.transport.http;

import io.github.bttracker.internal.transport.TrackerUrlRules;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Optional;

/**
 * The hops of one HTTP request, its redirects included, as {@link TrackerUrlRules} sees them: each connection is
 * checked for the address it reached before the request goes out on it, and a hop that reached a public address
 * forbids later hops to private ones. One per request; its hops come one after another.
 */
final class RequestHops {

    private volatile boolean publicHopSeen;
    private volatile int hops;

    /** @return why nothing may be sent to {@code uri} on a connection that reached {@code remote}, if nothing may */
    Optional<String> check(URI uri, SocketAddress remote) {
        hops++;
        if (!(remote instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return Optional.empty();
        }
        Optional<String> refusal = TrackerUrlRules.connectionRefusal(uri, inet.getAddress(), publicHopSeen);
        if (refusal.isEmpty() && TrackerUrlRules.isPublic(inet.getAddress())) {
            publicHopSeen = true;
        }
        return refusal;
    }

    /**
     * Counts a hop through a proxy, which resolved and connected for us: the connection reached the proxy, so only
     * the URL could be checked (by the transport). What it reached counts as public, so that a redirect from it to a
     * private address, reached directly, is refused.
     *
     * @return empty: nothing is refused
     */
    Optional<String> throughProxy() {
        hops++;
        publicHopSeen = true;
        return Optional.empty();
    }

        /** @return true once a redirect was followed (the hop checked last was not the first) */
    boolean redirected() {
        return hops > 1;
    }
}
