package io.github.bttracker.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bttracker.testing.TrackerBehaviour.ContentCoding;
import io.github.bttracker.testing.TrackerBehaviour.NormalResponse;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrackerBehaviourTest {

    @Test
    void fillerIsValidBencodeOfExactlyTheRequestedSize() {
        for (int size : new int[] {38, 39, 45, 46, 47, 99, 100, 1000, 65_536}) {
            byte[] filler = TrackerBehaviour.filler(size);

            assertThat(filler).as("size %d", size).hasSize(size);
            assertThat(Bdecode.dictionary(filler)).containsKeys("interval", "padding", "peers");
        }
        assertThatThrownBy(() -> TrackerBehaviour.filler(37)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void normalResponsesCombine() {
        InetSocketAddress first = new InetSocketAddress("10.0.0.1", 1);
        InetSocketAddress second = new InetSocketAddress("10.0.0.2", 2);

        NormalResponse combined = TrackerBehaviour.warning("w")
                .and(TrackerBehaviour.gzip())
                .and(TrackerBehaviour.extraFields(Map.of("min interval", 5)))
                .and(TrackerBehaviour.extraPeers(List.of(first)))
                .and(TrackerBehaviour.extraPeers(List.of(second)))
                .and(TrackerBehaviour.delay(Duration.ofMillis(10)));

        assertThat(combined).isEqualTo(new NormalResponse("w", Map.of("min interval", 5), ContentCoding.GZIP, false,
                List.of(first, second), Duration.ofMillis(10)));
    }

    @Test
    void extraPeersNeedAddresses() {
        assertThatThrownBy(() -> TrackerBehaviour.extraPeers(List.of(InetSocketAddress.createUnresolved("x", 1))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
