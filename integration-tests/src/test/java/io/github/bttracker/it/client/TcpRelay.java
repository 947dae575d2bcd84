package io.github.bttracker.it.client;

import java.io.DataInputStream;
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
 * A TCP relay on loopback for tests: on every connection it accepts, it first reads what a client says before its
 * first byte of payload, and records it, then relays bytes both ways unchanged. Three openings: a proxy, HTTP
 * CONNECT ({@link #httpConnectProxy()}) or SOCKS5 with optional RFC 1929 user name and password
 * ({@link #socks5Proxy}), which records every target it is asked for, exactly as the client named it, and connects
 * there; or a relay in front of a WebSocket tracker ({@link #recordingHandshakes}), which keeps the HTTP upgrade
 * request (request line and headers) of every connection, which the embedded tracker does not record.
 */
final class TcpRelay implements AutoCloseable {

    /** Reads and answers what comes before the payload; returns the upstream to relay to, or null to hang up. */
    private interface Opening {
        Socket open(TcpRelay relay, Socket client) throws IOException;
    }

    private final InetAddress address;
    private final Opening opening;
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    /** The targets a proxy was asked for, as {@code host:port}, exactly as each client named them. */
    final List<String> targets = new CopyOnWriteArrayList<>();
    /** The user names a SOCKS5 proxy was given, right or wrong. */
    final List<String> usersSeen = new CopyOnWriteArrayList<>();
    /** The upgrade requests a {@linkplain #recordingHandshakes recording relay} saw, one a connection, as received. */
    final List<String> handshakes = new CopyOnWriteArrayList<>();

    private TcpRelay(InetAddress address, Opening opening) throws IOException {
        this.address = address;
        this.opening = opening;
        this.server = new ServerSocket(0, 50, address);
        Thread acceptor = new Thread(this::accept, "tcp-relay");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** An HTTP CONNECT proxy on loopback. */
    static TcpRelay httpConnectProxy() throws IOException {
        return new TcpRelay(InetAddress.getLoopbackAddress(), TcpRelay::httpConnect);
    }

    /** A SOCKS5 proxy on loopback; with a {@code username}, it requires it and {@code password} (RFC 1929). */
    static TcpRelay socks5Proxy(String username, String password) throws IOException {
        return new TcpRelay(InetAddress.getLoopbackAddress(),
                (relay, client) -> relay.socks5(client, username, password));
    }

    /**
     * A relay to the WebSocket tracker at {@code address} and {@code upstreamPort}, listening on the same address,
     * that records every upgrade request in {@link #handshakes}.
     */
    static TcpRelay recordingHandshakes(InetAddress address, int upstreamPort) throws IOException {
        return new TcpRelay(address, (relay, client) -> relay.recordHandshake(client, upstreamPort));
    }

    int port() {
        return server.getLocalPort();
    }

    /** The {@code ws://} URL of this relay. */
    String wsUrl() {
        String host = address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        return "ws://" + host + ":" + port();
    }

    /** The value of a header of a recorded handshake, by case-insensitive name. */
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
                Thread t = new Thread(() -> serve(client), "tcp-relay-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try {
            Socket upstream = opening.open(this, client);
            if (upstream == null) {
                client.close();
                return;
            }
            pump(upstream.getInputStream(), client.getOutputStream());
            pump(client.getInputStream(), upstream.getOutputStream());
        } catch (IOException e) {
            // a client or the upstream went away
        }
    }

    /** Keeps {@code upstream} to close it with the relay. */
    private Socket kept(Socket upstream) {
        sockets.add(upstream);
        return upstream;
    }

    /** The request head (request line and headers, up to the empty line), or null if the client hung up first. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private Socket httpConnect(Socket client) throws IOException {
        String head = readHead(client.getInputStream());
        if (head == null) {
            return null;
        }
        String authority = head.substring(0, head.indexOf("\r\n")).split(" ")[1];
        int colon = authority.lastIndexOf(':');
        targets.add(authority);
        Socket upstream = kept(new Socket(authority.substring(0, colon),
                Integer.parseInt(authority.substring(colon + 1))));
        client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        return upstream;
    }

    private Socket socks5(Socket client, String username, String password) throws IOException {
        DataInputStream in = new DataInputStream(client.getInputStream());
        OutputStream out = client.getOutputStream();
        in.readUnsignedByte(); // version 5
        int methods = in.readUnsignedByte();
        in.readNBytes(methods);
        if (username == null) {
            out.write(new byte[] {5, 0});
        } else {
            out.write(new byte[] {5, 2});
            in.readUnsignedByte(); // sub-negotiation version 1
            String user = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.UTF_8);
            String pass = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.UTF_8);
            boolean ok = user.equals(username) && pass.equals(password);
            usersSeen.add(user);
            out.write(new byte[] {1, (byte) (ok ? 0 : 1)});
            if (!ok) {
                return null;
            }
        }
        in.readUnsignedByte(); // version
        in.readUnsignedByte(); // command: CONNECT
        in.readUnsignedByte(); // reserved
        int type = in.readUnsignedByte();
        String host = switch (type) {
            case 1 -> InetAddress.getByAddress(in.readNBytes(4)).getHostAddress();
            case 3 -> new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII);
            case 4 -> InetAddress.getByAddress(in.readNBytes(16)).getHostAddress();
            default -> throw new IOException("address type " + type);
        };
        int port = in.readUnsignedShort();
        targets.add(host + ":" + port);
        Socket upstream = kept(new Socket(host, port));
        out.write(new byte[] {5, 0, 0, 1, 0, 0, 0, 0, 0, 0});
        return upstream;
    }

    private Socket recordHandshake(Socket client, int upstreamPort) throws IOException {
        String head = readHead(client.getInputStream());
        if (head == null) {
            return null;
        }
        handshakes.add(head);
        Socket upstream = kept(new Socket(address, upstreamPort));
        upstream.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
        return upstream;
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
        }, "tcp-relay-pump");
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
