package io.github.bttracker.internal.bencode;

import java.util.List;

/**
 * A bencoded list ({@code l...e}) of values in their original order.
 *
 * @param values the elements; copied into an unmodifiable list, must not contain {@code null}
 */
public record BencodeList(List<BencodeValue> values) implements BencodeValue {

    /**
     * Copies the elements so that later changes to the caller's list cannot alter this immutable value.
     *
     * @param values the elements
     * @throws NullPointerException if {@code values} or one of its elements is {@code null}
     */
    public BencodeList {
        values = List.copyOf(values);
    }
}
