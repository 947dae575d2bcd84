package io.github.bttracker.core;

/** A torrent's SHA-1 info hash (20 bytes). Immutable; equal when the bytes are equal. */
public final class InfoHash extends TwentyByteId {

    private InfoHash(byte[] bytes) {
        super(bytes, "info hash");
    }

    /**
     * @param bytes exactly 20 bytes (copied)
     * @throws IllegalArgumentException if the length is not 20
     */
    public static InfoHash of(byte[] bytes) {
        return new InfoHash(bytes);
    }

    /**
     * @param hex 40 hexadecimal characters, any case
     * @throws IllegalArgumentException if the text is not 40 hex characters
     */
    public static InfoHash fromHex(String hex) {
        return new InfoHash(parseHex(hex, "info hash"));
    }
}
