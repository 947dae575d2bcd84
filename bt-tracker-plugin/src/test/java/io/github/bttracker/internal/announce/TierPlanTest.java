package io.github.bttracker.internal.announce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Where WebSocket trackers go in a tiered announce, for both front ends. */
class TierPlanTest {

    static final String HTTP = "http://tracker.test/announce";
    static final String UDP = "udp://tracker.test:6969";
    static final String WS1 = "ws://one.test/announce";
    static final String WS2 = "WSS://two.test/announce";

    @Test
    void withoutWebRtcWebSocketTrackersComeLastAndTheOrderIsOtherwiseKept() {
        TierPlan plan = TierPlan.of(List.of(WS1, HTTP, WS2, UDP), false);
        assertThat(plan.tiered()).containsExactly(HTTP, UDP, WS1, WS2);
        assertThat(plan.swarms()).isEmpty();
    }

    @Test
    void withWebRtcWebSocketTrackersLeaveTheTiersAndAreEachAnnouncedTo() {
        TierPlan plan = TierPlan.of(List.of(WS1, HTTP, WS2, UDP), true);
        assertThat(plan.tiered()).containsExactly(HTTP, UDP);
        assertThat(plan.swarms()).containsExactly(WS1, WS2);
    }

    @Test
    void withWebRtcAndNoWebSocketTrackerTheTiersAreUnchanged() {
        TierPlan plan = TierPlan.of(List.of(UDP, HTTP), true);
        assertThat(plan.tiered()).containsExactly(UDP, HTTP);
        assertThat(plan.swarms()).isEmpty();
    }
}
