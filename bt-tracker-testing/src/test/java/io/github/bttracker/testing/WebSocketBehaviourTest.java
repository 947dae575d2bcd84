package io.github.bttracker.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebSocketBehaviourTest {

    @Test
    void dressingsCombine() {
        WebSocketBehaviour.NormalReply combined = WebSocketBehaviour.extraFields(Map.of("a", 1, "b", "x"))
                .and(WebSocketBehaviour.delay(Duration.ofMillis(5)))
                .and(WebSocketBehaviour.flood(2))
                .and(WebSocketBehaviour.flood(3))
                .and(WebSocketBehaviour.extraFields(Map.of("b", "y")));

        assertThat(combined.extraFields()).containsEntry("a", 1).containsEntry("b", "y");
        assertThat(combined.delay()).isEqualTo(Duration.ofMillis(5));
        assertThat(combined.flood()).isEqualTo(5);
        assertThat(WebSocketBehaviour.normal()).isEqualTo(WebSocketBehaviour.extraFields(Map.of()));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> WebSocketBehaviour.flood(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebSocketBehaviour.delay(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebSocketBehaviour.closeWith(1006, "reserved"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebSocketBehaviour.closeWith(1000, "x".repeat(124)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebSocketBehaviour.extraFields(Map.of("stream", new Object())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebSocketBehaviour.failure(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> WebSocketBehaviour.hugeJson(10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void generatedDocumentsHaveTheAskedShape() throws Exception {
        String huge = WebSocketBehaviour.hugeJson(1_000);

        assertThat(huge).hasSize(1_000);
        assertThat(new ObjectMapper().readTree(huge).path("action").asText()).isEqualTo("announce");
        assertThat(WebSocketBehaviour.nestedJson(3)).isEqualTo("[[[]]]");
    }
}
