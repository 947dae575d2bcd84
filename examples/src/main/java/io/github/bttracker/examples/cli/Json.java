package io.github.bttracker.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON the tool prints: indented, and ASCII only. Every control character (DEL included) and every character
 * beyond ASCII is written as a &#92;uXXXX escape, so a JSON parser reads exactly the text a tracker sent, and a
 * terminal that shows the output acts on none of it (see {@link Printable}). Tracker URLs are masked before they get
 * here, as everywhere else.
 */
final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();

    static {
        MAPPER.getFactory().setCharacterEscapes(new AsciiControls());
    }

    private Json() {
    }

    static String write(Object value) throws JsonProcessingException {
        return MAPPER.writeValueAsString(value);
    }

    /** JSON's own escapes for ASCII (controls below 0x20, quote, backslash), and DEL too. */
    private static final class AsciiControls extends CharacterEscapes {
        private final int[] ascii = standardAsciiEscapesForJSON();

        AsciiControls() {
            ascii[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public com.fasterxml.jackson.core.SerializableString getEscapeSequence(int ch) {
            return null; // the standard escape (backslash, u, four hex digits) for all those marked, and non-ASCII
        }
    }
}
