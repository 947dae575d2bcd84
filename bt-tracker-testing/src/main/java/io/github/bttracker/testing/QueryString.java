package io.github.bttracker.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a raw query string into bytes, without ever going through a character set: {@code info_hash} and
 * {@code peer_id} are 20 arbitrary bytes, percent-encoded, and any charset round trip would corrupt them.
 *
 * <p>Deliberately strict in one way: {@code +} is a literal plus, not a space (RFC 3986, not HTML forms), so a
 * client that form-encodes a space shows up as a wrong info hash instead of passing by luck. Malformed escapes
 * ({@code %G1}, a trailing {@code %}) are kept literally, as lenient trackers do.
 */
final class QueryString {

    private QueryString() {
    }

    /**
     * Parses {@code rawQuery} (the part after {@code ?}, each char standing for one byte, as Netty hands out
     * request lines) into a multimap in the order the parameters came. Names are ISO-8859-1 strings.
     */
    static Map<String, List<byte[]>> parse(String rawQuery) {
        Map<String, List<byte[]>> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            String rawValue = equals < 0 ? "" : pair.substring(equals + 1);
            String name = new String(percentDecode(rawName), StandardCharsets.ISO_8859_1);
            params.computeIfAbsent(name, key -> new ArrayList<>()).add(percentDecode(rawValue));
        }
        params.replaceAll((name, values) -> Collections.unmodifiableList(values));
        return params;
    }

    /** Decodes {@code %XX} escapes; every other char is taken as the byte of the same value. */
    static byte[] percentDecode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length() && isHex(raw.charAt(i + 1)) && isHex(raw.charAt(i + 2))) {
                bytes.write(Character.digit(raw.charAt(i + 1), 16) << 4 | Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else {
                bytes.write((byte) c);
            }
        }
        return bytes.toByteArray();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0 && c < 0x80;
    }
}
