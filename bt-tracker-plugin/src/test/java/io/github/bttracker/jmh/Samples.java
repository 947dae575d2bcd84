package io.github.bttracker.jmh;

import io.github.bttracker.internal.bencode.BencodeEncoder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Inputs of the codec micro-benchmarks, made the same way every run. */
public final class Samples {

    private Samples() {
    }

    /** @return {@code count} compact entries of {@code entrySize} bytes (6: IPv4, 18: IPv6), ports never 0 */
    public static byte[] compactPeers(int count, int entrySize) {
        byte[] peers = new byte[count * entrySize];
        new Random(42).nextBytes(peers);
        for (int i = 0; i < count; i++) {
            peers[i * entrySize + entrySize - 2] |= 0x01;
        }
        return peers;
    }

    /** @return a bencoded announce response as trackers send it: interval, counts, {@code count} compact peers */
    public static byte[] httpAnnounceResponse(int count) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("complete", 120);
        response.put("incomplete", 80);
        response.put("interval", 1800);
        response.put("min interval", 900);
        response.put("peers", compactPeers(count, 6));
        return BencodeEncoder.encode(response);
    }
}
