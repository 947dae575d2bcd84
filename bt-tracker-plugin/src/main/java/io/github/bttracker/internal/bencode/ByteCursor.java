package io.github.bttracker.internal.bencode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A read position in a slice of a byte array. Positions are relative to the start of the slice, so they double as
 * the offsets reported in {@link BencodeException}s. Every read is bounds-checked against the slice, which is how
 * the decoder turns truncated input into a clean error instead of an {@code ArrayIndexOutOfBoundsException}.
 */
final class ByteCursor {

    private final byte[] input;
    private final int sliceStart;
    private final int length;
    private int position;

    ByteCursor(byte[] input, int sliceStart, int length) {
        this.input = input;
        this.sliceStart = sliceStart;
        this.length = length;
    }

    int position() {
        return position;
    }

    boolean atEnd() {
        return position == length;
    }

    int remaining() {
        return length - position;
    }

    /**
     * Returns the byte at the current position without consuming it.
     *
     * @param context what the decoder was reading, for the message if the input ends here
     */
    byte peek(String context) throws BencodeException {
        if (atEnd()) {
            throw new BencodeException("unexpected end of input at offset " + position + " (" + context + ")",
                    position);
        }
        return input[sliceStart + position];
    }

    /** Consumes one byte that the caller has already examined with {@link #peek(String)}. */
    void advance() {
        position++;
    }

    /** Consumes {@code count} bytes, which the caller has checked against {@link #remaining()}, into a new array. */
    byte[] take(int count) {
        int from = sliceStart + position;
        position += count;
        return Arrays.copyOfRange(input, from, from + count);
    }

    /** Returns already consumed bytes as ASCII text, for quoting a string length prefix in a message. */
    String consumedText(int from) {
        return new String(input, sliceStart + from, position - from, StandardCharsets.US_ASCII);
    }

    /**
     * Creates the error for an unexpected byte at the current position.
     *
     * @param context where it was found, appended to the message, for example "inside an integer"
     */
    BencodeException unexpectedByte(String context) {
        return new BencodeException("unexpected byte " + describe(input[sliceStart + position]) + " at offset "
                + position + " " + context, position);
    }

    /** Shows printable ASCII as a quoted character and anything else as hex, so messages stay readable. */
    private static String describe(byte value) {
        if (value >= 0x20 && value < 0x7f) {
            return "'" + (char) value + "'";
        }
        return String.format("0x%02x", value & 0xff);
    }
}
