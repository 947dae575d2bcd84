package io.github.bttracker.internal.bencode;

import static io.github.bttracker.internal.bencode.BencodeTestSupport.bytes;
import static io.github.bttracker.internal.bencode.BencodeTestSupport.concat;
import static io.github.bttracker.internal.bencode.BencodeTestSupport.decode;
import static io.github.bttracker.internal.bencode.BencodeTestSupport.decodeFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Decoding of well-formed documents and enforcement of the strict syntax rules. */
class BencodeDecoderTest {

    private static final byte[] COMPACT_PEERS = {
        (byte) 192, (byte) 168, 0, 1, 0x1a, (byte) 0xe1, // 192.168.0.1:6881
        10, 0, 0, (byte) 255, (byte) 0xff, (byte) 0xff // 10.0.0.255:65535
    };

    // --- each type ---

    @Test
    void decodesPositiveNegativeAndZeroIntegers() throws BencodeException {
        assertThat(decode("i42e")).isEqualTo(new BencodeInteger(42));
        assertThat(decode("i-42e")).isEqualTo(new BencodeInteger(-42));
        assertThat(decode("i0e")).isEqualTo(new BencodeInteger(0));
    }

    @Test
    void decodesTheExtremesOfSignedLong() throws BencodeException {
        assertThat(decode("i9223372036854775807e")).isEqualTo(new BencodeInteger(Long.MAX_VALUE));
        assertThat(decode("i-9223372036854775808e")).isEqualTo(new BencodeInteger(Long.MIN_VALUE));
    }

    @Test
    void decodesStrings() throws BencodeException {
        assertThat(decode("4:spam")).isEqualTo(BencodeString.of("spam"));
        assertThat(decode("0:")).isEqualTo(BencodeString.of(""));
    }

    @Test
    void decodesStringsContainingDelimiterCharactersAsPlainBytes() throws BencodeException {
        assertThat(decode("5:i1e:e")).isEqualTo(BencodeString.of("i1e:e"));
    }

    @Test
    void decodesLists() throws BencodeException {
        assertThat(decode("l4:spami7ee"))
                .isEqualTo(new BencodeList(List.of(BencodeString.of("spam"), new BencodeInteger(7))));
        assertThat(decode("le")).isEqualTo(new BencodeList(List.of()));
    }

    @Test
    void decodesDictionaries() throws BencodeException {
        BencodeDictionary dictionary = (BencodeDictionary) decode("d3:cow3:moo4:spami4ee");

        assertThat(dictionary.getString("cow")).contains(BencodeString.of("moo"));
        assertThat(dictionary.getLong("spam")).contains(4L);
        assertThat(decode("de")).isEqualTo(BencodeDictionary.of(Map.of()));
    }

    @Test
    void decodesNestedStructures() throws BencodeException {
        BencodeDictionary root = (BencodeDictionary) decode("d1:ald1:bli1ei2eeee1:cdee");

        BencodeList outer = root.getList("a").orElseThrow();
        BencodeDictionary inner = (BencodeDictionary) outer.values().get(0);
        assertThat(inner.getList("b").orElseThrow().values())
                .containsExactly(new BencodeInteger(1), new BencodeInteger(2));
        assertThat(root.getDictionary("c").orElseThrow().size()).isZero();
    }

    @Test
    void decodesASliceOfALargerArray() throws BencodeException {
        byte[] buffer = bytes("xxxi42eyyy");

        assertThat(BencodeDecoder.decode(buffer, 3, 4)).isEqualTo(new BencodeInteger(42));
        assertThat(BencodeDecoder.decode(buffer, 3, 4, BencodeLimits.defaults())).isEqualTo(new BencodeInteger(42));
    }

    @Test
    void reportsOffsetsRelativeToTheStartOfASlice() {
        byte[] buffer = bytes("xxxi4xeyyy");

        assertThatThrownBy(() -> BencodeDecoder.decode(buffer, 3, 4))
                .isInstanceOf(BencodeException.class)
                .hasMessage("unexpected byte 'x' at offset 2 inside an integer");
    }

