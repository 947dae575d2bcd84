package io.github.bttracker.it.opentracker;

import io.github.bttracker.it.process.LoopbackPorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * One HTTP/1.0 GET to 127.0.0.1 over a plain socket.
 *
 * <p>opentracker closes the connection after every response, so a pooling client buys nothing and
 * risks reusing a connection the tracker already closed; here the end of the stream ends the body.
 */
final class LoopbackHttp {
    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

    private LoopbackHttp() {
    }

    /** A response: the status code and the raw body. */
    record Response(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * @param port         the tracker's TCP port
     * @param pathAndQuery e.g. {@code /stats?mode=peer}; already percent-encoded
     * @param timeout      bound for connecting and for each read
     * @throws IOException if the connection fails, times out or the answer is not HTTP
     */
    static Response get(int port, String pathAndQuery, Duration timeout) throws IOException {
        int millis = Math.toIntExact(timeout.toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LoopbackPorts.IPV4, port), millis);
            socket.setSoTimeout(millis);
            OutputStream out = socket.getOutputStream();
            String request = "GET " + pathAndQuery + " HTTP/1.0\r\nHost: 127.0.0.1:" + port + "\r\n\r\n";
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return parse(in.readAllBytes(), pathAndQuery);
        }
    }

    private static Response parse(byte[] raw, String pathAndQuery) throws IOException {
        int headerEnd = indexOf(raw, HEADER_END);
        if (headerEnd < 0) {
            throw new IOException("no complete HTTP header in the " + raw.length + "-byte answer to " + pathAndQuery);
        }
        String head = new String(raw, 0, headerEnd, StandardCharsets.ISO_8859_1);
        String statusLine = head.lines().findFirst().orElse("");
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP status line in the answer to " + pathAndQuery + ": " + statusLine);
        }
        try {
            int status = Integer.parseInt(parts[1]);
            return new Response(status, Arrays.copyOfRange(raw, headerEnd + HEADER_END.length, raw.length));
        } catch (NumberFormatException e) {
            throw new IOException("bad status line in the answer to " + pathAndQuery + ": " + statusLine, e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
