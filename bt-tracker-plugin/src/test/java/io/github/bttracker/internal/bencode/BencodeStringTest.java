package io.github.bttracker.internal.bencode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Content semantics, text views, ordering and description of {@link BencodeString}. */
class BencodeStringTest {

    @Test
    void copiesBytesOnTheWayInAndOut() {
        byte[] source = {1, 2, 3};
        BencodeString string = BencodeString.of(source);

        source[0] = 9;
        string.bytes()[1] = 9;

        assertThat(string.bytes()).containsExactly(1, 2, 3);
        assertThat(string.length()).isEqualTo(3);
    }

    @Test
    void hashesByContentOnFirstUseIncludingAHashOfZero() {
        // Arrays.hashCode of the single byte -31 is 31 * 1 + -31 = 0: the case a lazily computed hash must not
        // mistake for "not computed yet" into a wrong answer
        BencodeString zero = BencodeString.of(new byte[] {-31});
        BencodeString same = BencodeString.of(new byte[] {-31});

        assertThat(zero.hashCode()).isZero();
        assertThat(zero.hashCode()).isZero();
        assertThat(zero).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(BencodeString.of(new byte[] {-30}));
        assertThat(BencodeString.of("interval").hashCode()).isEqualTo(java.util.Arrays.hashCode("interval".getBytes(
                java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void encodesTextAsUtf8() {
        assertThat(BencodeString.of("ü").bytes()).containsExactly(0xc3, 0xbc);
    }

    @Test
    void replacesMalformedUtf8InsteadOfThrowing() {
        BencodeString malformed = BencodeString.of(new byte[] {'o', 'k', (byte) 0xc3, (byte) 0xff});

        assertThat(malformed.utf8()).startsWith("ok").contains("\uFFFD");
    }

    @Test
    void mapsEveryByteToOneCharacterInLatin1() {
        BencodeString binary = BencodeString.of(new byte[] {0, (byte) 0x80, (byte) 0xff});

        assertThat(binary.latin1()).isEqualTo("\u0000\u0080\u00ff");
    }

    @Test
    void comparesByUnsignedByteOrder() {
        BencodeString low = BencodeString.of(new byte[] {0x01});
        BencodeString high = BencodeString.of(new byte[] {(byte) 0xff});
        BencodeString prefix = BencodeString.of("a");
        BencodeString longer = BencodeString.of("ab");

        assertThat(low).isLessThan(high);
        assertThat(prefix).isLessThan(longer);
        assertThat(BencodeString.of("a").compareTo(prefix)).isZero();
        List<BencodeString> keys = new ArrayList<>(List.of(high, longer, low, prefix));
        keys.sort(null);
        assertThat(keys).containsExactly(low, prefix, longer, high);
    }

    @Test
    void isEqualByContent() {
        BencodeString fromText = BencodeString.of("peers");
        BencodeString fromBytes = BencodeString.of(new byte[] {'p', 'e', 'e', 'r', 's'});

        assertThat(fromText).isEqualTo(fromBytes).hasSameHashCodeAs(fromBytes);
        assertThat(fromText).isNotEqualTo(BencodeString.of("peer"));
    }

    @Test
    void describesPrintableTextQuotedAndBinaryAsHex() {
        assertThat(BencodeString.of("announce")).hasToString("\"announce\"");
        assertThat(BencodeString.of("grüße")).hasToString("\"grüße\"");
        assertThat(BencodeString.of(new byte[] {0, (byte) 0xff, 0x10})).hasToString("hex:00ff10");
        assertThat(BencodeString.of("line\n")).hasToString("hex:6c696e650a");
    }

    @Test
    void abbreviatesLongContentInItsDescription() {
        assertThat(BencodeString.of("x".repeat(100))).hasToString("\"" + "x".repeat(64) + "\"... (100 bytes)");
        assertThat(BencodeString.of(new byte[1000]).toString()).endsWith("... (1000 bytes)").hasSize(4 + 128 + 16);
    }
}
