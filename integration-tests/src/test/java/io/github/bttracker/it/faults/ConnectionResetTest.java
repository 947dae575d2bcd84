package io.github.bttracker.it.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.bttracker.core.AnnounceEvent;
import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.core.TrackerException;
import io.github.bttracker.core.TrackerException.Kind;
import io.github.bttracker.it.Futures;
import io.github.bttracker.testing.EmbeddedTracker;
import io.github.bttracker.testing.TrackerBehaviour;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An HTTP connection that breaks before the whole answer is in: closed without a response, closed in the middle of
 * the body, reset (RST) in the middle of the body, or gone with the tracker in the middle of an endless body. Each is
 * a CONNECTION_LOST warning naming the tracker, and the next, timer-driven announce works. (At the transport level,
 * HttpTransportTest.theNextRequestAfterAHostileResponseSucceeds covers the close without a response.)
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ConnectionResetTest extends FaultTestBase {

    /** Long enough that only the broken connection, never the deadline, ends a request here. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private EmbeddedTracker tracker;
    private int reservedPort = -1;

    private FaultEvents start(String url) {
        FaultEvents events = new FaultEvents();
        runtime = Faults.runtime(REQUEST_TIMEOUT, false);
        client = Faults.client(Faults.builder(url), runtime, events);
        client.start();
        return events;
    }

    /** The first warning is a lost connection; the client's own retry, after the first back-off, gets through. */
    private static void assertLostThenRecovered(FaultEvents events, String url) {
        await().atMost(Faults.PATIENCE).until(() -> !events.updates().isEmpty());
        List<FaultEvents.Warning> warnings = events.warnings();
        assertThat(warnings).hasSize(1);
        FaultEvents.Warning lost = warnings.get(0);
        assertThat(lost.trackerUrl()).isEqualTo(url);
        assertThat(lost.kind()).isEqualTo(Kind.CONNECTION_LOST);
        assertThat(lost.exception()).hasMessageStartingWith(url);
        // the wording depends on where the break was noticed ("the connection broke before a complete response
        // arrived (...)", or Netty's "Channel closed while still aggregating message"); the kind does not
        assertThat(lost.message()).isNotBlank();
        Faults.assertDoublingBackoff(List.of(lost.next()));
        FaultEvents.Update recovered = events.updates().get(0);
        assertThat(recovered.response().trackerUrl()).isEqualTo(url);
        assertThat(recovered.response().isSuccess()).isTrue();
        assertThat(events.errors()).isEmpty();
    }

    @Test
    void aConnectionClosedWithoutAnAnswerIsConnectionLostAndTheNextAnnounceWorks() {
        tracker = closeAfter(EmbeddedTracker.start());
        tracker.http().enqueue(TrackerBehaviour.closeConnection());
        FaultEvents events = start(tracker.httpAnnounceUrl());

        assertLostThenRecovered(events, tracker.httpAnnounceUrl());
        assertThat(tracker.http().take().event()).hasValue("started");
        assertThat(tracker.http().take().event()).as("the retry is a regular announce").isEmpty();
        await().atMost(Faults.PATIENCE).until(() -> tracker.peers(Faults.HASH.bytes()).size() == 1);
    }

    @Test
    void aConnectionClosedInTheMiddleOfTheBodyIsConnectionLostAndTheNextAnnounceWorks() {
        tracker = closeAfter(EmbeddedTracker.start());
        byte[] whole = "d8:intervali1800e5:peers0:e".getBytes(StandardCharsets.US_ASCII);
        // the headers promise the whole body; half of it comes, then the tracker closes
        tracker.http().enqueue(TrackerBehaviour.body(200, Arrays.copyOf(whole, whole.length / 2),
                Map.of("Content-Length", String.valueOf(whole.length), "Connection", "close")));
        FaultEvents events = start(tracker.httpAnnounceUrl());

        assertLostThenRecovered(events, tracker.httpAnnounceUrl());
        assertThat(tracker.http().count()).isEqualTo(2);
    }

    @Test
    void aConnectionResetInTheMiddleOfTheBodyIsConnectionLostAndTheNextAnnounceWorks() {
        try (ResettingHttpTracker resetting = new ResettingHttpTracker(1)) {
            FaultEvents events = start(resetting.announceUrl());

            assertLostThenRecovered(events, resetting.announceUrl());
            FaultEvents.Update recovered = events.updates().get(0);
            assertThat(recovered.response().complete()).hasValue(1);
            assertThat(recovered.response().incomplete()).hasValue(2);
            assertThat(resetting.requests()).isEqualTo(2);
        }
    }

    /**
     * Twenty resets in a row, each on its own connection, each failing at once as CONNECTION_LOST. The reset comes
     * together with the last bytes of the body, and the read that takes those bytes may find the socket empty; it must
     * still see the reset (on io_uring with multishot POLL_ADD it did not, about 4 in 10 times: NettyIo).
     */
    @Test
    void everyResetOfTwentyInARowIsConnectionLostNotATimeout() throws Exception {
        int resets = 20;
        try (ResettingHttpTracker resetting = new ResettingHttpTracker(resets)) {
            runtime = Faults.runtime(REQUEST_TIMEOUT, false);
            for (int i = 0; i < resets; i++) {
                AnnounceRequest request = AnnounceRequest.builder(Faults.HASH, PeerId.random("-FT0001-"), 6881)
                        .event(AnnounceEvent.STARTED).build();
                TrackerException e = Futures.failureOf(runtime.announce(resetting.announceUrl(), request,
                        REQUEST_TIMEOUT));
                assertThat(e.kind()).as("reset %d of %d: %s", i + 1, resets, e.getMessage())
                        .isEqualTo(Kind.CONNECTION_LOST);
            }
            assertThat(resetting.requests()).isEqualTo(resets);
        }
    }

    @Test
    void aTrackerThatDiesInTheMiddleOfABodyIsConnectionLostAndAnnouncesResumeWhenItIsBack() {
        reservedPort = reservePort();
        tracker = closeAfter(Faults.trackerOn(reservedPort, 0));
        String url = tracker.httpAnnounceUrl();
        tracker.http().enqueue(TrackerBehaviour.neverEndingBody());
        FaultEvents events = start(url);
        tracker.http().take(); // the body is under way, and never ends

        tracker.close();

        await().atMost(Faults.PATIENCE).until(() -> events.warnings().size() >= 3);
        List<FaultEvents.Warning> warnings = events.warnings();
        assertThat(warnings.get(0).kind()).isEqualTo(Kind.CONNECTION_LOST);
        assertThat(warnings.get(0).exception()).hasMessageStartingWith(url);
        // then the tracker is just gone
        assertThat(warnings.subList(1, 3)).allSatisfy(w -> assertThat(w.kind()).isEqualTo(Kind.CONNECT));
        Faults.assertDoublingBackoff(warnings.subList(0, 3).stream().map(FaultEvents.Warning::next).toList());
        assertThat(events.updates()).isEmpty();

        tracker = closeAfter(Faults.trackerOn(reservedPort, 0));

        await().atMost(Faults.PATIENCE).until(() -> !events.updates().isEmpty());
        assertThat(events.updates().get(0).response().trackerUrl()).isEqualTo(url);
        await().atMost(Faults.PATIENCE).until(() -> tracker.peers(Faults.HASH.bytes()).size() == 1);
        assertThat(events.errors()).isEmpty();
    }
}
