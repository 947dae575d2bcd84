package io.github.bttracker.internal.transport.http;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of query values (RFC 3986 section 2.1). Binary values such as {@code info_hash} are encoded byte
 * by byte; the unreserved characters {@code A-Z a-z 0-9 - . _ ~} stay literal, as BEP 3 allows and trackers expect.
 * Written by hand because the JDK's {@code URLEncoder} encodes text (not bytes) in the form encoding, turning spaces
 * into '+' and '~' into "%7E".
 */
final class PercentEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {
    }

    static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 3);
        appendEncoded(out, bytes);
        return out.toString();
    }

    static String encode(String text) {
        return encode(text.getBytes(StandardCharsets.UTF_8));
    }

    static void appendEncoded(StringBuilder out, byte[] bytes) {
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (isUnreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0x0F]);
            }
        }
    }

    static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
