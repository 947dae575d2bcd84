package io.github.bttracker.it.client;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal proxy on loopback for tests, HTTP CONNECT or SOCKS5 (with optional RFC 1929 user name and password):
 * it records every target it is asked for, exactly as the client named it, then relays bytes both ways.
 */
final class TestProxy implements AutoCloseable {

    enum Kind { HTTP_CONNECT, SOCKS5 }

    private final Kind kind;
    private final String username;
    private final String password;
    private final ServerSocket server;
    final List<String> targets = new CopyOnWriteArrayList<>();
    final List<String> usersSeen = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    TestProxy(Kind kind, String username, String password) throws IOException {
        this.kind = kind;
        this.username = username;
        this.password = password;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "test-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                Thread t = new Thread(() -> serve(client), "test-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try {
            String[] target = kind == Kind.HTTP_CONNECT ? httpConnect(client) : socks5(client);
            if (target == null) {
                client.close();
                return;
            }
            targets.add(target[0] + ":" + target[1]);
            Socket upstream = new Socket(target[0], Integer.parseInt(target[1]));
            sockets.add(upstream);
            if (kind == Kind.HTTP_CONNECT) {
                client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
            } else {
                client.getOutputStream().write(new byte[] {5, 0, 0, 1, 0, 0, 0, 0, 0, 0});
            }
            pump(upstream.getInputStream(), client.getOutputStream());
            pump(client.getInputStream(), upstream.getOutputStream());
        } catch (IOException e) {
            // a client or tracker went away
        }
    }

    private String[] httpConnect(Socket client) throws IOException {
        InputStream in = client.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.append((char) b);
        }
        String first = head.substring(0, head.indexOf("\r\n"));
        String authority = first.split(" ")[1];
        int colon = authority.lastIndexOf(':');
        return new String[] {authority.substring(0, colon), authority.substring(colon + 1)};
    }

    private String[] socks5(Socket client) throws IOException {
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
        return new String[] {host, String.valueOf(port)};
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
        }, "test-proxy-pump");
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
