package io.github.bttracker.it.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.bttracker.core.TrackerException.Kind;
import io.github.bttracker.core.TrackerStatus;
import io.github.bttracker.testing.EmbeddedTracker;
import io.github.bttracker.testing.RecordedDatagram;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A tracker restarted in the middle of a session: the client announces on a short interval, the tracker goes away
 * (with everything it knew: swarms, UDP connection ids, WebSocket connections) and a new one starts on the same
 * ports. Announces must resume by themselves.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TrackerRestartTest extends FaultTestBase {

    private static final Duration INTERVAL = Duration.ofMillis(300);

    private int port;
    private int wsPort;

    @BeforeEach
    void reservePorts() {
        port = reservePort();
        wsPort = Faults.freeTcpPort();
    }

    private EmbeddedTracker startTracker() {
        return closeAfter(Faults.trackerOn(port, wsPort));
    }

    private FaultEvents startClient(String protocol, EmbeddedTracker tracker) {
        FaultEvents events = new FaultEvents();
        runtime = Faults.runtimeFor(protocol);
        client = Faults.client(Faults.builder(Faults.url(tracker, protocol)), runtime, events);
        client.setInterval(INTERVAL);
        client.start();
        // a few timer-driven announces: the session is under way
        await().atMost(Faults.PATIENCE).until(() -> events.updates().size() >= 3);
        assertThat(events.updates()).allSatisfy(u -> Faults.assertRegularInterval(u.next(), INTERVAL));
        return events;
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "udp", "ws"})
    void announcesResumeByThemselvesWhenTheTrackerComesBackOnTheSamePort(String protocol) {
        EmbeddedTracker original = startTracker();
        String url = Faults.url(original, protocol);
        FaultEvents events = startClient(protocol, original);
        await().atMost(Faults.PATIENCE).until(() -> Faults.swarm(original, protocol).size() == 1);

        int warningsBefore = events.warnings().size();

        original.close();

        // the outage is reported: a refused connection (or one cut under a request) for HTTP, silence for UDP; for
        // WebSocket, the refusal of the shared connection's next attempt, or the deadline of a request that waited
        // for that attempt
        await().atMost(Faults.PATIENCE).until(() -> events.warnings().size() > warningsBefore);
        FaultEvents.Warning outage = events.warnings().get(warningsBefore);
        assertThat(outage.trackerUrl()).isEqualTo(url);
        assertThat(outage.exception()).hasMessageStartingWith(url);
        assertThat(outage.kind()).isIn(switch (protocol) {
            case "http" -> Set.of(Kind.CONNECT, Kind.CONNECTION_LOST);
            case "ws" -> Set.of(Kind.CONNECT, Kind.TIMEOUT);
            default -> Set.of(Kind.TIMEOUT);
        });
        assertThat(outage.next()).hasValueSatisfying(d -> assertThat(d).isLessThanOrEqualTo(Faults.MAX_BACKOFF
                .multipliedBy(5).dividedBy(4)));
        int updatesBefore = events.updates().size();

        EmbeddedTracker restarted = startTracker();

        // nothing from the test: the client's own timers bring it back, and keep going on the short interval
        await().atMost(Faults.PATIENCE).until(() -> events.updates().size() >= updatesBefore + 3);
        await().atMost(Faults.PATIENCE).until(() -> Faults.swarm(restarted, protocol).size() == 1);
        assertThat(events.updates().subList(updatesBefore, events.updates().size()))
                .allSatisfy(u -> assertThat(u.response().trackerUrl()).isEqualTo(url));
        assertThat(client.status().get(0).state()).isEqualTo(TrackerStatus.State.OK);
        assertThat(events.errors()).isEmpty();
    }

    /**
     * UDP connection ids die with the tracker: the first announce after the restart carries one the new tracker never
     * issued. The client must take the error for a stale id, connect again and announce with the new one, without
     * bothering the user.
     */
    @Test
    void aUdpClientConnectsAgainWhenTheRestartedTrackerNoLongerKnowsItsConnectionId() {
        EmbeddedTracker original = startTracker();
        FaultEvents events = startClient("udp", original);
        long oldConnectionId = lastAnnounce(original).connectionId();

        original.close();
        EmbeddedTracker restarted = startTracker();

        int updatesBefore = events.updates().size();
        await().atMost(Faults.PATIENCE).until(() -> events.updates().size() >= updatesBefore + 2);
        RecordedDatagram stale = restarted.udp().take();
        assertThat(stale.isAnnounce()).as("first datagram: %s", stale).isTrue();
        assertThat(stale.connectionId()).isEqualTo(oldConnectionId);
        RecordedDatagram connect = restarted.udp().take();
        assertThat(connect.isConnect()).as("then: %s", connect).isTrue();
        RecordedDatagram fresh = restarted.udp().take();
        assertThat(fresh.isAnnounce()).as("then: %s", fresh).isTrue();
        assertThat(fresh.connectionId()).isNotEqualTo(oldConnectionId);
        await().atMost(Faults.PATIENCE).until(() -> restarted.peers(Faults.HASH.bytes()).size() == 1);
        // the stale id cost a round trip, not a warning (an announce in flight at the restart may have been lost
        // with the old tracker: that one is a TIMEOUT warning)
        assertThat(events.warnings()).noneSatisfy(w -> assertThat(w.message()).containsIgnoringCase("connection id"))
                .allSatisfy(w -> assertThat(w.kind()).isEqualTo(Kind.TIMEOUT));
    }

    private static RecordedDatagram lastAnnounce(EmbeddedTracker tracker) {
        RecordedDatagram last = null;
        for (RecordedDatagram d = tracker.udp().poll(); d != null; d = tracker.udp().poll()) {
            if (d.isAnnounce()) {
                last = d;
            }
        }
        assertThat(last).as("an announce reached the tracker").isNotNull();
        return last;
    }
}
