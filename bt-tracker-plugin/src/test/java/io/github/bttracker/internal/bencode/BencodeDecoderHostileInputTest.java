package io.github.bttracker.internal.bencode;

import static io.github.bttracker.internal.bencode.BencodeTestSupport.bytes;
import static io.github.bttracker.internal.bencode.BencodeTestSupport.concat;
import static io.github.bttracker.internal.bencode.BencodeTestSupport.decodeFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Input crafted to break a decoder: deep nesting, absurd declared lengths, truncation, random bytes, and documents
 * beyond the limits. Each must end in a {@link BencodeException}, quickly, and never in any other throwable.
 */
class BencodeDecoderHostileInputTest {

    private static final Duration QUICKLY = Duration.ofSeconds(5);
    private static final byte[] BENCODE_CHARACTERS = bytes("ilde0123456789:-");
    private static final byte[] SEED_DOCUMENT = bytes("d1:ai-12e1:bl2:xyi0ee1:cd1:d0:ee");

    @Test
    void rejectsNestingOneHundredThousandDeepQuickly() {
        byte[] input = bytes("l".repeat(100_000));

        BencodeException error = assertTimeoutPreemptively(QUICKLY, () -> decodeFailure(input));

        assertThat(error.offset()).isEqualTo(32);
        assertThat(error).hasMessage("nesting deeper than 32 at offset 32");
    }

    @Test
    void acceptsNestingExactlyAtTheDepthLimit() throws BencodeException {
        BencodeValue value = BencodeDecoder.decode(bytes("l".repeat(32) + "e".repeat(32)));

        assertThat(value).isInstanceOf(BencodeList.class);
        assertThat(decodeFailure("l".repeat(33) + "e".repeat(33)).offset()).isEqualTo(32);
    }

    @Test
    void countsDictionariesTowardsTheDepthLimit() {
        BencodeLimits limits = BencodeLimits.defaults().withMaxDepth(2);

        assertThat(decodeFailure(bytes("d1:ad1:bleee"), limits)).hasMessage("nesting deeper than 2 at offset 8");
    }

    @Test
    void decodesAndEncodesVeryDeepNestingWithoutStackOverflowWhenTheLimitAllowsIt() throws BencodeException {
        byte[] input = bytes("l".repeat(100_000) + "e".repeat(100_000));
        BencodeLimits limits = BencodeLimits.defaults().withMaxDepth(100_000);

        BencodeValue value = BencodeDecoder.decode(input, limits);

        assertThat(BencodeEncoder.encode(value)).isEqualTo(input);
    }

    @Test
    void rejectsADeclaredStringLengthOfTwoToTheSixtySecondBeforeAllocating() {
        BencodeException error = decodeFailure("4611686018427387904:abc");

        assertThat(error.offset()).isZero();
        assertThat(error)
                .hasMessage("string length 4611686018427387904 at offset 0 exceeds the limit of 1048576 bytes");
    }

    @Test
    void rejectsTwentyDigitStringLengths() {
        assertThat(decodeFailure("99999999999999999999:abc"))
                .hasMessage("string length 99999999999999999999 at offset 0 exceeds the limit of 1048576 bytes");
        assertThat(decodeFailure("l99999999999999999999"))
                .hasMessage("unexpected end of input at offset 21 (inside a string length)");
    }

    @Test
    void rejectsAStringLengthOfAHundredThousandDigitsWithAShortMessage() {
        BencodeException error = decodeFailure("9".repeat(100_000) + ":");

        assertThat(error.offset()).isZero();
        assertThat(error.getMessage())
                .startsWith("string length 999999999999999999999999... (100000 digits) at offset 0")
                .hasSizeLessThan(200);
    }

    @Test
    void rejectsADeclaredLengthWithinTheLimitButBeyondTheInput() {
        BencodeException error = decodeFailure("1000000:abc");

        assertThat(error.offset()).isEqualTo(11);
        assertThat(error).hasMessage(
                "unexpected end of input at offset 11 (string at offset 0 declares 1000000 bytes, 3 remain)");
    }

    @Test
    void rejectsIntegerOverflowWithThousandsOfDigits() {
        BencodeException error = decodeFailure("li1ei" + "7".repeat(5_000) + "ee");

        assertThat(error.offset()).isEqualTo(4);
        assertThat(error).hasMessage("integer at offset 4 does not fit in a signed 64-bit long");
    }

    @Test
    void rejectsEveryTruncationOfAValidDocumentAtItsEnd() throws BencodeException {
        byte[] document = concat(bytes("d8:completei5e10:downloadedi-12e5:filesd20:"), new byte[20],
                bytes("d8:completei1eee8:intervali1800e5:peers6:"), new byte[] {(byte) 0xc0, (byte) 0xa8, 0, 1,
                    0x1a, (byte) 0xe1}, bytes("5:xlistll9:127.0.0.1i6881eeee"));
        BencodeDecoder.decode(document);

        for (int length = 0; length < document.length; length++) {
            BencodeException error = decodeFailure(Arrays.copyOf(document, length));

            assertThat(error.offset()).as("offset for prefix of %d bytes", length).isEqualTo(length);
            assertThat(error.getMessage()).startsWith("unexpected end of input at offset " + length + " (");
        }
    }

