package io.github.bttracker.testing;

import java.net.InetSocketAddress;

/**
 * One protocol face of the tracker (HTTP, UDP, WebSocket): owns its sockets, shares the event loop group and
 * the {@link Swarms} with the others, and is closed with the tracker.
 */
interface TrackerFrontEnd extends AutoCloseable {

    /** The address the front end listens on, with the actual port. */
    InetSocketAddress localAddress();

    /** Stops listening and closes every socket of the front end. */
    @Override
    void close();
}
