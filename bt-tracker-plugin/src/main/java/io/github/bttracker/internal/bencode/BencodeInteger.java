package io.github.bttracker.internal.bencode;

/**
 * A bencoded integer ({@code i42e}). Bencode allows arbitrary precision, but this package only accepts values that
 * fit in a signed 64-bit long: no tracker field needs more, and rejecting the rest keeps arithmetic safe.
 *
 * @param value the integer
 */
public record BencodeInteger(long value) implements BencodeValue {

    /** @return the value in bencode notation, for example {@code i42e} */
    @Override
    public String toString() {
        return "i" + value + "e";
    }
}
