package io.github.bttracker.internal.bencode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link BencodeValue} tree as canonical bencode. Like the parser it is iterative, with a stack of
 * iterators over the open containers, so arbitrarily deep (decoded or hand-built) trees cannot overflow the
 * thread stack.
 */
final class BencodeWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Deque<Iterator<BencodeValue>> open = new ArrayDeque<>();

    byte[] write(BencodeValue root) {
        writeOrOpen(root);
        while (!open.isEmpty()) {
            Iterator<BencodeValue> innermost = open.peek();
            if (innermost.hasNext()) {
                writeOrOpen(innermost.next());
            } else {
                out.write('e');
                open.pop();
            }
        }
        return out.toByteArray();
    }

    private void writeOrOpen(BencodeValue value) {
        if (value instanceof BencodeInteger integer) {
            writeAscii("i" + integer.value() + "e");
        } else if (value instanceof BencodeString string) {
            writeAscii(string.length() + ":");
            out.writeBytes(string.rawBytes());
        } else if (value instanceof BencodeList list) {
            out.write('l');
            open.push(list.values().iterator());
        } else if (value instanceof BencodeDictionary dictionary) {
            out.write('d');
            open.push(keysAndValuesInKeyOrder(dictionary).iterator());
        }
    }

    /**
     * Flattens a dictionary to key, value, key, value... sorted by raw key bytes, as BEP 3 requires. Sorting here
     * rather than in the dictionary lets decoded dictionaries keep the order the tracker sent.
     */
    private static List<BencodeValue> keysAndValuesInKeyOrder(BencodeDictionary dictionary) {
        List<Map.Entry<BencodeString, BencodeValue>> sorted = new ArrayList<>(dictionary.entries().entrySet());
        sorted.sort(Map.Entry.comparingByKey());
        List<BencodeValue> flattened = new ArrayList<>(sorted.size() * 2);
        for (Map.Entry<BencodeString, BencodeValue> entry : sorted) {
            flattened.add(entry.getKey());
            flattened.add(entry.getValue());
        }
        return flattened;
    }

    private void writeAscii(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
