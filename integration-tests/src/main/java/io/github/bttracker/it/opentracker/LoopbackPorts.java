package io.github.bttracker.it.opentracker;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Picks one port number that is free for both TCP and UDP on 127.0.0.1.
 *
 * <p>opentracker binds with {@code SO_REUSEPORT}, so a second opentracker silently shares a port
 * with the first instead of failing. Our probe sockets do not set that option, so they do see a
 * running opentracker; and ports handed out in this JVM stay reserved until released, so two
 * trackers started at the same time here never get the same number.
 */
final class LoopbackPorts {
    /** 127.0.0.1 spelled out: the Debian build of opentracker is IPv4-only, whatever Java prefers. */
    static final InetAddress LOOPBACK = ipv4Loopback();

    private static final int ATTEMPTS = 100;
    private static final Set<Integer> RESERVED = ConcurrentHashMap.newKeySet();

    private LoopbackPorts() {
    }

    /** Returns a port free for TCP and UDP right now, reserved until {@link #release(int)}. */
    static int reserve() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = freeTcpPort();
            if (isUdpFree(port) && RESERVED.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("found no port free for both TCP and UDP on " + LOOPBACK.getHostAddress()
                + " in " + ATTEMPTS + " attempts");
    }

    static void release(int port) {
        RESERVED.remove(port);
    }

    private static int freeTcpPort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(LOOPBACK, 0), 1);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind a TCP socket on " + LOOPBACK.getHostAddress(), e);
        }
    }

    private static InetAddress ipv4Loopback() {
        try {
            return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException impossible) {
            throw new AssertionError("a four-byte address is always valid", impossible);
        }
    }

    private static boolean isUdpFree(int port) {
        try (DatagramSocket socket = new DatagramSocket(null)) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(LOOPBACK, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
