package io.github.bttracker.it.faults;

import io.github.bttracker.it.process.LoopbackPorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bare HTTP tracker on loopback whose first {@code resets} connections break with a TCP reset in the middle of
 * the response body (status line, headers announcing more bytes than come, part of the body, then an RST through
 * {@code SO_LINGER 0}); later connections get a complete announce answer. The embedded tracker can close a connection
 * but not reset it.
 */
final class ResettingHttpTracker implements AutoCloseable {

    /** What later connections answer: 1 seeder, 2 leechers, no peers. */
    static final String ANSWER = "d8:completei1e10:incompletei2e8:intervali1800e5:peers0:e";

    private final ServerSocket server;
    private final int resets;
    private final AtomicInteger requests = new AtomicInteger();
    private final Thread acceptor;

    ResettingHttpTracker(int resets) {
        this.resets = resets;
        try {
            server = new ServerSocket(0, 50, LoopbackPorts.IPV4);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = new Thread(this::serve, "resetting-tracker");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String announceUrl() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/announce";
    }

    /** How many requests were read, answered or not. */
    int requests() {
        return requests.get();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(10_000);
                if (!readRequestHead(socket.getInputStream())) {
                    continue;
                }
                int n = requests.incrementAndGet();
                OutputStream out = socket.getOutputStream();
                if (n <= resets) {
                    byte[] body = ANSWER.getBytes(StandardCharsets.US_ASCII);
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
                            + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body, 0, body.length / 2);
                    out.flush();
                    socket.setSoLinger(true, 0); // close() now sends RST instead of FIN
                } else {
                    byte[] body = ANSWER.getBytes(StandardCharsets.US_ASCII);
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\nContent-Length: "
                            + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                }
            } catch (IOException e) {
                // closed, or a client that went away: next connection
            }
        }
    }

    /** Reads up to the blank line that ends the request head; false if the client closed first. */
    private static boolean readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int b;
        while ((b = in.read()) != -1) {
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == end.length) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        try {
            server.close();
            acceptor.join(5_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
