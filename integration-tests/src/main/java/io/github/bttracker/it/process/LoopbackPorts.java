package io.github.bttracker.it.process;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Picks one port number free for TCP and UDP on the given loopback addresses, for a third-party tracker that binds
 * them all with one number.
 *
 * <p>opentracker binds with {@code SO_REUSEPORT} and the JavaScript tracker's UDP sockets with {@code SO_REUSEADDR},
 * so a second tracker would silently share a port with the first instead of failing. Our probe sockets set neither,
 * so they do see a running tracker; and ports handed out in this JVM stay reserved until released, so two trackers
 * started here at the same time never get one number.
 */
public final class LoopbackPorts {

    public static final InetAddress IPV4 = address("127.0.0.1", new byte[] {127, 0, 0, 1});
    public static final InetAddress IPV6 = address("::1", new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});

    private static final int ATTEMPTS = 100;
    private static final Set<Integer> RESERVED = ConcurrentHashMap.newKeySet();

    private LoopbackPorts() {
    }

    /** Returns a port free right now for TCP and UDP on every address given, reserved until {@link #release}. */
    public static int reserve(List<InetAddress> loopbacks) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = freeTcpPort();
            if (isFree(loopbacks, port) && RESERVED.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("found no port free for TCP and UDP on " + loopbacks + " in " + ATTEMPTS
                + " attempts");
    }

    /**
     * Whether something accepts TCP connections on 127.0.0.1:{@code port} right now (a connection is opened and
     * closed at once), e.g. a Bt runtime whose acceptor thread has bound its port.
     */
    public static boolean acceptsTcp(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new InetSocketAddress(IPV4, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static void release(int port) {
        RESERVED.remove(port);
    }

    private static int freeTcpPort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(IPV4, 0), 1);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind a TCP socket on 127.0.0.1", e);
        }
    }

    private static boolean isFree(List<InetAddress> loopbacks, int port) {
        for (InetAddress loopback : loopbacks) {
            if (!isTcpFree(loopback, port) || !isUdpFree(loopback, port)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isTcpFree(InetAddress loopback, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(loopback, port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isUdpFree(InetAddress loopback, int port) {
        try (DatagramSocket socket = new DatagramSocket(null)) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(loopback, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static InetAddress address(String name, byte[] bytes) {
        try {
            return InetAddress.getByAddress(name, bytes);
        } catch (UnknownHostException impossible) {
            throw new AssertionError("a 4- or 16-byte address is always valid", impossible);
        }
    }
}
