package io.github.bttracker.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal bencode decoder for checking the tracker's responses in its own tests, kept here so that these tests
 * depend on nothing of the client under development. Strings decode to byte[], integers to Long, dictionary keys
 * to ISO-8859-1 strings (byte-exact, so raw info hash keys survive).
 */
final class Bdecode {
    private final byte[] input;
    private int position;

    private Bdecode(byte[] input) {
        this.input = input;
    }

    static Object decode(byte[] input) {
        Bdecode decoder = new Bdecode(input);
        Object value = decoder.value();
        if (decoder.position != input.length) {
            throw new IllegalArgumentException("trailing bytes after position " + decoder.position);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> dictionary(byte[] input) {
        return (Map<String, Object>) decode(input);
    }

    static String key(byte[] raw) {
        return new String(raw, StandardCharsets.ISO_8859_1);
    }

    private Object value() {
        byte type = input[position];
        if (type == 'i') {
            position++;
            return Long.parseLong(until('e'));
        }
        if (type == 'l') {
            position++;
            List<Object> list = new ArrayList<>();
            while (input[position] != 'e') {
                list.add(value());
            }
            position++;
            return list;
        }
        if (type == 'd') {
            position++;
            Map<String, Object> map = new LinkedHashMap<>();
            while (input[position] != 'e') {
                map.put(key(string()), value());
            }
            position++;
            return map;
        }
        return string();
    }

    private byte[] string() {
        int length = Integer.parseInt(until(':'));
        byte[] bytes = new byte[length];
        System.arraycopy(input, position, bytes, 0, length);
        position += length;
        return bytes;
    }

    private String until(char terminator) {
        int start = position;
        while (input[position] != terminator) {
            position++;
        }
        String text = new String(input, start, position - start, StandardCharsets.US_ASCII);
        position++;
        return text;
    }
}
