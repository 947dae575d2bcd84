package io.github.bttracker.internal.bencode;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A bencoded byte string ({@code 4:spam}). Bencode strings are raw bytes, not text: tracker responses carry binary
 * data such as compact peer lists and 20-byte info hashes, so the bytes are kept exactly and text is only produced
 * on request with {@link #utf8()} or {@link #latin1()}.
 *
 * <p>Instances are immutable: the bytes are copied on the way in and on the way out. Equality and hash code are
 * over the content, and the natural order is the unsigned lexicographic byte order that BEP 3 prescribes for
 * dictionary keys.
 */
public final class BencodeString implements BencodeValue, Comparable<BencodeString> {

    /** Longer strings are abbreviated by {@link #toString()} so that a 1 MiB value cannot flood a log line. */
    private static final int TO_STRING_MAX_BYTES = 64;

    private final byte[] bytes;
    /**
     * The content's hash, computed on first use as String does (a race computes the same value twice): the strings a
     * decoder makes as values (peer lists, reasons) are never hashed. Hashing at construction showed in about 4% of
     * the HTTP event loop's samples per announce, most of it for keys made afresh for every lookup (see
     * BencodeDictionary's key cache).
     */
    private int hash;
    private boolean hashIsZero;

    private BencodeString(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Creates a string holding a copy of the given bytes.
     *
     * @param bytes the content; later changes to the array do not affect the new string
     * @return the string
     * @throws NullPointerException if {@code bytes} is {@code null}
     */
    public static BencodeString of(byte[] bytes) {
        return new BencodeString(bytes.clone());
    }

    /**
     * Creates a string holding the UTF-8 encoding of the given text.
     *
     * @param utf8 the text
     * @return the string
     * @throws NullPointerException if {@code utf8} is {@code null}
     */
    public static BencodeString of(String utf8) {
        return new BencodeString(utf8.getBytes(StandardCharsets.UTF_8));
    }

    /** Takes ownership of an array nobody else holds, sparing the decoder a second copy of every string. */
    static BencodeString wrap(byte[] exclusivelyOwnedBytes) {
        return new BencodeString(Objects.requireNonNull(exclusivelyOwnedBytes));
    }

    /** @return a copy of the content */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The content without a copy, for the encoder and for messages; callers in this package must not modify it. */
    byte[] rawBytes() {
        return bytes;
    }

    /** @return the number of bytes */
    public int length() {
        return bytes.length;
    }

    /**
     * Decodes the content as UTF-8. Malformed sequences are replaced with U+FFFD rather than rejected, because
     * trackers are not careful about encodings and a garbled failure message is more useful than none.
     *
     * @return the text; never throws
     */
    public String utf8() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Decodes the content as ISO-8859-1, which maps every byte to the character of the same value. Useful for
     * binary content that must survive a round trip through a {@code String}.
     *
     * @return the text, one character per byte
     */
    public String latin1() {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /**
     * Compares by unsigned lexicographic byte order, the order in which BEP 3 requires dictionary keys to appear.
     *
     * @param other the string to compare with
     * @return negative, zero or positive as this string sorts before, equal to or after {@code other}
     */
    @Override
    public int compareTo(BencodeString other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    /** @return {@code true} if {@code other} is a {@code BencodeString} with the same bytes */
    @Override
    public boolean equals(Object other) {
        return other instanceof BencodeString that && Arrays.equals(bytes, that.bytes);
    }

    /** @return a hash of the content */
    @Override
    public int hashCode() {
        // as String: each field is only ever written with its final value, and hash is read once, so a thread that
        // sees either field set sees a right answer without synchronisation
        int h = hash;
        if (h == 0 && !hashIsZero) {
            h = Arrays.hashCode(bytes);
            if (h == 0) {
                hashIsZero = true;
            } else {
                hash = h;
            }
        }
        return h;
    }

    /**
     * Describes the content for logs and error messages: printable UTF-8 text in double quotes, anything else as
     * {@code hex:} followed by hexadecimal digits. Content longer than 64 bytes is cut and its length appended.
     *
     * @return a readable description, not the bencoded form
     */
    @Override
    public String toString() {
        boolean cut = bytes.length > TO_STRING_MAX_BYTES;
        byte[] shown = cut ? Arrays.copyOf(bytes, TO_STRING_MAX_BYTES) : bytes;
        String suffix = cut ? "... (" + bytes.length + " bytes)" : "";
        String text = printableText(shown, cut);
        if (text != null) {
            return "\"" + text + "\"" + suffix;
        }
        return "hex:" + HexFormat.of().formatHex(shown) + suffix;
    }

    /**
     * Returns the text if the bytes are valid UTF-8 without control characters, otherwise {@code null}. When the
     * bytes were cut, a character split by the cut is tolerated (and dropped) instead of turning the text into hex.
     */
    private static String printableText(byte[] candidate, boolean cut) {
        CharBuffer text = CharBuffer.allocate(candidate.length);
        CoderResult result = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(candidate), text, !cut);
        if (result.isError()) {
            // Binary content such as a compact peer list: hex is the only faithful rendering.
            return null;
        }
        text.flip();
        return text.chars().anyMatch(Character::isISOControl) ? null : text.toString();
    }
}
