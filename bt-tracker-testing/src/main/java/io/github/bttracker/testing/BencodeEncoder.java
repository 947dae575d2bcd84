package io.github.bttracker.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Encodes plain Java values as bencode (BEP 3): what the embedded tracker answers with, and what a test writes a
 * torrent or a hand-made response with. The output is canonical: dictionary keys are written in unsigned byte order
 * whatever order the map holds them in, so equal values always encode to equal bytes.
 *
 * <p>Only plain Java types, so that this artifact does not depend on any client's value types. Stateless and safe to
 * use from any thread.
 */
public final class BencodeEncoder {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    /** The lists and maps being written on the current path, to turn a cycle into a clear error. */
    private final Set<Object> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());

    private BencodeEncoder() {
    }

    /**
     * Encodes a plain Java value. Accepted, at any depth: {@code String} (as UTF-8); {@code byte[]}; {@code Integer},
     * {@code Long}, {@code Short} and {@code Byte}; {@code List<?>} of accepted values; and {@code Map<?, ?>} with
     * {@code String} or {@code byte[]} keys and accepted values.
     *
     * @param value the value
     * @return the bencoded bytes
     * @throws IllegalArgumentException if the value or anything in it is of another type (including {@code null}),
     *     if a map has two keys with the same bytes, or if a list or map contains itself; the message names the
     *     problem and the offending type
     */
    public static byte[] encode(Object value) {
        BencodeEncoder encoder = new BencodeEncoder();
        encoder.write(value);
        return encoder.out.toByteArray();
    }

    private void write(Object value) {
        if (value instanceof String text) {
            writeString(text.getBytes(StandardCharsets.UTF_8));
        } else if (value instanceof byte[] bytes) {
            writeString(bytes);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            writeAscii("i" + ((Number) value).longValue() + "e");
        } else if (value instanceof List<?> list) {
            enter(list);
            out.write('l');
            list.forEach(this::write);
            out.write('e');
            inProgress.remove(list);
        } else if (value instanceof Map<?, ?> map) {
            enter(map);
            out.write('d');
            for (Map.Entry<byte[], Object> entry : inKeyOrder(map).entrySet()) {
                writeString(entry.getKey());
                write(entry.getValue());
            }
            out.write('e');
            inProgress.remove(map);
        } else {
            throw new IllegalArgumentException("cannot bencode " + typeName(value));
        }
    }

    private void enter(Object container) {
        if (!inProgress.add(container)) {
            throw new IllegalArgumentException("cannot bencode a " + typeName(container) + " that contains itself");
        }
    }

    /** BEP 3: keys sorted as raw strings, i.e. by unsigned bytes. */
    private static Map<byte[], Object> inKeyOrder(Map<?, ?> map) {
        Map<byte[], Object> sorted = new TreeMap<>(Arrays::compareUnsigned);
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            byte[] key = keyBytes(entry.getKey());
            // "a" and "a".getBytes() are different Java keys but the same bencode key
            if (sorted.containsKey(key)) {
                throw new IllegalArgumentException(
                        "duplicate dictionary key " + new String(key, StandardCharsets.UTF_8));
            }
            sorted.put(key, entry.getValue());
        }
        return sorted;
    }

    private static byte[] keyBytes(Object key) {
        if (key instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        if (key instanceof byte[] bytes) {
            return bytes;
        }
        throw new IllegalArgumentException("cannot use " + typeName(key) + " as a bencode dictionary key");
    }

    private void writeString(byte[] bytes) {
        writeAscii(bytes.length + ":");
        out.writeBytes(bytes);
    }

    private void writeAscii(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static String typeName(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }
}
