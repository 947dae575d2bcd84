package io.github.bttracker.spi;

import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A peer this client is connected to: a duplex byte stream, such as a WebRTC data channel opened through a WebSocket
 * (WebTorrent) tracker. What goes over it is the peer wire protocol (BEP 3), handshake first; the stream keeps the
 * order of the bytes, not the boundaries of the writes.
 *
 * <p>It reaches {@link io.github.bttracker.TrackerClientListener#onConnectedPeer}, or, in a Bt runtime, becomes a
 * peer connection of the torrent. It is closed by either side, by {@link #close}, when its {@link
 * io.github.bttracker.TrackerClient} is destroyed, or when the runtime closes; {@link #closed} completes then.
 */
public interface ConnectedPeer {

    /** @return the torrent this peer was found for */
    InfoHash infoHash();

    /** @return the peer id the remote peer announced with */
    PeerId remotePeer();

    /**
     * Where the bytes from the peer go, one chunk at a time and in order; each chunk is a copy the receiver may keep.
     * It is called on the implementation's thread (for WebRTC, libwebrtc's signalling thread), or, for the bytes
     * that arrived before it was set, on the thread that sets it; never two at once. It must not block. Bytes that
     * arrive before a receiver is set are kept, up to a bound past which the peer is closed.
     *
     * @param receiver takes each chunk of bytes
     */
    void onData(Consumer<byte[]> receiver);

    /**
     * Sends {@code bytes}; may wait while the connection's buffer is full. Sends from several threads do not
     * interleave.
     *
     * @param bytes the bytes, sent whole and in order
     * @throws IOException the peer is closed, or closed while waiting
     */
    void send(byte[] bytes) throws IOException;

    /** @return bytes sent and not yet handed to the network: a sender that must not wait keeps this low */
    long bufferedAmount();

    /** Closes the connection; returns at once, {@link #closed} completes when it is done. Idempotent. */
    void close();

    /** @return a future that completes normally when this peer is closed, by either side; it never fails */
    CompletableFuture<Void> closed();

    /** @return whether this peer is closed or closing */
    boolean isClosed();
}
