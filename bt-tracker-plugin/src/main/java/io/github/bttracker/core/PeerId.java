package io.github.bttracker.core;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * A peer id (20 bytes). Immutable and thread-safe; equal when the bytes are equal, and ordered by its bytes, unsigned,
 * first byte first.
 */
public final class PeerId extends TwentyByteId implements Comparable<PeerId> {

    private PeerId(byte[] bytes) {
        super(bytes, "peer id");
    }

    /**
     * @param bytes exactly 20 bytes (copied)
     * @return the peer id
     * @throws NullPointerException if {@code bytes} is null
     * @throws IllegalArgumentException if the length is not 20
     */
    public static PeerId of(byte[] bytes) {
        return new PeerId(bytes);
    }

    /**
     * @param hex 40 hexadecimal characters, any case
     * @return the peer id
     * @throws NullPointerException if {@code hex} is null
     * @throws IllegalArgumentException if the text is not 40 hex characters
     */
    public static PeerId fromHex(String hex) {
        return new PeerId(parseHex(hex, "peer id"));
    }

    /**
     * A random peer id in the Azureus style: the given prefix (for example {@code "-BT0001-"}, at most 20 ASCII
     * characters) followed by random bytes.
     *
     * @param prefix the client's prefix, encoded as US-ASCII; may be empty
     * @return a new peer id, its random part from a {@link SecureRandom}
     * @throws NullPointerException if {@code prefix} is null
     * @throws IllegalArgumentException if the prefix is longer than 20 bytes
     */
    public static PeerId random(String prefix) {
        byte[] head = prefix.getBytes(StandardCharsets.US_ASCII);
        if (head.length > LENGTH) {
            throw new IllegalArgumentException("peer id prefix longer than " + LENGTH + " bytes: " + prefix);
        }
        byte[] bytes = new byte[LENGTH];
        new SecureRandom().nextBytes(bytes);
        System.arraycopy(head, 0, bytes, 0, head.length);
        return new PeerId(bytes);
    }

    /**
     * @return the unsigned lexicographic order of the bytes: negative, zero (exactly when {@link #equals}) or positive
     * @throws NullPointerException if {@code other} is null
     */
    @Override
    public int compareTo(PeerId other) {
        return compareBytes(other);
    }
}
