package io.github.bttracker.it.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A relay on loopback in front of a WebSocket tracker that keeps the HTTP upgrade request (request line and
 * headers) of every connection, so that a test sees the headers a client sends in the handshake, which the
 * embedded tracker does not record. Everything is relayed unchanged, both ways.
 */
final class HandshakeRecorder implements AutoCloseable {

    private final InetAddress address;
    private final int upstreamPort;
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    /** The upgrade requests, one per connection, exactly as received. */
    final List<String> handshakes = new CopyOnWriteArrayList<>();

    /** Relays to the tracker at {@code address} and {@code upstreamPort}, listening on the same address. */
    HandshakeRecorder(InetAddress address, int upstreamPort) throws IOException {
        this.address = address;
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 50, address);
        Thread acceptor = new Thread(this::accept, "handshake-recorder");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String wsUrl() {
        String host = address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        return "ws://" + host + ":" + server.getLocalPort();
    }

    /** The value of a header of a handshake, by case-insensitive name. */
    static Optional<String> header(String handshake, String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        return handshake.lines().skip(1).filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                .map(line -> line.substring(prefix.length()).trim()).findFirst();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                Thread t = new Thread(() -> serve(client), "handshake-recorder-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try {
            InputStream in = client.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    client.close();
                    return;
                }
                head.append((char) b);
            }
            handshakes.add(head.toString());
            Socket upstream = new Socket(address, upstreamPort);
            sockets.add(upstream);
            upstream.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            pump(upstream.getInputStream(), client.getOutputStream());
            pump(in, upstream.getOutputStream());
        } catch (IOException e) {
            // the client or the tracker went away
        }
    }

    private static void pump(InputStream from, OutputStream to) {
        Thread t = new Thread(() -> {
            try {
                from.transferTo(to);
            } catch (IOException e) {
                // closed
            } finally {
                try {
                    to.close();
                } catch (IOException e) {
                    // closed
                }
            }
        }, "handshake-recorder-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
