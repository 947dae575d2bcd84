package io.github.bttracker.testing;

import io.github.bttracker.testing.TrackerBehaviour.ContentCoding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/** Compresses response bodies for {@code Content-Encoding}. */
final class Compression {

    private Compression() {
    }

    static byte[] compress(byte[] body, ContentCoding coding) {
        if (coding == ContentCoding.IDENTITY) {
            return body;
        }
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        // DeflaterOutputStream writes the zlib wrapper (RFC 1950), which is what HTTP's "deflate" means
        try (OutputStream out = coding == ContentCoding.GZIP
                ? new GZIPOutputStream(compressed)
                : new DeflaterOutputStream(compressed)) {
            out.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException("compressing in memory cannot fail", e);
        }
        return compressed.toByteArray();
    }

    /** The {@code Content-Encoding} header value, or {@code null} for no compression. */
    static String headerValue(ContentCoding coding) {
        return switch (coding) {
            case GZIP -> "gzip";
            case DEFLATE -> "deflate";
            case IDENTITY -> null;
        };
    }
}
