package io.github.bttracker.testing;

import io.github.bttracker.testing.internal.UdpProtocol;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Reads the BEP 41 options that may follow the fixed part of a UDP announce. */
final class Bep41Options {

    private Bep41Options() {
    }

    /**
     * The URL data of the options left in {@code options}: every URLData option's bytes, concatenated in order
     * (a path and query longer than 255 bytes takes several), decoded one char per byte.
     *
     * <p>Lenient on purpose: an unknown option type or an option cut short ends the options, keeping what came
     * before, and the announce is still answered. BEP 15 tells trackers not to assume a packet size, and real
     * trackers answer such announces; a test sees the truncated URL data in the recorded datagram.
     */
    static String urlData(ByteBuffer options) {
        ByteArrayOutputStream urlData = new ByteArrayOutputStream();
        while (options.hasRemaining()) {
            int type = Byte.toUnsignedInt(options.get());
            if (type == UdpProtocol.OPTION_END) {
                break;
            }
            if (type == UdpProtocol.OPTION_NOP) {
                continue;
            }
            if (type != UdpProtocol.OPTION_URL_DATA || !options.hasRemaining()) {
                break;
            }
            int length = Byte.toUnsignedInt(options.get());
            if (options.remaining() < length) {
                break;
            }
            byte[] chunk = new byte[length];
            options.get(chunk);
            urlData.writeBytes(chunk);
        }
        return urlData.toString(StandardCharsets.ISO_8859_1);
    }
}
