package io.github.bttracker.testing;

import io.github.bttracker.testing.internal.BareUdpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Client-side helpers for the tracker's own tests: ids, URL building, a plain JDK HTTP client, a bare UDP client. */
final class TrackerTestSupport {
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private TrackerTestSupport() {
    }

    /** A 20-byte id filled with {@code fill}. */
    static byte[] id(int fill) {
        byte[] id = new byte[20];
        Arrays.fill(id, (byte) fill);
        return id;
    }

    /** Percent-encodes every byte, the most conservative (and always correct) encoding. */
    static String percentEncode(byte[] bytes) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : bytes) {
            encoded.append('%').append(String.format("%02X", b & 0xFF));
        }
        return encoded.toString();
    }

    /** The query of an announce with the usual parameters; {@code extra} is appended as is (e.g. "&event=started"). */
    static String announceQuery(byte[] infoHash, byte[] peerId, int port, long left, String extra) {
        return "?info_hash=" + percentEncode(infoHash) + "&peer_id=" + percentEncode(peerId) + "&port=" + port
                + "&uploaded=0&downloaded=0&left=" + left + extra;
    }

    static HttpClient newClient() {
        return HttpClient.newBuilder()
                .connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    static HttpResponse<byte[]> get(HttpClient client, String url) {
        return get(client, url, TIMEOUT);
    }

    static HttpResponse<byte[]> get(HttpClient client, String url, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Splits BEP 23 / BEP 7 compact peers (4 or 16 address bytes, then 2 port bytes) into addresses. */
    static List<InetSocketAddress> compactPeers(byte[] compact, int addressLength) {
        List<InetSocketAddress> peers = new ArrayList<>();
        int entryLength = addressLength + 2;
        for (int offset = 0; offset + entryLength <= compact.length; offset += entryLength) {
            try {
                InetAddress ip = InetAddress.getByAddress(Arrays.copyOfRange(compact, offset, offset + addressLength));
                int port = (compact[offset + addressLength] & 0xFF) << 8 | compact[offset + addressLength + 1] & 0xFF;
                peers.add(new InetSocketAddress(ip, port));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(e);
            }
        }
        return peers;
    }

    static String string(Object bencodedString) {
        return new String((byte[]) bencodedString, StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> dict(Object value) {
        return (Map<String, Object>) value;
    }

    /** A bare BEP 15 client of {@code tracker}'s UDP tracker, on its address (IPv4 or IPv6) and an ephemeral port. */
    static BareUdpClient udpClient(EmbeddedTracker tracker) {
        return new BareUdpClient(tracker.address(), tracker.udpPort());
    }

    static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }
}
