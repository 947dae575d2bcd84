package io.github.bttracker.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransitionsTest {

    enum Light { RED, GREEN, OFF }

    final Transitions<Light> transitions = new Transitions<>(Map.of(
            Light.RED, EnumSet.of(Light.GREEN, Light.OFF),
            Light.GREEN, EnumSet.of(Light.RED, Light.OFF),
            Light.OFF, EnumSet.noneOf(Light.class)));

    @Test
    void anAllowedMoveGivesTheNewState() {
        assertThat(transitions.move(Light.RED, Light.GREEN, () -> "light")).isEqualTo(Light.GREEN);
    }

    @Test
    void aMoveNotAllowedFailsNamingTheMachineAndTheMove() {
        assertThatThrownBy(() -> transitions.move(Light.OFF, Light.RED, () -> "light 7"))
                .isInstanceOf(IllegalStateException.class).hasMessage("light 7: OFF -> RED");
        assertThatThrownBy(() -> transitions.move(Light.RED, Light.RED, () -> "light 7"))
                .hasMessage("light 7: RED -> RED");
    }
}
