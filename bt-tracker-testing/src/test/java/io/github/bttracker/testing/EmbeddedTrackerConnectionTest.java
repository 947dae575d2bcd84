package io.github.bttracker.testing;

import static io.github.bttracker.testing.TrackerTestSupport.announceQuery;
import static io.github.bttracker.testing.TrackerTestSupport.compactPeers;
import static io.github.bttracker.testing.TrackerTestSupport.get;
import static io.github.bttracker.testing.TrackerTestSupport.id;
import static io.github.bttracker.testing.TrackerTestSupport.loopback;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedTrackerConnectionTest {
    private static final byte[] HASH = id(0x33);

    @Test
    void reusesKeptAliveConnections() throws IOException {
        try (EmbeddedTracker tracker = EmbeddedTracker.start();
                RawHttpConnection connection = new RawHttpConnection(loopback(tracker.port()))) {
            connection.send("/announce" + announceQuery(HASH, id(1), 6881, 1, ""), "");
            connection.readResponse();
            connection.send("/scrape", "");
            RawHttpConnection.Response second = connection.readResponse();

            assertThat(second.head()).startsWith("HTTP/1.1 200");
            assertThat(tracker.http().connectionCount()).isEqualTo(1);
            RecordedRequest first = tracker.http().take();
            RecordedRequest reused = tracker.http().take();
            assertThat(reused.connectionIndex()).isEqualTo(first.connectionIndex()).isZero();
            assertThat(reused.sequenceNumber()).isEqualTo(1);
        }
    }

    @Test
    void jdkClientReusesTheConnectionToo() {
        try (EmbeddedTracker tracker = EmbeddedTracker.start()) {
            HttpClient client = TrackerTestSupport.newClient();
            for (int i = 0; i < 3; i++) {
                get(client, tracker.httpUrl("/announce" + announceQuery(HASH, id(1), 6881, 1, "")));
            }

            assertThat(tracker.http().count()).isEqualTo(3);
            assertThat(tracker.http().connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void closesConnectionsAfterResponseWhenToldTo() throws IOException {
        try (EmbeddedTracker tracker = EmbeddedTracker.builder().closeConnectionsAfterResponse(true).start()) {
            try (RawHttpConnection connection = new RawHttpConnection(loopback(tracker.port()))) {
                connection.send("/announce" + announceQuery(HASH, id(1), 6881, 1, ""), "");
                RawHttpConnection.Response response = connection.readResponse();

                assertThat(RawHttpConnection.header(response.head(), "connection")).isEqualToIgnoringCase("close");
                assertThat(connection.serverClosed()).isTrue();
            }

            tracker.setCloseConnectionsAfterResponse(false);
            try (RawHttpConnection connection = new RawHttpConnection(loopback(tracker.port()))) {
                connection.send("/scrape", "");
                connection.readResponse();
                connection.setReadTimeoutMillis(200);
                assertThat(connection.serverClosed()).isFalse();
            }
        }
    }

    @Test
    void honoursConnectionCloseFromTheClient() throws IOException {
        try (EmbeddedTracker tracker = EmbeddedTracker.start();
                RawHttpConnection connection = new RawHttpConnection(loopback(tracker.port()))) {
            connection.send("/scrape", "Connection: close\r\n");
            connection.readResponse();

            assertThat(connection.serverClosed()).isTrue();
        }
    }

    @Test
    void servesIpv6OnLoopback() throws IOException {
        // ::1 must be there: a missing IPv6 loopback fails this test rather than skipping it
        InetAddress ipv6Loopback = InetAddress.getByName("::1");
        try (EmbeddedTracker tracker = EmbeddedTracker.builder().bindAddress(ipv6Loopback).start()) {
            HttpClient client = TrackerTestSupport.newClient();

            assertThat(tracker.httpAnnounceUrl()).isEqualTo("http://[::1]:" + tracker.port() + "/announce");
            assertThat(tracker.address()).isInstanceOf(Inet6Address.class);
            get(client, tracker.httpUrl("/announce" + announceQuery(HASH, id(1), 6881, 1, "")));
            Map<String, Object> second = Bdecode.dictionary(get(client,
                    tracker.httpUrl("/announce" + announceQuery(HASH, id(2), 6882, 1, "&compact=1"))).body());

            assertThat(tracker.http().take().remoteAddress().getAddress()).isInstanceOf(Inet6Address.class);
            assertThat((byte[]) second.get("peers")).isEmpty();
            assertThat(compactPeers((byte[]) second.get("peers6"), 16))
                    .containsExactly(new InetSocketAddress(ipv6Loopback, 6881));
        }
    }

    @Test
    void closeIsIdempotentAndStopsListening() {
        EmbeddedTracker tracker = EmbeddedTracker.start();
        int port = tracker.port();
        assertThat(tracker.httpAnnounceUrl()).isEqualTo("http://127.0.0.1:" + port + "/announce");

        tracker.close();
        tracker.close();

        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(loopback(port), 1_000);
            }
        }).isInstanceOf(ConnectException.class);
    }
}
