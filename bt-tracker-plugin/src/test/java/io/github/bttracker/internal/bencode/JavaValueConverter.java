package io.github.bttracker.internal.bencode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Converts plain Java values (strings, byte arrays, integral numbers, lists and maps) into {@link BencodeValue}s,
 * so that tests and the embedded tracker can write responses as ordinary collections.
 */
final class JavaValueConverter {

    /** The lists and maps being converted on the current path, to turn a cycle into a clear error. */
    private final Set<Object> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());

    BencodeValue convert(Object value) {
        if (value instanceof BencodeValue bencodeValue) {
            return bencodeValue;
        }
        if (value instanceof String text) {
            return BencodeString.of(text);
        }
        if (value instanceof byte[] bytes) {
            return BencodeString.of(bytes);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return new BencodeInteger(((Number) value).longValue());
        }
        if (value instanceof List<?> list) {
            return convertContainer(list, () -> convertList(list));
        }
        if (value instanceof Map<?, ?> map) {
            return convertContainer(map, () -> convertMap(map));
        }
        throw new IllegalArgumentException("cannot bencode " + typeName(value));
    }

    private BencodeValue convertContainer(Object container, Supplier<BencodeValue> conversion) {
        if (!inProgress.add(container)) {
            throw new IllegalArgumentException("cannot bencode a " + typeName(container) + " that contains itself");
        }
        BencodeValue converted = conversion.get();
        inProgress.remove(container);
        return converted;
    }

    private BencodeList convertList(List<?> list) {
        List<BencodeValue> values = new ArrayList<>(list.size());
        for (Object element : list) {
            values.add(convert(element));
        }
        return new BencodeList(values);
    }

    private BencodeDictionary convertMap(Map<?, ?> map) {
        LinkedHashMap<BencodeString, BencodeValue> entries = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            BencodeString key = convertKey(entry.getKey());
            // "a" and "a".getBytes() are different Java keys but the same bencode key.
            if (entries.put(key, convert(entry.getValue())) != null) {
                throw new IllegalArgumentException("duplicate dictionary key " + key);
            }
        }
        return new BencodeDictionary(entries);
    }

    private static BencodeString convertKey(Object key) {
        if (key instanceof BencodeString string) {
            return string;
        }
        if (key instanceof String text) {
            return BencodeString.of(text);
        }
        if (key instanceof byte[] bytes) {
            return BencodeString.of(bytes);
        }
        throw new IllegalArgumentException("cannot use " + typeName(key) + " as a bencode dictionary key");
    }

    private static String typeName(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }
}
