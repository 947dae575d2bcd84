package io.github.bttracker.internal.bencode;

import java.util.Objects;

/**
 * Decodes bencoded bytes (BEP 3) strictly and within {@link BencodeLimits}, for input that comes from untrusted
 * trackers.
 *
 * <p>Exactly one value is read, and bytes after it are an error. Integers must be canonical ({@code i0e},
 * {@code i-5e}; no leading zeros, no {@code -0}, no sign other than {@code -}, no spaces) and fit in a signed
 * 64-bit long. String length prefixes are digits without leading zeros. Dictionary keys must be strings and must
 * not repeat; keys out of sorted order are accepted, because real trackers send them.
 *
 * <p>Any problem with the input, however hostile, is reported as a {@link BencodeException}: the decoder never
 * throws an unchecked exception or error because of the input's content, and its time and memory are linear in
 * the input size. Unchecked exceptions are only thrown for invalid arguments ({@code null}, or a slice outside the
 * array). The decoder is stateless and safe to use from any thread.
 */
public final class BencodeDecoder {

    private BencodeDecoder() {
    }

    /**
     * Decodes a whole array with {@linkplain BencodeLimits#defaults() the default limits}.
     *
     * @param input the bencoded document
     * @return the decoded value
     * @throws BencodeException if the input is malformed, truncated, followed by trailing data or beyond a limit
     */
    public static BencodeValue decode(byte[] input) throws BencodeException {
        return decode(input, BencodeLimits.defaults());
    }

    /**
     * Decodes a whole array.
     *
     * @param input the bencoded document
     * @param limits the bounds to enforce
     * @return the decoded value
     * @throws BencodeException if the input is malformed, truncated, followed by trailing data or beyond a limit
     */
    public static BencodeValue decode(byte[] input, BencodeLimits limits) throws BencodeException {
        return decode(input, 0, input.length, limits);
    }

    /**
     * Decodes a slice of an array with {@linkplain BencodeLimits#defaults() the default limits}.
     *
     * @param input the array holding the bencoded document
     * @param offset where the document starts; error offsets are counted from here
     * @param length the length of the document
     * @return the decoded value
     * @throws BencodeException if the input is malformed, truncated, followed by trailing data or beyond a limit
     * @throws IndexOutOfBoundsException if the slice does not lie within the array
     */
    public static BencodeValue decode(byte[] input, int offset, int length) throws BencodeException {
        return decode(input, offset, length, BencodeLimits.defaults());
    }

    /**
     * Decodes a slice of an array.
     *
     * @param input the array holding the bencoded document
     * @param offset where the document starts; error offsets are counted from here
     * @param length the length of the document
     * @param limits the bounds to enforce
     * @return the decoded value
     * @throws BencodeException if the input is malformed, truncated, followed by trailing data or beyond a limit
     * @throws IndexOutOfBoundsException if the slice does not lie within the array
     */
    public static BencodeValue decode(byte[] input, int offset, int length, BencodeLimits limits)
            throws BencodeException {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(limits, "limits");
        Objects.checkFromIndexSize(offset, length, input.length);
        if (length > limits.maxInputSize()) {
            // Refused up front so that an oversized response costs nothing beyond having been received.
            throw new BencodeException("input of " + length + " bytes exceeds the limit of "
                    + limits.maxInputSize() + " bytes at offset " + limits.maxInputSize(), limits.maxInputSize());
        }
        return new BencodeParser(new ByteCursor(input, offset, length), limits).parseDocument();
    }
}