    @Test
    void rejectsASliceOutsideTheArrayAsAProgrammingError() {
        assertThatThrownBy(() -> BencodeDecoder.decode(new byte[4], 2, 3))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    // --- realistic tracker documents ---

    @Test
    void decodesACompactAnnounceResponseWithBinaryPeers() throws BencodeException {
        byte[] response = concat(
                bytes("d8:completei5e10:incompletei3e8:intervali1800e12:min intervali900e5:peers12:"),
                COMPACT_PEERS, bytes("e"));

        BencodeDictionary dictionary = (BencodeDictionary) BencodeDecoder.decode(response);

        assertThat(dictionary.getLong("interval")).contains(1800L);
        assertThat(dictionary.getLong("min interval")).contains(900L);
        assertThat(dictionary.getLong("complete")).contains(5L);
        assertThat(dictionary.getLong("incomplete")).contains(3L);
        assertThat(dictionary.getString("peers").orElseThrow().bytes()).containsExactly(COMPACT_PEERS);
        assertThat(dictionary.containsKey("failure reason")).isFalse();
    }

    @Test
    void decodesAScrapeResponseKeyedByRawInfoHashes() throws BencodeException {
        byte[] firstHash = new byte[20];
        byte[] secondHash = new byte[20];
        for (int i = 0; i < 20; i++) {
            firstHash[i] = (byte) i;
            secondHash[i] = (byte) (0xff - i);
        }
        byte[] response = concat(bytes("d5:filesd20:"), firstHash,
                bytes("d8:completei2e10:downloadedi10e10:incompletei1ee20:"), secondHash,
                bytes("d8:completei0e10:downloadedi0e10:incompletei7eeee"));

        BencodeDictionary files = ((BencodeDictionary) BencodeDecoder.decode(response)).getDictionary("files")
                .orElseThrow();

        assertThat(files.entries().keySet())
                .containsExactly(BencodeString.of(firstHash), BencodeString.of(secondHash));
        BencodeDictionary second = (BencodeDictionary) files.entries().get(BencodeString.of(secondHash));
        assertThat(second.getLong("incomplete")).contains(7L);
        assertThat(second.getLong("downloaded")).contains(0L);
    }

    @Test
    void decodesAFailureResponseWithUtf8Text() throws BencodeException {
        byte[] reason = "Torrent nicht registriert – ungültig".getBytes(StandardCharsets.UTF_8);
        byte[] response = concat(bytes("d14:failure reason" + reason.length + ":"), reason, bytes("e"));

        BencodeDictionary dictionary = (BencodeDictionary) BencodeDecoder.decode(response);

        assertThat(dictionary.getString("failure reason").orElseThrow().utf8())
                .isEqualTo("Torrent nicht registriert – ungültig");
    }

    // --- integers ---

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"i03e", "i00e", "i-03e", "i-00e"})
    void rejectsLeadingZerosInIntegers(String input) {
        BencodeException error = decodeFailure(input);

        assertThat(error.offset()).isZero();
        assertThat(error).hasMessage("integer at offset 0 has a leading zero");
    }

    @Test
    void rejectsNegativeZero() {
        assertThat(decodeFailure("i-0e")).hasMessage("integer at offset 0 is negative zero");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ie", "i-e"})
    void rejectsIntegersWithoutDigits(String input) {
        assertThat(decodeFailure(input)).hasMessage("integer at offset 0 has no digits");
    }

    @ParameterizedTest(name = "{0} -> offset {1}")
    @CsvSource(delimiter = '|', value = {
        "i+5e   | 1 | +",
        "i 5e   | 1 | ' '",
        "i5 e   | 2 | ' '",
        "i1.5e  | 2 | .",
        "i--5e  | 2 | -",
        "i5-e   | 2 | -",
        "i0x1fe | 2 | x"})
    void rejectsSignsSpacesAndOtherBytesInIntegers(String input, int offset, String offendingByte) {
        BencodeException error = decodeFailure(input);

        assertThat(error.offset()).isEqualTo(offset);
        assertThat(error)
                .hasMessage("unexpected byte '" + offendingByte + "' at offset " + offset + " inside an integer");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"i9223372036854775808e", "i-9223372036854775809e", "i18446744073709551616e",
        "i99999999999999999999999999999999999999e"})
    void rejectsIntegersThatOverflowALong(String input) {
        assertThat(decodeFailure(input)).hasMessage("integer at offset 0 does not fit in a signed 64-bit long");
    }

    @Test
    void reportsTheOffsetOfAnInvalidIntegerInsideAList() {
        BencodeException error = decodeFailure("li1ei03ee");

        assertThat(error.offset()).isEqualTo(4);
        assertThat(error).hasMessage("integer at offset 4 has a leading zero");
    }

    // --- strings ---

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"03:abc", "00:", "01:a"})
    void rejectsLeadingZerosInStringLengths(String input) {
        assertThat(decodeFailure(input)).hasMessage("string length at offset 0 has a leading zero");
    }

    @Test
    void rejectsAStringLengthWithoutColon() {
        BencodeException error = decodeFailure("l4:spam4spame");

        assertThat(error.offset()).isEqualTo(8);
        assertThat(error).hasMessage("expected ':' after string length at offset 8");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-1:a", "+1:a", " 1:a", ":a"})
    void rejectsStringLengthsThatDoNotStartWithADigit(String input) {
        BencodeException error = decodeFailure(input);

        assertThat(error.offset()).isZero();
        assertThat(error.getMessage())
                .startsWith("unexpected byte ")
                .endsWith(" at offset 0 where a value should start");
    }

    @Test
    void rejectsAStringShorterThanDeclared() {
        BencodeException error = decodeFailure("l5:spam");

        assertThat(error.offset()).isEqualTo(7);
        assertThat(error)
                .hasMessage("unexpected end of input at offset 7 (string at offset 1 declares 5 bytes, 4 remain)");
    }

    @Test
    void enforcesTheStringLengthLimit() throws BencodeException {
        BencodeLimits limits = BencodeLimits.defaults().withMaxStringLength(4);

        assertThat(BencodeDecoder.decode(bytes("4:spam"), limits)).isEqualTo(BencodeString.of("spam"));
        assertThat(decodeFailure(bytes("li1e5:hello"), limits))
                .hasMessage("string length 5 at offset 4 exceeds the limit of 4 bytes");
    }

    // --- dictionaries ---

    @Test
    void rejectsNonStringDictionaryKeysWithoutReadingThem() {
        assertThat(decodeFailure("di1ei2ee")).hasMessage("dictionary key at offset 1 is not a string");
        assertThat(decodeFailure("dli1eei2ee").offset()).isEqualTo(1);
        assertThat(decodeFailure("d1:ai1edeee").offset()).isEqualTo(7);
    }

    @Test
    void rejectsDuplicateDictionaryKeys() {
        BencodeException error = decodeFailure("d1:ai1e1:bi2e1:ai3ee");

        assertThat(error.offset()).isEqualTo(13);
        assertThat(error).hasMessage("duplicate dictionary key \"a\" at offset 13");
    }

    @Test
    void acceptsUnsortedDictionaryKeysAndKeepsTheirOrder() throws BencodeException {
        BencodeDictionary dictionary = (BencodeDictionary) decode("d1:bi1e1:ai2e1:ci3ee");

        assertThat(dictionary.entries().keySet()).containsExactly(
                BencodeString.of("b"), BencodeString.of("a"), BencodeString.of("c"));
    }

    @Test
    void rejectsADictionaryKeyWithoutValue() {
        BencodeException error = decodeFailure("d1:ai1e1:be");

        assertThat(error.offset()).isEqualTo(10);
        assertThat(error).hasMessage("missing value for dictionary key \"b\" at offset 10");
    }

    // --- document structure ---

    @Test
    void rejectsEmptyInput() {
        BencodeException error = decodeFailure("");

        assertThat(error.offset()).isZero();
        assertThat(error).hasMessage("unexpected end of input at offset 0 (expected a value)");
    }

    @ParameterizedTest(name = "{0} -> offset {1}")
    @CsvSource({"i1ei2e, 3", "4:spamx, 6", "lee, 2", "de0:, 2"})
    void rejectsTrailingDataAfterTheValue(String input, int offset) {
        BencodeException error = decodeFailure(input);

        assertThat(error.offset()).isEqualTo(offset);
        assertThat(error).hasMessage("trailing data at offset " + offset + " after the value");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "e", "\u0000", "\u00ff"})
    void rejectsBytesThatCannotStartAValue(String input) {
        BencodeException error = decodeFailure(input);

        assertThat(error.offset()).isZero();
        assertThat(error.getMessage())
                .startsWith("unexpected byte ")
                .endsWith(" at offset 0 where a value should start");
    }

    @Test
    void showsNonPrintableBytesInHex() {
        assertThat(decodeFailure("l\u00ffe")).hasMessage("unexpected byte 0xff at offset 1 where a value should start");
    }

    @Test
    void reportsOffsetOfTruncation() {
        assertThat(decodeFailure("ld1:ai1e")).hasMessage("unexpected end of input at offset 8 (inside a dictionary)");
        assertThat(decodeFailure("li1ei2e")).hasMessage("unexpected end of input at offset 7 (inside a list)");
        assertThat(decodeFailure("li12")).hasMessage("unexpected end of input at offset 4 (inside an integer)");
        assertThat(decodeFailure("l12")).hasMessage("unexpected end of input at offset 3 (inside a string length)");
        assertThat(decodeFailure("d1:a").offset()).isEqualTo(4);
    }
}
