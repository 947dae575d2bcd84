package io.github.bttracker.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BencodeEncoderTest {

    @Test
    void writesStringsIntegersListsAndDictionaries() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("list", List.of("spam", 42L, -7));
        value.put("bytes", new byte[] {0, (byte) 0xff});

        assertThat(latin1(BencodeEncoder.encode(value))).isEqualTo("d5:bytes2:\u0000\u00ff4:listl4:spami42ei-7eee");
    }

    @Test
    void sortsKeysByUnsignedBytesWhateverTheMapOrder() {
        Map<Object, Object> value = new LinkedHashMap<>();
        value.put(new byte[] {(byte) 0xe9}, 1);
        value.put("b", 2);
        value.put("a", 3);

        assertThat(latin1(BencodeEncoder.encode(value))).isEqualTo("d1:ai3e1:bi2e1:\u00e9i1ee");
    }

    @Test
    void writesStringsAsUtf8WithTheirByteLength() {
        assertThat(BencodeEncoder.encode("é")).isEqualTo("2:é".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rejectsTheSameKeyAsStringAndBytes() {
        Map<Object, Object> value = new LinkedHashMap<>();
        value.put("a", 1);
        value.put("a".getBytes(StandardCharsets.UTF_8), 2);

        assertThatThrownBy(() -> BencodeEncoder.encode(value))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("duplicate dictionary key a");
    }

    @Test
    void rejectsAListThatContainsItself() {
        List<Object> list = new ArrayList<>();
        list.add(list);

        assertThatThrownBy(() -> BencodeEncoder.encode(list))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contains itself");
    }

    @Test
    void rejectsNullAndOtherTypesNamingThem() {
        assertThatThrownBy(() -> BencodeEncoder.encode(1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("cannot bencode java.lang.Double");
        assertThatThrownBy(() -> BencodeEncoder.encode(List.of(Map.of(1, 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot use java.lang.Integer as a bencode dictionary key");
        assertThatThrownBy(() -> BencodeEncoder.encode(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("cannot bencode null");
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
