package io.github.bttracker.webrtc;

import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.spi.ConnectedPeer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A WebRTC peer whose data channel is open: bytes go out with {@link #send}, come in through {@link #onData}.
 * Messages keep their boundaries on the channel, but a large {@code send} arrives as several messages: treat what
 * arrives as a byte stream.
 *
 * <p>Thread-safe: {@link #send} may be called from several threads (their messages do not interleave), but it may
 * wait, so not on libwebrtc's signalling thread, where the receiver runs. Failures: {@code send} throws
 * {@link java.io.IOException} once the peer is closed; {@link #closed} completes normally when it is.
 */
public final class WebRtcPeer implements ConnectedPeer {

    /**
     * The largest message sent: what every WebRTC stack accepts, well under the 256 KiB at which libwebrtc closes
     * the channel without a word.
     */
    public static final int MAX_MESSAGE_SIZE = 16 * 1024;

    /**
     * {@link #send} waits while more than this many bytes wait in the channel: libwebrtc closes a channel silently
     * when about 16 MiB are buffered.
     */
    public static final long MAX_BUFFERED_BYTES = 1024 * 1024;

    /** Bytes kept for a receiver not set yet; past this the peer is closed. */
    static final int MAX_EARLY_BYTES = 1024 * 1024;

    // libwebrtc 0.14.0 never reports onBufferedAmountChange, so a waiting send polls the buffered amount
    private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    private final InfoHash infoHash;
    private final PeerId remotePeer;
    private final RTCDataChannel channel;
    private final Thread signallingThread;
    private final Runnable closer;
    private final Object sendLock = new Object();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    /** Guards the receiver and the early messages: one delivery at a time, in order. */
    private final Object deliveryLock = new Object();
    private Consumer<byte[]> receiver;
    private final ArrayDeque<byte[]> early = new ArrayDeque<>();
    private long earlyBytes;
    private volatile boolean closing;

    WebRtcPeer(InfoHash infoHash, PeerId remotePeer, RTCDataChannel channel, Thread signallingThread,
            Runnable closer) {
        this.infoHash = infoHash;
        this.remotePeer = remotePeer;
        this.channel = channel;
        this.signallingThread = signallingThread;
        this.closer = closer;
    }

    @Override
    public InfoHash infoHash() {
        return infoHash;
    }

    @Override
    public PeerId remotePeer() {
        return remotePeer;
    }

    /**
     * Where received messages go: called on libwebrtc's signalling thread, one message at a time and in order, with
     * a copy the receiver may keep. It must not block. Messages that arrived before it was set (up to 1 MiB, past
     * which the peer is closed) go to it first, on the calling thread.
     */
    @Override
    public void onData(Consumer<byte[]> receiver) {
        Objects.requireNonNull(receiver, "receiver");
        synchronized (deliveryLock) {
            this.receiver = receiver;
            while (!early.isEmpty()) {
                receiver.accept(early.poll());
            }
            earlyBytes = 0;
        }
    }

    @Override
    public long bufferedAmount() {
        if (closing) {
            return 0;
        }
        return channel.getBufferedAmount();
    }

    /**
     * Sends {@code bytes}, in messages of at most {@link #MAX_MESSAGE_SIZE} bytes, waiting while more than
     * {@link #MAX_BUFFERED_BYTES} bytes are buffered. Sends from several threads do not interleave.
     *
     * @throws IOException the peer is closed, or closed while waiting
     * @throws IllegalStateException when it would wait on libwebrtc's signalling thread, which moves the data
     */
    @Override
    public void send(byte[] bytes) throws IOException {
        synchronized (sendLock) {
            for (int offset = 0; offset < bytes.length; offset += MAX_MESSAGE_SIZE) {
                int length = Math.min(MAX_MESSAGE_SIZE, bytes.length - offset);
                awaitRoom();
                // libwebrtc ignores a buffer's position and limit: each message is an array of its exact size
                byte[] message = length == bytes.length ? bytes : Arrays.copyOfRange(bytes, offset, offset + length);
                try {
                    channel.send(new RTCDataChannelBuffer(ByteBuffer.wrap(message), true));
                } catch (Exception e) {
                    throw new IOException("Cannot send to WebRTC peer " + remotePeer + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private void awaitRoom() throws IOException {
        while (true) {
            if (closing) {
                throw new IOException("WebRTC peer " + remotePeer + " of " + infoHash + " is closed");
            }
            if (channel.getBufferedAmount() <= MAX_BUFFERED_BYTES) {
                return;
            }
            if (Thread.currentThread() == signallingThread) {
                throw new IllegalStateException("send would block libwebrtc's signalling thread");
            }
            LockSupport.parkNanos(POLL_NANOS);
            if (Thread.interrupted()) {
                throw new InterruptedIOException("interrupted while sending to WebRTC peer " + remotePeer);
            }
        }
    }

    /** Closes the data channel and the peer connection; returns at once, {@link #closed} completes when done. */
    @Override
    public void close() {
        closer.run();
    }

    /** Completes when this peer is closed, by either side or by {@link NativeWebRtc#close}. */
    @Override
    public CompletableFuture<Void> closed() {
        return closed.copy();
    }

    /** Whether this peer is closed or closing. */
    @Override
    public boolean isClosed() {
        return closing;
    }

    void deliver(byte[] message) {
        synchronized (deliveryLock) {
            if (receiver != null) {
                receiver.accept(message);
                return;
            }
            earlyBytes += message.length;
            if (earlyBytes <= MAX_EARLY_BYTES) {
                early.add(message);
                return;
            }
            early.clear();
        }
        close();
    }

    /** Stops sends; after it returns no send touches the channel, which may then be disposed. */
    void closing() {
        closing = true;
        synchronized (sendLock) {
            // a send under way has seen the flag or finished its native call
        }
    }

    void closedDone() {
        closed.complete(null);
    }

    @Override
    public String toString() {
        return "WebRtcPeer[" + infoHash + ", " + remotePeer + "]";
    }
}
