package io.github.bttracker.it.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A wide-area network's latency for TCP, for benchmarks: a forwarder on loopback that delivers every chunk read from
 * either side half a round trip later, in order. Loss cannot be emulated for TCP from user space (the kernel's TCP
 * on loopback never loses a segment; a stream has no datagrams to drop), so this adds delay only.
 */
public final class WanTcpProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final long oneWayNanos;
    private final ServerSocket server;
    private final ScheduledExecutorService delivery = Executors.newSingleThreadScheduledExecutor(r -> daemon(r,
            "wan-tcp-delivery"));
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private WanTcpProxy(InetSocketAddress target, Duration roundTrip) throws IOException {
        this.target = target;
        this.oneWayNanos = roundTrip.toNanos() / 2;
        this.server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        daemon(this::accept, "wan-tcp-accept").start();
    }

    /** @param roundTrip added round-trip time, half each way */
    public static WanTcpProxy start(InetSocketAddress target, Duration roundTrip) {
        try {
            return new WanTcpProxy(target, roundTrip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(target.getAddress(), target.getPort());
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(upstream);
                daemon(() -> pump(client, upstream), "wan-tcp-up").start();
                daemon(() -> pump(upstream, client), "wan-tcp-down").start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Reads chunks from one side and delivers each to the other after the one-way delay, in order. */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) > 0) {
                byte[] chunk = Arrays.copyOf(buffer, n);
                delivery.schedule(() -> write(out, chunk, to), oneWayNanos, TimeUnit.NANOSECONDS);
            }
            delivery.schedule(() -> quietlyShutdownOutput(to), oneWayNanos, TimeUnit.NANOSECONDS);
        } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
            // the connection ended, or the proxy was closed
            quietlyClose(to);
        }
    }

    private static void write(OutputStream out, byte[] chunk, Socket to) {
        try {
            out.write(chunk);
            out.flush();
        } catch (IOException e) {
            quietlyClose(to);
        }
    }

    private static void quietlyShutdownOutput(Socket socket) {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            quietlyClose(socket);
        }
    }

    private static void quietlyClose(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // nothing to do
        }
        sockets.forEach(WanTcpProxy::quietlyClose);
        delivery.shutdownNow();
    }
}
