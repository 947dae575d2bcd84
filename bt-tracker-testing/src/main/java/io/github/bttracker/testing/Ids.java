package io.github.bttracker.testing;

import java.util.HexFormat;

/** Checks and formats the 20-byte identifiers of the protocol (info hashes and peer ids). */
final class Ids {
    /** Length in bytes of an info hash (SHA-1) and of a peer id. */
    static final int LENGTH = 20;

    private static final HexFormat HEX = HexFormat.of();

    private Ids() {
    }

    /** Returns a copy of {@code id}, rejecting anything that is not exactly 20 bytes. */
    static byte[] checkedCopy(byte[] id, String what) {
        if (id == null || id.length != LENGTH) {
            throw new IllegalArgumentException(
                    what + " must be " + LENGTH + " bytes, was " + (id == null ? "null" : id.length + " bytes"));
        }
        return id.clone();
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    static byte[] fromHex(String hex) {
        return HEX.parseHex(hex);
    }
}
