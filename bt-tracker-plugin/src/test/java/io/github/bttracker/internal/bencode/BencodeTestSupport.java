package io.github.bttracker.internal.bencode;

import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Helpers shared by the bencode tests. */
final class BencodeTestSupport {

    private BencodeTestSupport() {
    }

    /**
     * Turns test text into bytes one character per byte (ISO-8859-1), so that binary content can be written inline
     * as {@code "\u00ff"} and offsets in the text equal offsets in the bytes.
     */
    static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Reads bytes back as one character per byte, for comparing encoder output with readable expectations. */
    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static BencodeValue decode(String latin1) throws BencodeException {
        return BencodeDecoder.decode(bytes(latin1));
    }

    /** Decodes input that must be rejected; anything other than a BencodeException escapes and fails the test. */
    static BencodeException decodeFailure(byte[] input, BencodeLimits limits) {
        try {
            BencodeValue value = BencodeDecoder.decode(input, limits);
            return fail("expected a BencodeException, but decoded " + value);
        } catch (BencodeException expected) {
            return expected;
        }
    }

    static BencodeException decodeFailure(byte[] input) {
        return decodeFailure(input, BencodeLimits.defaults());
    }

    static BencodeException decodeFailure(String latin1) {
        return decodeFailure(bytes(latin1));
    }
}
