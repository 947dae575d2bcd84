package io.github.bttracker.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * JSON as the WebTorrent tracker protocol uses it: one shared Jackson mapper, and the convention that 20-byte ids
 * travel as strings of 20 characters, one per byte (U+0000 to U+00FF, i.e. ISO-8859-1).
 */
final class WebSocketJson {
    // thread-safe once configured; default stream constraints (nesting depth 1000...) protect the tracker
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private WebSocketJson() {
    }

    /** Parses a message; a parse error is an exception with Jackson's message. */
    static JsonNode parse(String text) throws JsonProcessingException {
        return MAPPER.readTree(text);
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Any value Jackson can serialise, as a tree. */
    static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    /** Whether {@code text} is a valid id: exactly 20 characters, each standing for one byte. */
    static boolean isId(String text) {
        return text != null && text.length() == Ids.LENGTH && isLatin1(text);
    }

    static boolean isLatin1(String text) {
        return text.chars().allMatch(c -> c <= 0xFF);
    }

    /** The bytes a protocol string stands for; characters above U+00FF become {@code '?'}. */
    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The protocol string standing for {@code bytes}. */
    static String string(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
