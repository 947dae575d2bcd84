package io.github.bttracker.internal.bencode;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the bencode decoder (Jazzer): whatever the bytes, it returns a value or throws
 * {@link BencodeException}, never anything else; and what it returns encodes back to bytes that decode to the same
 * value. Without {@code JAZZER_FUZZ} this runs the kept inputs ({@code BencodeDecoderFuzzTestInputs/}) as
 * regression tests; the build's {@code fuzz-*} executions fuzz for a bounded time.
 */
class BencodeDecoderFuzzTest {

    private static final BencodeLimits LIMITS = BencodeLimits.defaults().withMaxInputSize(64 * 1024);

    @FuzzTest(maxDuration = "20s")
    void decodesOrRejectsAnyInput(byte[] input) {
        BencodeValue value;
        try {
            value = BencodeDecoder.decode(input, LIMITS);
        } catch (BencodeException rejected) {
            return;
        }
        byte[] encoded = BencodeEncoder.encode(value);
        try {
            assertThat(BencodeDecoder.decode(encoded, LIMITS.withMaxInputSize(Math.max(1, encoded.length))))
                    .isEqualTo(value);
        } catch (BencodeException e) {
            throw new AssertionError("a decoded value did not survive encoding: " + e.getMessage(), e);
        }
    }
}
