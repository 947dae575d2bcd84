package io.github.bttracker.it.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.bttracker.TrackerClient;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.core.TrackerException.Kind;
import io.github.bttracker.testing.EmbeddedTracker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * BEP 12 tiers when trackers fail: a first tier whose every tracker is dead (a refused HTTP connection, a silent UDP
 * port) falls over to the next tier; and when every tier is dead, the client backs off, tries the whole list again,
 * and resumes as soon as one tracker is back. (TrackerClientTest.failsOverToTheNextTierAndKeepsUsingTheTrackerThatAnswered
 * covers a first tier of one dead tracker.)
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DeadTierTest extends FaultTestBase {

    private static final Duration INTERVAL = Duration.ofMillis(300);


    private EmbeddedTracker startTracker(int port) {
        return closeAfter(port == 0 ? EmbeddedTracker.start() : Faults.trackerOn(port, 0));
    }

    private FaultEvents start(List<List<String>> tiers) {
        FaultEvents events = new FaultEvents();
        runtime = Faults.runtime(Faults.SHORT_REQUEST_TIMEOUT, false);
        client = Faults.client(TrackerClient.builder(Faults.HASH, PeerId.random("-FT0001-"))
                .announceTiers(tiers).port(Faults.CLIENT_PORT), runtime, events);
        client.setInterval(INTERVAL);
        client.start();
        return events;
    }

    @Test
    void aTierWhoseTrackersAllFailFallsOverToTheNextTier() {
        String deadHttp = Faults.url("http", Faults.freeTcpPort());
        String deadUdp = Faults.url("udp", reservePort());
        EmbeddedTracker live = startTracker(0);

        FaultEvents events = start(List.of(List.of(deadHttp, deadUdp), List.of(live.httpAnnounceUrl())));

        // the started announce, then regular ones on the interval: each time the dead tier first, then the live one
        await().atMost(Faults.PATIENCE).until(() -> events.updates().size() >= 3);
        assertThat(events.updates()).allSatisfy(u -> {
            assertThat(u.response().trackerUrl()).isEqualTo(live.httpAnnounceUrl());
            Faults.assertRegularInterval(u.next(), INTERVAL);
        });
        assertThat(events.warningsFor(deadHttp)).hasSizeGreaterThanOrEqualTo(3).allSatisfy(w -> {
            assertThat(w.kind()).isEqualTo(Kind.CONNECT);
            assertThat(w.exception()).hasMessageStartingWith(deadHttp);
            assertThat(w.message()).endsWith("trying the next tracker");
        });
        assertThat(events.warningsFor(deadUdp)).hasSizeGreaterThanOrEqualTo(3).allSatisfy(w -> {
            assertThat(w.kind()).isEqualTo(Kind.TIMEOUT);
            assertThat(w.exception()).hasMessageStartingWith(deadUdp);
            assertThat(w.message()).endsWith("trying the next tracker");
        });
        assertThat(events.warnings()).extracting(FaultEvents.Warning::trackerUrl)
                .containsOnly(deadHttp, deadUdp);
        await().atMost(Faults.PATIENCE).until(() -> live.peers(Faults.HASH.bytes()).size() == 1);
        assertThat(live.http().take().event()).hasValue("started");
        assertThat(events.errors()).isEmpty();
    }

    @Test
    void withEveryTierDeadTheClientRetriesTheWholeListUntilOneTrackerIsBack() {
        int portA = reservePort();
        int portB = reservePort();
        int portC = reservePort();
        String a = Faults.url("http", portA);
        String b = Faults.url("http", portB);
        String c = Faults.url("http", portC);

        FaultEvents events = start(List.of(List.of(a, b), List.of(c)));

        // round after round, every tracker of the list in BEP 12 order: the first tier (shuffled once), then the second
        int rounds = 3;
        await().atMost(Faults.PATIENCE).until(() -> events.warnings().size() >= 3 * rounds);
        List<FaultEvents.Warning> warnings = events.warnings();
        List<String> firstRound = warnings.subList(0, 3).stream().map(FaultEvents.Warning::trackerUrl).toList();
        assertThat(firstRound.subList(0, 2)).containsExactlyInAnyOrder(a, b);
        assertThat(firstRound.get(2)).isEqualTo(c);
        for (int round = 1; round < rounds; round++) {
            assertThat(warnings.subList(3 * round, 3 * round + 3)).extracting(FaultEvents.Warning::trackerUrl)
                    .as("round %d", round + 1).containsExactlyElementsOf(firstRound);
        }
        assertThat(warnings).allSatisfy(w -> assertThat(w.kind()).isEqualTo(Kind.CONNECT));
        assertThat(events.updates()).isEmpty();

        // a tracker of the first tier comes back; the client's own back-off timer finds it
        EmbeddedTracker back = startTracker(portB);

        await().atMost(Faults.PATIENCE).until(() -> !events.updates().isEmpty());
        assertThat(events.updates().get(0).response().trackerUrl()).isEqualTo(b);
        Faults.assertRegularInterval(events.updates().get(0).next(), INTERVAL);
        await().atMost(Faults.PATIENCE).until(() -> back.peers(Faults.HASH.bytes()).size() == 1);
        // and it keeps announcing there on the interval
        await().atMost(Faults.PATIENCE).until(() -> events.updatesFrom(b).size() >= 3);
        assertThat(events.errors()).isEmpty();
    }

    /**
     * What the user is told when a whole announce list failed: the client tries it all again after a back-off that
     * doubles, but every warning says "trying the next tracker" and carries no {@code nextAnnounceIn}, which the
     * listener's contract reads as "this tracker will not be tried again", even for the last tracker of the list;
     * {@code status()} shows no next announce for any tracker either.
     */
    @Test
    void withEveryTierDeadTheWarningsSayWhenTheListIsTriedAgain() {
        String a = Faults.url("http", Faults.freeTcpPort());
        String b = Faults.url("http", Faults.freeTcpPort());

        FaultEvents events = start(List.of(List.of(a), List.of(b)));

        int rounds = 3;
        await().atMost(Faults.PATIENCE).until(() -> events.warnings().size() >= 2 * rounds);
        List<FaultEvents.Warning> warnings = events.warnings();
        List<Optional<Duration>> wholeListRetries = new ArrayList<>();
        SoftAssertions softly = new SoftAssertions();
        for (int round = 0; round < rounds; round++) {
            FaultEvents.Warning last = warnings.get(2 * round + 1);
            assertThat(last.trackerUrl()).isEqualTo(b);
            softly.assertThat(last.message()).as("round %d: the last tracker of the list", round + 1)
                    .doesNotEndWith("trying the next tracker");
            wholeListRetries.add(last.next());
        }
        softly.assertThat(client.status()).as("status while every tracker fails")
                .anySatisfy(s -> assertThat(s.nextAnnounce()).isPresent());
        softly.check(() -> Faults.assertDoublingBackoff(wholeListRetries));
        softly.assertAll();
    }
}
