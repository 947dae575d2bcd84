package io.github.bttracker;

import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.spi.ConnectedPeer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** A connected peer in memory: what is sent to it is kept, what it "receives" goes to its receiver. */
public final class MemoryPeer implements ConnectedPeer {
    private final InfoHash infoHash;
    private final PeerId remotePeer;
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile Consumer<byte[]> receiver;
    public volatile long buffered;

    public MemoryPeer(InfoHash infoHash, PeerId remotePeer) {
        this.infoHash = infoHash;
        this.remotePeer = remotePeer;
    }

    public void receive(byte[] bytes) {
        receiver.accept(bytes.clone());
    }

    public synchronized byte[] sent() {
        return sent.toByteArray();
    }

    @Override
    public InfoHash infoHash() {
        return infoHash;
    }

    @Override
    public PeerId remotePeer() {
        return remotePeer;
    }

    @Override
    public void onData(Consumer<byte[]> receiver) {
        this.receiver = receiver;
    }

    @Override
    public synchronized void send(byte[] bytes) throws IOException {
        if (isClosed()) {
            throw new IOException("closed");
        }
        sent.writeBytes(bytes);
    }

    @Override
    public long bufferedAmount() {
        return buffered;
    }

    @Override
    public void close() {
        closed.complete(null);
    }

    @Override
    public CompletableFuture<Void> closed() {
        return closed.copy();
    }

    @Override
    public boolean isClosed() {
        return closed.isDone();
    }
}
