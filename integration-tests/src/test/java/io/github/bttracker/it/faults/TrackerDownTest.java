package io.github.bttracker.it.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.bttracker.core.TrackerException.Kind;
import io.github.bttracker.core.TrackerStatus;
import io.github.bttracker.testing.EmbeddedTracker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A tracker that is down when the client starts: over HTTP and WebSocket the connection is refused, over UDP nobody
 * answers. The user gets a warning per attempt, naming the tracker, with a back-off that doubles; once the tracker
 * is started on that port, the next timer-driven announce gets through without the test calling the client again.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TrackerDownTest extends FaultTestBase {

    private static final int FAILURES_SEEN = 4;

    private EmbeddedTracker tracker;

    @ParameterizedTest
    @ValueSource(strings = {"http", "udp", "ws"})
    void warnsWithADoublingBackOffThenAnnouncesByItselfOnceTheTrackerIsUp(String protocol) {
        int port;
        if (protocol.equals("ws")) {
            port = Faults.freeTcpPort();
        } else {
            port = reservePort();
        }
        String url = Faults.url(protocol, port);
        FaultEvents events = new FaultEvents();
        runtime = Faults.runtimeFor(protocol);
        client = Faults.client(Faults.builder(url), runtime, events);

        client.start();

        await().atMost(Faults.PATIENCE).until(() -> events.warnings().size() >= FAILURES_SEEN);
        List<FaultEvents.Warning> down = events.warnings().subList(0, FAILURES_SEEN);
        Kind expected = switch (protocol) {
            case "http" -> Kind.CONNECT;
            // nothing answers a UDP datagram to a dead port (the ICMP error does not reach an unconnected socket)
            case "udp" -> Kind.TIMEOUT;
            // a WebSocket request fails with the shared connection's failure to connect
            case "ws" -> Kind.CONNECT;
            default -> throw new IllegalArgumentException(protocol);
        };
        assertThat(down).allSatisfy(w -> {
            assertThat(w.trackerUrl()).isEqualTo(url);
            assertThat(w.kind()).isEqualTo(expected);
            assertThat(w.exception().trackerUrl()).isEqualTo(url);
            assertThat(w.exception()).hasMessageStartingWith(url);
            if (!protocol.equals("udp")) {
                assertThat(w.message()).containsIgnoringCase("refused");
            }
        });
        if (protocol.equals("ws")) {
            // the client's back-off (100 ms at first) is shorter than the connection's (1 s): its next announces find
            // the connection waiting to try again, and fail at once with the refusal
            assertThat(down).anySatisfy(w -> assertThat(w.message()).contains("trying again in"));
        }
        Faults.assertDoublingBackoff(down.stream().map(FaultEvents.Warning::next).toList());
        assertThat(events.updates()).isEmpty();
        TrackerStatus failing = client.status().get(0);
        assertThat(failing.state()).isEqualTo(TrackerStatus.State.FAILING);
        assertThat(failing.lastError()).isPresent();
        assertThat(failing.nextAnnounce()).isPresent();

        // the tracker comes up on that very port; from here on the test does not touch the client
        tracker = closeAfter(protocol.equals("ws") ? EmbeddedTracker.builder().wsPort(port).start()
                : Faults.trackerOn(port, 0));

        await().atMost(Faults.PATIENCE).until(() -> !events.updates().isEmpty());
        FaultEvents.Update first = events.updates().get(0);
        assertThat(first.response().trackerUrl()).isEqualTo(url);
        assertThat(first.response().isSuccess()).isTrue();
        Faults.assertRegularInterval(first.next(), Duration.ofSeconds(EmbeddedTracker.DEFAULT_INTERVAL_SECONDS));
        await().atMost(Faults.PATIENCE).until(() -> Faults.swarm(tracker, protocol).size() == 1);
        if (!protocol.equals("ws")) { // WebSocket peers have no address, only a peer id
            assertThat(Faults.swarm(tracker, protocol).get(0).port()).isEqualTo(Faults.CLIENT_PORT);
        }
        await().atMost(Faults.PATIENCE).until(() -> client.status().get(0).state() == TrackerStatus.State.OK);
        assertThat(client.status().get(0).lastError()).isEmpty();
        assertThat(events.errors()).isEmpty();
    }
}
