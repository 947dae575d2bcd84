package io.github.bttracker.spi;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves tracker host names instead of the built-in asynchronous DNS resolver (which reads {@code /etc/hosts} and
 * the system's name servers): for fixed addresses, a cache of its own, or tests. Set it with
 * {@link io.github.bttracker.options.ConnectionOptions#withHostResolver}.
 *
 * <p>It is called on the runtime's event loop threads, which carry every tracker's traffic: it must answer from
 * memory and never block (no {@link InetAddress#getAllByName} that goes to the network). It may be called from
 * several threads at once.
 */
@FunctionalInterface
public interface HostResolver {

    /**
     * @param host a tracker's host name, as in its URL (never an IP address literal: those are not resolved)
     * @return the host's addresses, in the order to try them (a UDP tracker's next address is tried when one does
     *     not answer; HTTP and WebSocket trackers use the first); empty when the name is unknown
     * @throws UnknownHostException when the name is unknown; the request fails as a DNS failure naming the tracker,
     *     as does any other exception
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;
}
