package io.github.bttracker.internal.announce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AnnounceListTest {

    static final Duration MIN = Duration.ofSeconds(10);
    static final Duration MAX = Duration.ofSeconds(40);

    @Test
    void theListsBackOffDoublesWhileEveryTrackerFailsUpToItsMaximumAndEveryTrackerShowsIt() {
        AnnounceList list = new AnnounceList(List.of(List.of("a"), List.of("b")), new Random(1), () -> false, MIN,
                MAX);
        AnnounceSchedule a = new AnnounceSchedule("a");
        AnnounceSchedule b = new AnnounceSchedule("b");
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Instant before = Instant.now();
            Duration delay = list.everyTrackerFailed(List.of(a, b));
            delays.add(delay);
            for (AnnounceSchedule schedule : List.of(a, b)) {
                Instant next = schedule.status().nextAnnounce().orElseThrow();
                assertThat(next).isBetween(before.plus(delay).minusSeconds(1), Instant.now().plus(delay));
            }
        }
        // ±25% jitter around 10 s, 20 s, 40 s, 40 s
        assertThat(delays.get(0)).isBetween(Duration.ofMillis(7_500), Duration.ofMillis(12_500));
        assertThat(delays.get(1)).isBetween(Duration.ofMillis(15_000), Duration.ofMillis(25_000));
        assertThat(delays.get(2)).isBetween(Duration.ofMillis(30_000), Duration.ofMillis(50_000));
        assertThat(delays.get(3)).isBetween(Duration.ofMillis(30_000), Duration.ofMillis(50_000));
    }

    @Test
    void aSuccessfulWalkResetsTheListsBackOffAndAFailedOneDoesNot() {
        AnnounceList list = new AnnounceList(List.of(List.of("a"), List.of("b")), new Random(1), () -> false, MIN,
                MAX);
        list.everyTrackerFailed(List.of());
        list.everyTrackerFailed(List.of());
        assertThat(list.firstSuccess(List.of("a", "b"), url -> CompletableFuture.completedFuture(false),
                ok -> ok, (url, ok) -> true).join()).isFalse();
        assertThat(list.everyTrackerFailed(List.of())).as("after two failed walks and a third")
                .isGreaterThanOrEqualTo(Duration.ofMillis(30_000));

        assertThat(list.firstSuccess(List.of("a", "b"), url -> CompletableFuture.completedFuture(url.equals("b")),
                ok -> ok, (url, ok) -> true).join()).isTrue();
        assertThat(list.everyTrackerFailed(List.of())).as("the first failure after a success")
                .isBetween(Duration.ofMillis(7_500), Duration.ofMillis(12_500));
    }

    @Test
    void thePlanAsksWhetherWebRtcIsOnAtEachAnnounce() {
        boolean[] webRtc = {false};
        AnnounceList list = new AnnounceList(List.of(List.of("ws://t/a"), List.of("http://t/b")), new Random(1),
                () -> webRtc[0], MIN, MAX);
        assertThat(list.plan()).isEqualTo(new TierPlan(List.of("http://t/b", "ws://t/a"), List.of()));
        webRtc[0] = true;
        assertThat(list.plan()).isEqualTo(new TierPlan(List.of("http://t/b"), List.of("ws://t/a")));
    }

    @Test
    void anEmptyWalkHasNoResultAndLeavesTheBackOffAlone() {
        AnnounceList list = new AnnounceList(List.of(List.of("a")), new Random(1), () -> false, MIN, MAX);
        assertThat(list.firstSuccess(List.of(), url -> CompletableFuture.completedFuture(true), ok -> ok,
                (url, ok) -> true).join()).isNull();
        assertThat(list.everyTrackerFailed(List.of())).isBetween(Duration.ofMillis(7_500), Duration.ofMillis(12_500));
    }
}
