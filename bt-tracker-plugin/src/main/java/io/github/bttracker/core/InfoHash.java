package io.github.bttracker.core;

/**
 * A torrent's SHA-1 info hash (20 bytes). Immutable and thread-safe; equal when the bytes are equal, and ordered by
 * its bytes, unsigned, first byte first.
 */
public final class InfoHash extends TwentyByteId implements Comparable<InfoHash> {

    private InfoHash(byte[] bytes) {
        super(bytes, "info hash");
    }

    /**
     * @param bytes exactly 20 bytes (copied)
     * @return the info hash
     * @throws NullPointerException if {@code bytes} is null
     * @throws IllegalArgumentException if the length is not 20
     */
    public static InfoHash of(byte[] bytes) {
        return new InfoHash(bytes);
    }

    /**
     * @param hex 40 hexadecimal characters, any case
     * @return the info hash
     * @throws NullPointerException if {@code hex} is null
     * @throws IllegalArgumentException if the text is not 40 hex characters
     */
    public static InfoHash fromHex(String hex) {
        return new InfoHash(parseHex(hex, "info hash"));
    }

    /**
     * @return the unsigned lexicographic order of the bytes: negative, zero (exactly when {@link #equals}) or positive
     * @throws NullPointerException if {@code other} is null
     */
    @Override
    public int compareTo(InfoHash other) {
        return compareBytes(other);
    }
}
