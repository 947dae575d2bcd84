package io.github.bttracker.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AnnounceRequestTest {

    private static final InfoHash HASH = InfoHash.fromHex("0123456789abcdef0123456789abcdef01234567");
    private static final PeerId PEER = PeerId.fromHex("00112233445566778899aabbccddeeff00112233");

    @Test
    void leftIsUnknownUntilSet() {
        AnnounceRequest request = AnnounceRequest.builder(HASH, PEER, 6881).build();
        assertThat(request.left()).isEmpty();
        assertThat(request.event()).isEqualTo(AnnounceEvent.NONE);
        assertThat(request.numWant()).isEqualTo(AnnounceRequest.DEFAULT_NUM_WANT);
        assertThat(request.toBuilder().left(0).build().left()).hasValue(0);
    }

    @Test
    void toBuilderKeepsEveryField() {
        AnnounceRequest request = AnnounceRequest.builder(HASH, PEER, 6881).event(AnnounceEvent.STARTED)
                .uploaded(1).downloaded(2).left(3).numWant(4).key(5).trackerId("id")
                .customParameter("a", "b").build();
        AnnounceRequest copy = request.toBuilder().build();
        assertThat(copy).usingRecursiveComparison().isEqualTo(request);
    }

    @Test
    void rejectsNegativeCountersAndBadPorts() {
        assertThatThrownBy(() -> AnnounceRequest.builder(HASH, PEER, 70000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> AnnounceRequest.builder(HASH, PEER, 1).uploaded(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uploaded");
    }

    @Test
    void customParametersAreImmutable() {
        AnnounceRequest request = AnnounceRequest.builder(HASH, PEER, 1).customParameter("a", "b").build();
        assertThatThrownBy(() -> request.customParameters().put("c", "d"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
