package io.github.bttracker.internal.bencode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Immutability of {@link BencodeList} and the value semantics of the record types. */
class BencodeListTest {

    @Test
    void copiesTheElementsDefensively() {
        List<BencodeValue> source = new ArrayList<>(List.of(new BencodeInteger(1)));
        BencodeList list = new BencodeList(source);

        source.add(new BencodeInteger(2));

        assertThat(list.values()).containsExactly(new BencodeInteger(1));
    }

    @Test
    void elementsCannotBeModified() {
        BencodeList list = new BencodeList(List.of(new BencodeInteger(1)));

        assertThatThrownBy(() -> list.values().add(new BencodeInteger(2)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsNullElements() {
        assertThatThrownBy(() -> new BencodeList(Arrays.asList(new BencodeInteger(1), null)))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void listsAndIntegersAreEqualByValue() {
        assertThat(new BencodeList(List.of(BencodeString.of("a"))))
                .isEqualTo(new BencodeList(List.of(BencodeString.of("a"))));
        assertThat(new BencodeInteger(5)).isEqualTo(new BencodeInteger(5)).hasToString("i5e");
    }
}
