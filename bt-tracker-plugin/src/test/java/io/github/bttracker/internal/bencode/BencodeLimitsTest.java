package io.github.bttracker.internal.bencode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Defaults, validation and copy methods of {@link BencodeLimits}. */
class BencodeLimitsTest {

    @Test
    void hasDocumentedDefaults() {
        assertThat(BencodeLimits.defaults()).isEqualTo(new BencodeLimits(32, 1_048_576, 1_048_576, 250_000));
    }

    @Test
    void rejectsLimitsThatAreNotPositiveNamingTheField() {
        assertThatThrownBy(() -> new BencodeLimits(0, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxDepth must be positive, was 0");
        assertThatThrownBy(() -> BencodeLimits.defaults().withMaxStringLength(-1))
                .hasMessage("maxStringLength must be positive, was -1");
        assertThatThrownBy(() -> BencodeLimits.defaults().withMaxInputSize(0))
                .hasMessage("maxInputSize must be positive, was 0");
        assertThatThrownBy(() -> BencodeLimits.defaults().withMaxElements(Integer.MIN_VALUE))
                .hasMessageStartingWith("maxElements must be positive");
    }

    @Test
    void copyMethodsReplaceOnlyTheirField() {
        BencodeLimits limits = new BencodeLimits(1, 2, 3, 4);

        assertThat(limits.withMaxDepth(10)).isEqualTo(new BencodeLimits(10, 2, 3, 4));
        assertThat(limits.withMaxStringLength(20)).isEqualTo(new BencodeLimits(1, 20, 3, 4));
        assertThat(limits.withMaxInputSize(30)).isEqualTo(new BencodeLimits(1, 2, 30, 4));
        assertThat(limits.withMaxElements(40)).isEqualTo(new BencodeLimits(1, 2, 3, 40));
    }
}
