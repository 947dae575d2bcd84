package io.github.bttracker.it.bench;

import io.github.bttracker.it.bt.SpiAnnounceLoad;
import io.github.bttracker.testing.internal.BareUdpClient;
import io.github.bttracker.testing.internal.UdpProtocol;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * The UDP ceiling: a raw pipelined BEP 15 client ({@link BareUdpClient} on one thread) that connects once, then
 * announces N distinct torrents round and round for a fixed time, keeping a window of announces in flight: each
 * answer sends the next announce. An announce unanswered for a second (a datagram dropped) is written off, and its
 * window refilled, so that a loss does not shrink the window for the rest of the run.
 */
final class UdpCeiling {
    /** How long the client waits for an answer before it writes off every announce in flight. */
    private static final Duration LOSS_TIMEOUT = Duration.ofSeconds(1);
    /** BEP 15: a client may use a connection id for one minute after receiving it; this client connects once. */
    private static final Duration MAX_DURATION = Duration.ofMinutes(1);

    private UdpCeiling() {
    }

    /**
     * @param announceUrl the tracker's {@code udp://} URL
     * @param salt the torrents are {@link SpiAnnounceLoad#torrentId}{@code (salt, 0..torrents-1)}
     * @param window announces in flight at once
     */
    static Ceiling measure(String announceUrl, int salt, int torrents, int window, Duration duration) {
        if (duration.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("a UDP ceiling runs at most " + MAX_DURATION + " on one connection id");
        }
        URI uri = URI.create(announceUrl);
        InetSocketAddress tracker = new InetSocketAddress(uri.getHost(), uri.getPort());
        byte[][] infoHashes = new byte[torrents][];
        for (int i = 0; i < torrents; i++) {
            infoHashes[i] = SpiAnnounceLoad.torrentId(salt, i).getBytes();
        }
        byte[] peerId = "-CEILING-udp-0000000".getBytes(StandardCharsets.US_ASCII);
        byte[] buffer = new byte[UdpProtocol.MAX_DATAGRAM_LENGTH];
        try (BareUdpClient client = new BareUdpClient(tracker.getAddress(), tracker.getPort())) {
            long connectionId = client.connect(0);
            int next = 1; // the transaction id of the next announce; announce n is of torrent n % torrents
            int oldestAwaited = 1; // answers to earlier transactions came after they were written off
            int inFlight = 0;
            long answered = 0;
            long errors = 0;
            long writtenOff = 0;
            String firstError = null;
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            while (true) {
                boolean sending = System.nanoTime() < end;
                if (!sending && inFlight == 0) {
                    break;
                }
                for (; sending && inFlight < window; inFlight++, next++) {
                    client.send(BareUdpClient.announceRequest(connectionId, next, infoHashes[next % torrents],
                            peerId, UdpProtocol.EVENT_STARTED, 1, client.localPort(), 0, 50, new byte[0]));
                }
                int length = client.receiveInto(buffer, LOSS_TIMEOUT);
                if (length < 0) {
                    writtenOff += inFlight;
                    inFlight = 0;
                    oldestAwaited = next;
                    continue;
                }
                ByteBuffer reply = ByteBuffer.wrap(buffer, 0, length);
                int transaction = length >= 8 ? reply.getInt(4) : -1;
                if (transaction < oldestAwaited || transaction >= next) {
                    continue;
                }
                inFlight--;
                if (reply.getInt(0) == UdpProtocol.ANNOUNCE) {
                    answered++;
                } else {
                    errors++;
                    if (firstError == null) {
                        firstError = reply.getInt(0) == UdpProtocol.ERROR
                                ? new String(buffer, 8, length - 8, StandardCharsets.UTF_8)
                                : "action " + reply.getInt(0);
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            String detail = (writtenOff == 0 ? "" : writtenOff + " unanswered (lost)")
                    + (firstError == null ? "" : (writtenOff == 0 ? "" : "; ") + "first error: " + firstError);
            return new Ceiling(String.format(Locale.ROOT, "raw pipelined BEP 15 client, %d in flight", window),
                    answered, errors + writtenOff, seconds, detail);
        }
    }
}
