package io.github.bttracker.internal.transport.udp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bttracker.options.UdpRetransmission;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetransmissionScheduleTest {

    static long seconds(long nanos) {
        return Duration.ofNanos(nanos).toMillis() / 1000;
    }

    static RoundTripEstimator estimator() {
        return new RoundTripEstimator(Duration.ofSeconds(2), Duration.ofSeconds(1));
    }

    @Test
    void startsFromTheInitialTimeoutAndDoublesBeforeAnyMeasurement() {
        RetransmissionSchedule adaptive = new RetransmissionSchedule(UdpRetransmission.ADAPTIVE);
        RoundTripEstimator rtt = estimator();
        assertThat(seconds(adaptive.timeoutNanos(0, rtt))).isEqualTo(2);
        assertThat(seconds(adaptive.timeoutNanos(1, rtt))).isEqualTo(4);
        assertThat(seconds(adaptive.timeoutNanos(2, rtt))).isEqualTo(8);
    }

    @Test
    void fastTrackersGetTheOneSecondFloor() {
        RetransmissionSchedule adaptive = new RetransmissionSchedule(UdpRetransmission.ADAPTIVE);
        RoundTripEstimator rtt = estimator();
        for (int i = 0; i < 10; i++) {
            rtt.sample(Duration.ofMillis(1).toNanos());
        }
        assertThat(Duration.ofNanos(adaptive.timeoutNanos(0, rtt))).isEqualTo(Duration.ofSeconds(1));
        assertThat(Duration.ofNanos(adaptive.timeoutNanos(3, rtt))).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void slowTrackersGetTimeoutsDerivedFromTheirRoundTrips() {
        RoundTripEstimator rtt = estimator();
        rtt.sample(Duration.ofMillis(800).toNanos());
        // first sample: srtt 800 ms, rttvar 400 ms, timeout 800 + 4 * 400 = 2400 ms
        assertThat(Duration.ofNanos(rtt.timeoutNanos())).isEqualTo(Duration.ofMillis(2400));
    }

    @Test
    void neverWaitsLongerThanBep15() {
        RetransmissionSchedule adaptive = new RetransmissionSchedule(UdpRetransmission.ADAPTIVE);
        RoundTripEstimator rtt = new RoundTripEstimator(Duration.ofSeconds(40), Duration.ofSeconds(1));
        assertThat(seconds(adaptive.timeoutNanos(0, rtt))).isEqualTo(15);
        assertThat(seconds(adaptive.timeoutNanos(1, rtt))).isEqualTo(30);
    }

    @Test
    void strictModeFollowsBep15() {
        RetransmissionSchedule strict = new RetransmissionSchedule(UdpRetransmission.STRICT_BEP15);
        RoundTripEstimator rtt = estimator();
        rtt.sample(1);
        assertThat(seconds(strict.timeoutNanos(0, rtt))).isEqualTo(15);
        assertThat(seconds(strict.timeoutNanos(1, rtt))).isEqualTo(30);
        assertThat(seconds(strict.timeoutNanos(2, rtt))).isEqualTo(60);
        assertThat(strict.timeoutNanos(100, rtt)).isPositive();
    }
}
