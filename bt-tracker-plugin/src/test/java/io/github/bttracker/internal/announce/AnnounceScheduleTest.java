package io.github.bttracker.internal.announce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bttracker.core.AnnounceEvent;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.TrackerStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnnounceScheduleTest {

    static final String URL = "udp://tracker.example:6969/announce";

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final ManualClock clock = new ManualClock();
    final AnnounceSchedule schedule = new AnnounceSchedule(URL, Duration.ofSeconds(15), Duration.ofMinutes(30), clock);

    static AnnounceResponse ok(int intervalSeconds, Integer minIntervalSeconds) {
        AnnounceResponse.Builder b = AnnounceResponse.builder(URL).interval(Duration.ofSeconds(intervalSeconds))
                .complete(3).incomplete(7);
        if (minIntervalSeconds != null) {
            b.minInterval(Duration.ofSeconds(minIntervalSeconds));
        }
        return b.build();
    }

    @Test
    void aNewScheduleKnowsNothingYet() {
        TrackerStatus status = schedule.status();
        assertThat(status.state()).isEqualTo(TrackerStatus.State.NEW);
        assertThat(status.lastAnnounce()).isEmpty();
        assertThat(status.lastEvent()).isEmpty();
        assertThat(status.nextAnnounce()).isEmpty();
        assertThat(status.lastError()).isEmpty();
        assertThat(status.seeders()).isEmpty();
        assertThat(schedule.waitBeforeRegularAnnounce()).isEmpty();
    }

    @Test
    void theIntervalIsJitteredByTenPercent() {
        Set<Duration> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Duration next = schedule.succeeded(AnnounceEvent.NONE, ok(1800, null), null, true);
            assertThat(next).isBetween(Duration.ofSeconds(1620), Duration.ofSeconds(1980));
            seen.add(next);
        }
        assertThat(seen).hasSizeGreaterThan(100);
    }

    @Test
    void neverSoonerThanTheMinIntervalEvenWithAnOverride() {
        for (int i = 0; i < 100; i++) {
            assertThat(schedule.succeeded(AnnounceEvent.NONE, ok(60, 120), null, true))
                    .isEqualTo(Duration.ofSeconds(120));
            assertThat(schedule.succeeded(AnnounceEvent.NONE, ok(1800, 120), Duration.ofSeconds(1), true))
                    .isEqualTo(Duration.ofSeconds(120));
        }
        // the min interval floors the schedule, it does not forbid an explicit update
        assertThat(schedule.waitBeforeRegularAnnounce()).isEmpty();
    }

    @Test
    void aMissingOrZeroIntervalMeansThirtyMinutes() {
        AnnounceResponse none = AnnounceResponse.builder(URL).build();
        assertThat(schedule.succeeded(AnnounceEvent.NONE, none, null, true))
                .isBetween(Duration.ofMinutes(27), Duration.ofMinutes(33));
        assertThat(schedule.succeeded(AnnounceEvent.NONE, ok(0, null), null, true))
                .isBetween(Duration.ofMinutes(27), Duration.ofMinutes(33));
    }

    @Test
    void anAbsurdIntervalCannotOverflow() {
        AnnounceResponse huge = AnnounceResponse.builder(URL).interval(Duration.ofSeconds(Long.MAX_VALUE / 2)).build();
        assertThat(schedule.succeeded(AnnounceEvent.NONE, huge, null, true)).isEqualTo(AnnounceSchedule.MAX_INTERVAL);
        assertThat(AnnounceSchedule.isAbsurd(huge)).isTrue();
        AnnounceResponse hugeFloor = AnnounceResponse.builder(URL).interval(Duration.ofSeconds(60))
                .minInterval(Duration.ofDays(365)).build();
        assertThat(schedule.succeeded(AnnounceEvent.NONE, hugeFloor, null, true)).isEqualTo(AnnounceSchedule.MAX_INTERVAL);
        assertThat(AnnounceSchedule.isAbsurd(ok(1800, 900))).isFalse();
    }

    @Test
    void backOffDoublesWithJitterUpToTheCapAndASuccessResetsIt() {
        long[] expectedSeconds = {15, 30, 60, 120, 240, 480, 960, 1800, 1800, 1800};
        for (long expected : expectedSeconds) {
            Optional<Duration> next = schedule.failed(AnnounceEvent.NONE, "timeout", null, true);
            assertThat(next).hasValueSatisfying(d -> assertThat(d.toMillis())
                    .isBetween((long) (expected * 750), (long) (expected * 1250)));
        }
        assertThat(schedule.consecutiveFailures()).isEqualTo(10);
        schedule.succeeded(AnnounceEvent.NONE, ok(1800, null), null, true);
        assertThat(schedule.consecutiveFailures()).isZero();
        assertThat(schedule.failed(AnnounceEvent.NONE, "timeout", null, true)).hasValueSatisfying(d ->
                assertThat(d).isBetween(Duration.ofMillis(11_250), Duration.ofMillis(18_750)));
    }

    @Test
    void aFailureHoldsRegularAnnouncesBackForTheBackOff() {
        Duration backoff = schedule.failed(AnnounceEvent.NONE, "connection refused", null, true).orElseThrow();
        assertThat(schedule.waitBeforeRegularAnnounce()).hasValue(backoff);
        clock.advance(backoff.minusMillis(1));
        assertThat(schedule.waitBeforeRegularAnnounce()).hasValue(Duration.ofMillis(1));
        clock.advance(Duration.ofMillis(1));
        assertThat(schedule.waitBeforeRegularAnnounce()).isEmpty();

        TrackerStatus status = schedule.status();
        assertThat(status.state()).isEqualTo(TrackerStatus.State.FAILING);
        assertThat(status.lastError()).hasValue("connection refused");
        assertThat(status.failures()).isEqualTo(1);
        assertThat(status.nextAnnounce()).hasValue(clock.now.minus(backoff.minusMillis(1)).minusMillis(1).plus(backoff));
    }

    @Test
    void retryInReplacesTheBackOffAndNeverRetiresTheTracker() {
        AnnounceResponse busy = AnnounceResponse.builder(URL).failureReason("busy").retryIn(Duration.ofMinutes(3)).build();
        assertThat(schedule.failed(AnnounceEvent.NONE, "refused: busy", busy, true)).hasValue(Duration.ofMinutes(3));
        assertThat(schedule.waitBeforeRegularAnnounce()).hasValue(Duration.ofMinutes(3));

        AnnounceResponse gone = AnnounceResponse.builder(URL).failureReason("gone").retryNever().build();
        assertThat(schedule.failed(AnnounceEvent.NONE, "refused: gone", gone, true)).isEmpty();
        assertThat(schedule.isRetired()).isTrue();
        clock.advance(Duration.ofDays(10_000));
        assertThat(schedule.waitBeforeRegularAnnounce()).isPresent();
        assertThat(schedule.status().state()).isEqualTo(TrackerStatus.State.RETIRED);
        assertThat(schedule.status().nextAnnounce()).isEmpty();
    }

    @Test
    void aSuccessRecordsCountsAndTheNextAnnounce() {
        Duration next = schedule.succeeded(AnnounceEvent.STARTED, ok(100, null), null, true);
        TrackerStatus status = schedule.status();
        assertThat(status.lastEvent()).hasValue(AnnounceEvent.STARTED);
        assertThat(status.state()).isEqualTo(TrackerStatus.State.OK);
        assertThat(status.seeders()).hasValue(3L);
        assertThat(status.leechers()).hasValue(7L);
        assertThat(status.successes()).isEqualTo(1);
        assertThat(status.lastAnnounce()).hasValue(clock.now);
        assertThat(status.nextAnnounce()).hasValue(clock.now.plus(next));

        schedule.failed(AnnounceEvent.COMPLETED, "timeout", null, true);
        assertThat(schedule.status().lastEvent()).hasValue(AnnounceEvent.COMPLETED);
        schedule.succeeded(AnnounceEvent.STOPPED, ok(100, null), null, false);
        assertThat(schedule.status().lastEvent()).hasValue(AnnounceEvent.STOPPED);
        assertThat(schedule.status().state()).isEqualTo(TrackerStatus.State.STOPPED);
        assertThat(schedule.status().nextAnnounce()).isEmpty();
    }

    @Test
    void rejectsNonsensicalBackOffs() {
        assertThatThrownBy(() -> new AnnounceSchedule(URL, Duration.ZERO, Duration.ofMinutes(1), clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minBackoff");
        assertThatThrownBy(() -> new AnnounceSchedule(URL, Duration.ofMinutes(2), Duration.ofMinutes(1), clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("below minBackoff");
    }
}
