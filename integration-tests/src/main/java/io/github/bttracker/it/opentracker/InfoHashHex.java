package io.github.bttracker.it.opentracker;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Checks, normalises and encodes info hashes given as 40 hexadecimal characters. */
final class InfoHashHex {
    private static final int HEX_LENGTH = 40;
    private static final HexFormat HEX = HexFormat.of();
    private static final char[] UPPER_HEX_DIGITS = "0123456789ABCDEF".toCharArray();

    private InfoHashHex() {
    }

    /** Returns {@code hex} in lower case, or throws if it is not exactly 40 hexadecimal characters. */
    static String normalize(String hex) {
        Objects.requireNonNull(hex, "info hash");
        if (hex.length() != HEX_LENGTH || !hex.chars().allMatch(InfoHashHex::isHexDigit)) {
            throw new IllegalArgumentException("an info hash must be " + HEX_LENGTH + " hex characters: '" + hex + "'");
        }
        return hex.toLowerCase(Locale.ROOT);
    }

    /** Normalises every hash, dropping duplicates but keeping the first-seen order. */
    static List<String> normalizeAll(Collection<String> hexes) {
        Objects.requireNonNull(hexes, "info hashes");
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (String hex : hexes) {
            distinct.add(normalize(hex));
        }
        return new ArrayList<>(distinct);
    }

    static byte[] toBytes(String hex) {
        return HEX.parseHex(normalize(hex));
    }

    /**
     * Percent-encodes all 20 bytes, as a query string value. Encoding every byte (rather than only
     * the unsafe ones) keeps the request identical whatever the hash happens to contain.
     */
    static String percentEncoded(String hex) {
        StringBuilder encoded = new StringBuilder(3 * HEX_LENGTH / 2);
        for (byte b : toBytes(hex)) {
            encoded.append('%').append(UPPER_HEX_DIGITS[(b >> 4) & 0xF]).append(UPPER_HEX_DIGITS[b & 0xF]);
        }
        return encoded.toString();
    }

    private static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
