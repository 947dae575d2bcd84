package io.github.bttracker.internal.bencode;

import static io.github.bttracker.internal.bencode.BencodeTestSupport.bytes;
import static io.github.bttracker.internal.bencode.BencodeTestSupport.decode;
import static io.github.bttracker.internal.bencode.BencodeTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Encoding of bencode values and plain Java values, and round trips through the decoder. */
class BencodeEncoderTest {

    @Test
    void encodesIntegers() {
        assertThat(text(BencodeEncoder.encode(new BencodeInteger(42)))).isEqualTo("i42e");
        assertThat(text(BencodeEncoder.encode(new BencodeInteger(0)))).isEqualTo("i0e");
        assertThat(text(BencodeEncoder.encode(new BencodeInteger(Long.MIN_VALUE))))
                .isEqualTo("i-9223372036854775808e");
    }

    @Test
    void encodesAllIntegralJavaNumberTypes() {
        assertThat(text(BencodeEncoder.encode((Object) 7))).isEqualTo("i7e");
        assertThat(text(BencodeEncoder.encode((Object) (-7L)))).isEqualTo("i-7e");
        assertThat(text(BencodeEncoder.encode((Object) (short) 300))).isEqualTo("i300e");
        assertThat(text(BencodeEncoder.encode((Object) (byte) -1))).isEqualTo("i-1e");
    }

    @Test
    void encodesJavaStringsAsUtf8() {
        assertThat(BencodeEncoder.encode((Object) "spam")).isEqualTo(bytes("4:spam"));
        assertThat(BencodeEncoder.encode((Object) "ü")).isEqualTo(bytes("2:\u00c3\u00bc"));
        assertThat(BencodeEncoder.encode((Object) "")).isEqualTo(bytes("0:"));
    }

    @Test
    void encodesByteArraysVerbatim() {
        byte[] binary = {0, (byte) 0x80, (byte) 0xff, ':', 'e'};

        assertThat(BencodeEncoder.encode((Object) binary)).isEqualTo(bytes("5:\u0000\u0080\u00ff:e"));
    }

    @Test
    void encodesNestedListsAndMaps() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("port", 6881);
        inner.put("ip", "10.0.0.1");

        byte[] encoded = BencodeEncoder.encode((Object) List.of(List.of(), inner, List.of(1, "x")));

        assertThat(text(encoded)).isEqualTo("lled2:ip8:10.0.0.14:porti6881eeli1e1:xee");
    }

    @Test
    void sortsDictionaryKeysByUnsignedRawBytes() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(new byte[] {(byte) 0xff}, 1);
        map.put("a", 2);
        map.put(new byte[] {0x01}, 3);
        map.put(BencodeString.of("B"), 4);

        // A signed comparison would put 0xff (-1) first; BEP 3 wants it last.
        assertThat(text(BencodeEncoder.encode(map))).isEqualTo("d1:\u0001i3e1:Bi4e1:ai2e1:\u00ffi1ee");
    }

    @Test
    void sortsKeysThatArePrefixesOfOtherKeysFirst() {
        Map<String, Object> map = new HashMap<>();
        map.put("ab", 1);
        map.put("a", 2);
        map.put("", 3);

        assertThat(text(BencodeEncoder.encode(map))).isEqualTo("d0:i3e1:ai2e2:abi1ee");
    }

    @Test
    void writesDecodedUnsortedDictionariesInSortedOrder() throws BencodeException {
        BencodeValue unsorted = decode("d1:bi1e1:ai2ee");

        assertThat(text(BencodeEncoder.encode(unsorted))).isEqualTo("d1:ai2e1:bi1ee");
    }

    @Test
    void encodesBencodeValuesNestedInJavaCollections() {
        Object value = List.of(new BencodeInteger(1), BencodeString.of("x"), Map.of("k", new BencodeList(List.of())));

        assertThat(text(BencodeEncoder.encode(value))).isEqualTo("li1e1:xd1:kleee");
    }

    @Test
    void encodesABencodeValueTheSameWayThroughEitherOverload() {
        BencodeValue value = BencodeDictionary.of(Map.of(BencodeString.of("a"), new BencodeInteger(1)));

        assertThat(BencodeEncoder.encode((Object) value)).isEqualTo(BencodeEncoder.encode(value));
    }

    @Test
    void roundTripsATrackerResponseThroughTheDecoder() throws BencodeException {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("interval", 1800);
        response.put("min interval", 60L);
        response.put("tracker id", "abc");
        response.put("peers", new byte[] {10, 0, 0, 1, 0x1a, (byte) 0xe1, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff});
        response.put("peers6", new byte[0]);
        response.put("warnings", List.of("slow down", List.of(Map.of())));

        byte[] encoded = BencodeEncoder.encode(response);
        BencodeValue decoded = BencodeDecoder.decode(encoded);

        assertThat(BencodeEncoder.encode(decoded)).isEqualTo(encoded);
        BencodeDictionary dictionary = (BencodeDictionary) decoded;
        assertThat(dictionary.getLong("interval")).contains(1800L);
        assertThat(dictionary.getString("peers").orElseThrow().bytes()).containsExactly((byte[]) response.get("peers"));
    }

    @Test
    void roundTripsDecodedDocumentsByteForByte() throws BencodeException {
        for (String document : List.of("i-1e", "0:", "le", "de", "d1:al0:i0eee", "lli1eeldeee")) {
            assertThat(text(BencodeEncoder.encode(decode(document)))).isEqualTo(document);
        }
    }

    @Test
    void rejectsUnsupportedTypesNamingThem() {
        assertThatThrownBy(() -> BencodeEncoder.encode((Object) 1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot bencode java.lang.Double");
        assertThatThrownBy(() -> BencodeEncoder.encode(List.of(true)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Boolean");
    }

    @Test
    void rejectsNullInsideCollections() {
        assertThatThrownBy(() -> BencodeEncoder.encode(Arrays.asList(1, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot bencode null");
        assertThatThrownBy(() -> BencodeEncoder.encode((Object) null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsUnsupportedKeyTypesNamingThem() {
        assertThatThrownBy(() -> BencodeEncoder.encode(Map.of(1, "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot use java.lang.Integer as a bencode dictionary key");
    }

    @Test
    void rejectsKeysThatAreDistinctInJavaButEqualAsBytes() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("a", 1);
        map.put(new byte[] {'a'}, 2);

        assertThatThrownBy(() -> BencodeEncoder.encode(map))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duplicate dictionary key \"a\"");
    }

    @Test
    void rejectsAListThatContainsItself() {
        List<Object> cyclic = new ArrayList<>();
        cyclic.add(cyclic);

        assertThatThrownBy(() -> BencodeEncoder.encode(cyclic))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot bencode a java.util.ArrayList that contains itself");
    }

    @Test
    void acceptsTheSameListTwiceWhenItIsNotACycle() {
        List<Integer> shared = List.of(1);

        assertThat(text(BencodeEncoder.encode(List.of(shared, shared)))).isEqualTo("lli1eeli1eee");
    }
}