    @Test
    void neverThrowsAnythingButBencodeExceptionOnRandomInput() {
        Random random = new Random(20_240_601L);
        int decoded = 0;
        for (int iteration = 0; iteration < 20_000; iteration++) {
            byte[] input = switch (iteration % 3) {
                case 0 -> randomBytes(random);
                case 1 -> randomBencodeCharacters(random);
                default -> mutatedDocument(random);
            };
            decoded += decodesToARoundTrippableValueOrFailsCleanly(input) ? 1 : 0;
        }

        // Mutations of a valid document are often still valid; without any, the round trip above proved nothing.
        assertThat(decoded).isGreaterThan(100);
    }

    private static byte[] randomBytes(Random random) {
        byte[] input = new byte[random.nextInt(25)];
        random.nextBytes(input);
        return input;
    }

    private static byte[] randomBencodeCharacters(Random random) {
        byte[] input = new byte[random.nextInt(25)];
        for (int i = 0; i < input.length; i++) {
            input[i] = BENCODE_CHARACTERS[random.nextInt(BENCODE_CHARACTERS.length)];
        }
        return input;
    }

    /** Replaces, deletes or inserts one to three bytes of a small valid document. */
    private static byte[] mutatedDocument(Random random) {
        byte[] input = SEED_DOCUMENT.clone();
        for (int mutations = 1 + random.nextInt(3); mutations > 0; mutations--) {
            int position = random.nextInt(input.length);
            byte replacement = BENCODE_CHARACTERS[random.nextInt(BENCODE_CHARACTERS.length)];
            input = switch (random.nextInt(3)) {
                case 0 -> replaceByte(input, position, replacement);
                case 1 -> concat(Arrays.copyOf(input, position), Arrays.copyOfRange(input, position + 1,
                        input.length));
                default -> concat(Arrays.copyOf(input, position), new byte[] {replacement},
                        Arrays.copyOfRange(input, position, input.length));
            };
        }
        return input;
    }

    private static byte[] replaceByte(byte[] input, int position, byte replacement) {
        byte[] copy = input.clone();
        copy[position] = replacement;
        return copy;
    }

    /** Returns whether the input decoded; any throwable other than BencodeException escapes and fails the test. */
    private static boolean decodesToARoundTrippableValueOrFailsCleanly(byte[] input) {
        BencodeLimits limits = BencodeLimits.defaults().withMaxDepth(4).withMaxStringLength(8);
        try {
            BencodeValue value = BencodeDecoder.decode(input, limits);
            assertThat(BencodeDecoder.decode(BencodeEncoder.encode(value), limits)).isEqualTo(value);
            return true;
        } catch (BencodeException expected) {
            return false;
        }
    }

    @Test
    void rejectsAListOfMoreElementsThanAllowed() {
        byte[] input = bytes("l" + "i0e".repeat(300_000) + "e");

        BencodeException error = assertTimeoutPreemptively(QUICKLY, () -> decodeFailure(input));

        // The list itself is element 1, so the 250,000th integer is the first one too many.
        int offsetOfFirstExcessElement = 1 + 249_999 * 3;
        assertThat(error.offset()).isEqualTo(offsetOfFirstExcessElement);
        assertThat(error).hasMessage("more than 250000 elements at offset " + offsetOfFirstExcessElement);
    }

    @Test
    void countsDictionaryKeysAsElements() throws BencodeException {
        BencodeDecoder.decode(bytes("d1:ai1ee"), BencodeLimits.defaults().withMaxElements(3));

        BencodeException error = decodeFailure(bytes("d1:ai1ee"), BencodeLimits.defaults().withMaxElements(2));

        assertThat(error).hasMessage("more than 2 elements at offset 4");
    }

    @Test
    void rejectsInputLargerThanTheSizeLimitUpFront() {
        byte[] input = new byte[1_048_577];

        BencodeException error = decodeFailure(input);

        assertThat(error.offset()).isEqualTo(1_048_576);
        assertThat(error).hasMessage("input of 1048577 bytes exceeds the limit of 1048576 bytes at offset 1048576");
    }

    @Test
    void acceptsInputExactlyAtTheSizeLimit() throws BencodeException {
        BencodeLimits limits = BencodeLimits.defaults().withMaxInputSize(6);

        assertThat(BencodeDecoder.decode(bytes("4:spam"), limits)).isEqualTo(BencodeString.of("spam"));
        assertThat(decodeFailure(bytes("i12345e"), limits).offset()).isEqualTo(6);
    }
}
