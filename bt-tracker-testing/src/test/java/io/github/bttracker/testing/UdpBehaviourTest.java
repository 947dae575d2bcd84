package io.github.bttracker.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bttracker.testing.internal.UdpProtocol;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class UdpBehaviourTest {

    @Test
    void copiesItsBytes() {
        byte[] bytes = {1, 2, 3};
        UdpBehaviour raw = UdpBehaviour.raw(bytes);
        bytes[0] = 9;

        assertThat(((UdpBehaviour.Raw) raw).datagram()).containsExactly(1, 2, 3);
        assertThat(raw).isEqualTo(UdpBehaviour.raw(new byte[] {1, 2, 3}));
        assertThat(UdpBehaviour.garbageFirst(new byte[] {4})).isEqualTo(UdpBehaviour.garbageFirst(new byte[] {4}));
    }

    @Test
    void rejectsWhatCannotBeSent() {
        assertThatThrownBy(() -> UdpBehaviour.delay(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UdpBehaviour.garbageFirst(new byte[UdpProtocol.MAX_DATAGRAM_LENGTH + 1]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UdpBehaviour.error(null)).isInstanceOf(NullPointerException.class);
    }
}
