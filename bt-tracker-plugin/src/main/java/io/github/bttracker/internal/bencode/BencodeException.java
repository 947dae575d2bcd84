package io.github.bttracker.internal.bencode;

/**
 * Bencoded input that could not be decoded: malformed, truncated, or beyond a {@link BencodeLimits} limit.
 *
 * <p>The {@linkplain #offset() offset} counts from the first byte of the bencoded data (not of a surrounding
 * buffer). Problems with a single byte, such as an unexpected byte or the end of input, are reported at that byte;
 * problems with a whole value, such as an integer that overflows or a string longer than allowed, are reported at
 * the first byte of that value. The message says what was wrong and repeats the offset.
 */
public class BencodeException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int offset;

    /**
     * Creates an exception.
     *
     * @param message what was wrong, including the offset in words
     * @param offset the byte offset in the bencoded data at which the problem was found
     */
    public BencodeException(String message, int offset) {
        super(message);
        this.offset = offset;
    }

    /** @return the byte offset in the bencoded data at which the problem was found */
    public int offset() {
        return offset;
    }
}
