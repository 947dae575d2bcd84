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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The UDP ceiling: a raw pipelined BEP 15 client ({@link BareUdpClient}, a sender and a receiver thread) that
 * connects once, then announces N distinct torrents round and round for a fixed time, keeping a window of announces
 * in flight: each answer lets the next announce go. An announce unanswered for a second (a datagram dropped) is written off, and its
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
     * @param windowSize announces in flight at once
     */
    static Ceiling measure(String announceUrl, int salt, int torrents, int windowSize, Duration duration) {
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
        try (BareUdpClient client = new BareUdpClient(tracker.getAddress(), tracker.getPort())) {
            long connectionId = client.connect(0);
            // a sender and a receiver thread: one thread alternating blocking send and receive calls was slower than
            // the plugin it is to bound. The window is a semaphore: each answer lets the next announce go
            Semaphore window = new Semaphore(windowSize);
            AtomicInteger oldestAwaited = new AtomicInteger(1); // answers to earlier transactions were written off
            AtomicInteger next = new AtomicInteger(1);
            AtomicLong answered = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            AtomicReference<String> firstError = new AtomicReference<>();
            AtomicBoolean receiving = new AtomicBoolean(true);
            Thread receiver = new Thread(() -> {
                byte[] buffer = new byte[UdpProtocol.MAX_DATAGRAM_LENGTH];
                while (receiving.get()) {
                    int length = client.receiveInto(buffer, Duration.ofMillis(100));
                    if (length < 8) {
                        continue;
                    }
                    ByteBuffer reply = ByteBuffer.wrap(buffer, 0, length);
                    int transaction = reply.getInt(4);
                    if (transaction < oldestAwaited.get() || transaction >= next.get()) {
                        continue;
                    }
                    if (reply.getInt(0) == UdpProtocol.ANNOUNCE) {
                        answered.incrementAndGet();
                    } else {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, reply.getInt(0) == UdpProtocol.ERROR
                                ? new String(buffer, 8, length - 8, StandardCharsets.UTF_8)
                                : "action " + reply.getInt(0));
                    }
                    window.release();
                }
            }, "udp-ceiling-receiver");
            receiver.setDaemon(true);
            receiver.start();
            long writtenOff = 0;
            boolean drained = false;
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            try {
                while (System.nanoTime() < end) {
                    if (!window.tryAcquire(LOSS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                        // nothing answered for a second: what is in flight is lost; its answers no longer count
                        int lost = windowSize - window.availablePermits();
                        writtenOff += lost;
                        oldestAwaited.set(next.get());
                        window.release(lost);
                        continue;
                    }
                    int transaction = next.getAndIncrement(); // announce n is of torrent n % torrents
                    client.send(BareUdpClient.announceRequest(connectionId, transaction,
                            infoHashes[transaction % torrents], peerId, UdpProtocol.EVENT_STARTED, 1,
                            client.localPort(), 0, 50, new byte[0]));
                }
                // the answers still in flight, for at most a loss timeout: all of them in, it holds every permit
                drained = window.tryAcquire(windowSize, LOSS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } finally {
                receiving.set(false);
                joinQuietly(receiver);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (!drained) {
                writtenOff += windowSize - window.availablePermits();
            }
            String error = firstError.get();
            String detail = (writtenOff == 0 ? "" : writtenOff + " unanswered (lost)")
                    + (error == null ? "" : (writtenOff == 0 ? "" : "; ") + "first error: " + error);
            return new Ceiling(String.format(Locale.ROOT, "raw pipelined BEP 15 client, %d in flight", windowSize),
                    answered.get(), errors.get() + writtenOff, seconds, detail);
        }
    }

    /** Waits for the receiver, whose receive times out every 100 ms, before the socket closes under it. */
    private static void joinQuietly(Thread receiver) {
        try {
            receiver.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
