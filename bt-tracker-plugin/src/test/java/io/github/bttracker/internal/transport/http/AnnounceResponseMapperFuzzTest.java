package io.github.bttracker.internal.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.TrackerException;
import io.github.bttracker.internal.bencode.BencodeLimits;

/**
 * Coverage-guided fuzzing of the HTTP announce response mapper (Jazzer): any body gives an {@link AnnounceResponse}
 * or a {@link TrackerException} naming the tracker, never another exception; a success has sane numbers.
 */
class AnnounceResponseMapperFuzzTest {

    private static final String URL = "http://tracker.example/announce";
    private static final BencodeLimits LIMITS = BencodeLimits.defaults().withMaxInputSize(64 * 1024);

    @FuzzTest(maxDuration = "20s")
    void mapsOrRejectsAnyBody(byte[] body) {
        AnnounceResponse response;
        try {
            response = AnnounceResponseMapper.map(URL, body, LIMITS);
        } catch (TrackerException rejected) {
            assertThat(rejected.getMessage()).startsWith(URL + ": ");
            return;
        }
        assertThat(response.trackerUrl()).isEqualTo(URL);
        response.interval().ifPresent(d -> assertThat(d.isNegative()).isFalse());
        response.minInterval().ifPresent(d -> assertThat(d.isNegative()).isFalse());
        response.complete().ifPresent(n -> assertThat(n).isNotNegative());
        response.incomplete().ifPresent(n -> assertThat(n).isNotNegative());
        response.peers().forEach(p -> assertThat(p.port()).isBetween(0, 65535));
    }
}
