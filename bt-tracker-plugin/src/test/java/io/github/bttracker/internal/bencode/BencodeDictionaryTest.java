package io.github.bttracker.internal.bencode;

import static io.github.bttracker.internal.bencode.BencodeTestSupport.decode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lookups, typed getters and immutability of {@link BencodeDictionary}. */
class BencodeDictionaryTest {

    private static BencodeDictionary response() throws BencodeException {
        return (BencodeDictionary) decode("d8:intervali1800e5:peers6:abcdef5:filesde4:listli1ee"
                + "12:bad interval2:60e");
    }

    @Test
    void looksUpAnyNumberOfDistinctKeysBeyondTheKeysItCaches() {
        Map<BencodeString, BencodeValue> entries = new HashMap<>();
        for (int i = 0; i < 600; i++) {
            entries.put(BencodeString.of("key " + i), new BencodeInteger(i));
        }
        BencodeDictionary dictionary = BencodeDictionary.of(entries);

        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 600; i++) {
                assertThat(dictionary.getLong("key " + i)).contains((long) i);
                assertThat(dictionary.containsKey("key " + i)).isTrue();
            }
        }
        assertThat(dictionary.get("key 600")).isEmpty();
    }

    @Test
    void typedGettersReturnValuesOfTheRightType() throws BencodeException {
        BencodeDictionary response = response();

        assertThat(response.getLong("interval")).contains(1800L);
        assertThat(response.getString("peers")).contains(BencodeString.of("abcdef"));
        assertThat(response.getDictionary("files")).contains(BencodeDictionary.of(Map.of()));
        assertThat(response.getList("list")).contains(new BencodeList(List.of(new BencodeInteger(1))));
    }

    @Test
    void typedGettersReturnEmptyForMissingKeys() throws BencodeException {
        BencodeDictionary response = response();

        assertThat(response.getLong("missing")).isEmpty();
        assertThat(response.getString("missing")).isEmpty();
        assertThat(response.getList("missing")).isEmpty();
        assertThat(response.getDictionary("missing")).isEmpty();
        assertThat(response.get("missing")).isEmpty();
    }

    @Test
    void typedGetterThrowsTypeExceptionNamingKeyAndBothTypes() throws BencodeException {
        BencodeDictionary response = response();

        assertThatThrownBy(() -> response.getLong("bad interval"))
                .isInstanceOf(BencodeTypeException.class)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("'bad interval' is a string, expected an integer");
        assertThatThrownBy(() -> response.getString("interval"))
                .isInstanceOf(BencodeTypeException.class)
                .hasMessage("'interval' is an integer, expected a string");
        assertThatThrownBy(() -> response.getList("files"))
                .isInstanceOf(BencodeTypeException.class)
                .hasMessage("'files' is a dictionary, expected a list");
        assertThatThrownBy(() -> response.getDictionary("list"))
                .isInstanceOf(BencodeTypeException.class)
                .hasMessage("'list' is a list, expected a dictionary");
    }

    @Test
    void looksUpKeysByTheirUtf8Bytes() throws BencodeException {
        BencodeDictionary dictionary = (BencodeDictionary) decode("d2:\u00c3\u00bci1ee");

        assertThat(dictionary.containsKey("ü")).isTrue();
        assertThat(dictionary.get("ü")).contains(new BencodeInteger(1));
        assertThat(dictionary.containsKey("u")).isFalse();
    }

    @Test
    void reportsSizeAndContainedKeys() throws BencodeException {
        BencodeDictionary response = response();

        assertThat(response.size()).isEqualTo(5);
        assertThat(response.containsKey("peers")).isTrue();
        assertThat(response.containsKey("peer")).isFalse();
    }

    @Test
    void entriesCannotBeModified() throws BencodeException {
        BencodeDictionary response = response();

        assertThatThrownBy(() -> response.entries().put(BencodeString.of("x"), new BencodeInteger(1)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void factoryCopiesTheMapAndKeepsItsOrder() {
        Map<BencodeString, BencodeValue> source = new LinkedHashMap<>();
        source.put(BencodeString.of("z"), new BencodeInteger(1));
        source.put(BencodeString.of("a"), new BencodeInteger(2));

        BencodeDictionary dictionary = BencodeDictionary.of(source);
        source.put(BencodeString.of("m"), new BencodeInteger(3));

        assertThat(dictionary.entries().keySet()).containsExactly(BencodeString.of("z"), BencodeString.of("a"));
    }

    @Test
    void factoryRejectsNullKeysAndValues() {
        Map<BencodeString, BencodeValue> nullKey = new HashMap<>();
        nullKey.put(null, new BencodeInteger(1));
        Map<BencodeString, BencodeValue> nullValue = new HashMap<>();
        nullValue.put(BencodeString.of("a"), null);

        assertThatThrownBy(() -> BencodeDictionary.of(nullKey)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> BencodeDictionary.of(nullValue)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void equalityIgnoresEntryOrder() throws BencodeException {
        BencodeValue sorted = decode("d1:ai1e1:bi2ee");
        BencodeValue unsorted = decode("d1:bi2e1:ai1ee");

        assertThat(unsorted).isEqualTo(sorted).hasSameHashCodeAs(sorted);
        assertThat(decode("d1:ai1ee")).isNotEqualTo(sorted);
    }
}
