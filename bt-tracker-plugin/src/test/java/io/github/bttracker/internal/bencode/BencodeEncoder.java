package io.github.bttracker.internal.bencode;

import java.util.Objects;

/**
 * Encodes values as bencode (BEP 3). The output is canonical: dictionary keys are written in unsigned byte order
 * whatever order the dictionary or map holds them in, so equal values always encode to equal bytes.
 *
 * <p>The encoder is stateless and safe to use from any thread.
 */
public final class BencodeEncoder {

    private BencodeEncoder() {
    }

    /**
     * Encodes a bencode value.
     *
     * @param value the value
     * @return the bencoded bytes
     * @throws NullPointerException if {@code value} is {@code null}
     */
    public static byte[] encode(BencodeValue value) {
        return new BencodeWriter().write(Objects.requireNonNull(value, "value"));
    }

    /**
     * Encodes a plain Java value. Accepted, at any depth: {@link BencodeValue}; {@code String} (as UTF-8);
     * {@code byte[]}; {@code Integer}, {@code Long}, {@code Short} and {@code Byte}; {@code List<?>} of accepted
     * values; and {@code Map<?, ?>} with {@code String}, {@code byte[]} or {@link BencodeString} keys and accepted
     * values.
     *
     * @param value the value
     * @return the bencoded bytes
     * @throws IllegalArgumentException if the value or anything in it is of another type (including {@code null}),
     *     if a map has two keys with the same bytes, or if a list or map contains itself; the message names the
     *     problem and the offending type
     */
    public static byte[] encode(Object value) {
        return encode(new JavaValueConverter().convert(value));
    }
}
