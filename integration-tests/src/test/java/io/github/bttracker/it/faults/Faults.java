package io.github.bttracker.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bttracker.TrackerClient;
import io.github.bttracker.TrackerRuntime;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.it.process.LoopbackPorts;
import io.github.bttracker.options.ConnectionOptions;
import io.github.bttracker.options.TrackerClientOptions;
import io.github.bttracker.options.WebSocketOptions;
import io.github.bttracker.testing.EmbeddedTracker;
import io.github.bttracker.testing.Peer;
import io.github.bttracker.it.ws.FakeWebRtc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What the fault tests share: the torrent, ports nobody serves, clients with a fast back-off, expectations. */
final class Faults {

    /** The longest any test waits for something that should happen. */
    static final Duration PATIENCE = Duration.ofSeconds(30);
    /** The client's back-off after a failure: 100 ms, 200 ms, then 400 ms, each ±25%. */
    static final Duration MIN_BACKOFF = Duration.ofMillis(100);
    static final Duration MAX_BACKOFF = Duration.ofMillis(400);
    /**
     * How long an announce to a tracker that does not answer (UDP to a dead port, WebSocket to a refused port) waits
     * before it is a warning. Short so that tests are fast; loopback answers take milliseconds.
     */
    static final Duration SHORT_REQUEST_TIMEOUT = Duration.ofSeconds(1);
    static final int CLIENT_PORT = 6881;

    static final InfoHash HASH = InfoHash.fromHex("fa017fa017fa017fa017fa017fa017fa017fa017");

    private Faults() {
    }

    /** A runtime whose announces give up after {@code requestTimeout}; with a fake WebRTC for WebSocket swarms. */
    static TrackerRuntime runtime(Duration requestTimeout, boolean webRtc) {
        TrackerClientOptions options = TrackerClientOptions.defaults()
                .withConnection(ConnectionOptions.defaults().withRequestTimeout(requestTimeout));
        if (webRtc) {
            // without WebRTC a WebSocket "announce" only scrapes; with it, it joins the swarm as a WebTorrent peer does
            options = options.withWebSocket(WebSocketOptions.defaults().withWebRtc(new FakeWebRtc("faults")));
        }
        return TrackerRuntime.create(options);
    }

    /** The runtime a client announcing over {@code protocol} uses in these tests. */
    static TrackerRuntime runtimeFor(String protocol) {
        return runtime(SHORT_REQUEST_TIMEOUT, protocol.equals("ws"));
    }

    /** A client of {@link #HASH} with the fast back-off, listening with {@code events}; not started. */
    static TrackerClient client(TrackerClient.Builder builder, TrackerRuntime runtime, FaultEvents events) {
        TrackerClient client = builder.runtime(runtime).minBackoff(MIN_BACKOFF).maxBackoff(MAX_BACKOFF).build();
        client.addListener(events);
        return client;
    }

    static TrackerClient.Builder builder(String... urls) {
        return TrackerClient.builder(HASH, PeerId.random("-FT0001-")).announce(urls).port(CLIENT_PORT);
    }

    /** A TCP port on 127.0.0.1 that nothing listens on right now: connecting to it is refused. */
    static int freeTcpPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, LoopbackPorts.IPV4)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A port number free for TCP and UDP on 127.0.0.1, for an embedded tracker to start on later with both its HTTP
     * and UDP trackers; {@link LoopbackPorts#release release} it when done.
     */
    static int reserveTcpAndUdpPort() {
        return LoopbackPorts.reserve(List.of(LoopbackPorts.IPV4));
    }

    /** The announce URL of a tracker on 127.0.0.1:{@code port} over {@code protocol}, "http", "udp" or "ws". */
    static String url(String protocol, int port) {
        return switch (protocol) {
            case "http" -> "http://127.0.0.1:" + port + "/announce";
            case "udp" -> "udp://127.0.0.1:" + port + "/announce";
            case "ws" -> "ws://127.0.0.1:" + port;
            default -> throw new IllegalArgumentException(protocol);
        };
    }

    static String url(EmbeddedTracker tracker, String protocol) {
        return switch (protocol) {
            case "http" -> tracker.httpAnnounceUrl();
            case "udp" -> tracker.udpAnnounceUrl();
            case "ws" -> tracker.wsAnnounceUrl();
            default -> throw new IllegalArgumentException(protocol);
        };
    }

    /**
     * An embedded tracker on these ports, checked to serve UDP on {@code port} too (it moves UDP elsewhere when that
     * port is taken, which would make a test announce to nobody).
     */
    static EmbeddedTracker trackerOn(int port, int wsPort) {
        EmbeddedTracker tracker = EmbeddedTracker.builder().port(port).wsPort(wsPort).start();
        if (tracker.udpPort() != port) {
            tracker.close();
            throw new IllegalStateException("UDP port " + port + " was taken");
        }
        return tracker;
    }

    /** The peers of {@link #HASH} the tracker has over {@code protocol}: WebSocket peers are a swarm of their own. */
    static List<Peer> swarm(EmbeddedTracker tracker, String protocol) {
        return protocol.equals("ws") ? tracker.wsPeers(HASH.bytes()) : tracker.peers(HASH.bytes());
    }

    /**
     * The {@code nextAnnounceIn} of consecutive failures: the back-off doubles from {@link #MIN_BACKOFF} and stays at
     * {@link #MAX_BACKOFF}, each within its ±25% jitter.
     */
    static void assertDoublingBackoff(List<Optional<Duration>> retries) {
        for (int i = 0; i < retries.size(); i++) {
            long nominal = Math.min(MAX_BACKOFF.toMillis(), MIN_BACKOFF.toMillis() << Math.min(i, 20));
            assertThat(retries.get(i)).as("back-off after failure %d", i + 1)
                    .hasValueSatisfying(d -> assertThat(d.toMillis())
                            .isBetween(nominal * 3 / 4, nominal * 5 / 4));
        }
    }

    /** The regular interval reported after a success: the tracker's, ±10%. */
    static void assertRegularInterval(Optional<Duration> next, Duration interval) {
        long nominal = interval.toMillis();
        assertThat(next).as("next regular announce")
                .hasValueSatisfying(d -> assertThat(d.toMillis()).isBetween(nominal * 9 / 10, nominal * 11 / 10));
    }
}
