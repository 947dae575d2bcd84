package io.github.bttracker.internal.transport;

import io.github.bttracker.core.InfoHash;
import io.github.bttracker.spi.ConnectedPeer;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peers a runtime's {@link io.github.bttracker.spi.WebRtc} connected, routed by torrent: to the sink registered for
 * the torrent (a {@link io.github.bttracker.TrackerClient}), else to the runtime-wide one (the Bt bridge), else
 * closed. Keeps every open peer, so that a torrent's peers close with its client and all of them with the runtime.
 * Thread-safe; sinks are called on the thread that delivers the peer and must not block.
 */
public final class ConnectedPeers {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectedPeers.class);

    private final ConcurrentMap<InfoHash, Consumer<ConnectedPeer>> sinks = new ConcurrentHashMap<>();
    private final Set<ConnectedPeer> open = ConcurrentHashMap.newKeySet();
    private volatile Consumer<ConnectedPeer> fallback;
    private volatile boolean closed;

    public ConnectedPeers() {
    }

    /**
     * The peers of {@code infoHash} go to {@code sink} until the returned handle is closed, which also closes them.
     * A later registration for the same torrent takes its peers from then on.
     */
    public Registration register(InfoHash infoHash, Consumer<ConnectedPeer> sink) {
        Objects.requireNonNull(sink, "sink");
        sinks.put(infoHash, sink);
        return () -> {
            sinks.remove(infoHash, sink);
            close(infoHash);
        };
    }

    /** The peers of torrents with no registered sink go to {@code sink}. */
    public void fallback(Consumer<ConnectedPeer> sink) {
        this.fallback = Objects.requireNonNull(sink, "sink");
    }

    /** Peers open now, of {@code infoHash}. */
    public int count(InfoHash infoHash) {
        return (int) open.stream().filter(p -> p.infoHash().equals(infoHash)).count();
    }

    /** Peers open now. */
    public int count() {
        return open.size();
    }

    /** Closes the open peers of {@code infoHash}. */
    public void close(InfoHash infoHash) {
        for (ConnectedPeer peer : List.copyOf(open)) {
            if (peer.infoHash().equals(infoHash)) {
                peer.close();
            }
        }
    }

    /** Hands a peer whose connection opened to its sink; called by the WebRTC implementation. */
    public void accept(ConnectedPeer peer) {
        if (closed) {
            peer.close();
            return;
        }
        open.add(peer);
        peer.closed().whenComplete((v, e) -> open.remove(peer));
        Consumer<ConnectedPeer> sink = sinks.getOrDefault(peer.infoHash(), fallback);
        if (sink == null) {
            LOG.debug("Closing {}: no client of this runtime has its torrent", peer);
            peer.close();
            return;
        }
        try {
            sink.accept(peer);
        } catch (RuntimeException e) {
            LOG.warn("Closing {}: its sink failed", peer, e);
            peer.close();
        }
        if (closed) {
            // the runtime closed while it was handed over
            peer.close();
        }
    }

    /** Closes every open peer; later ones are closed as they come. */
    public void close() {
        closed = true;
        List.copyOf(open).forEach(ConnectedPeer::close);
    }

    /** A registration of a torrent's sink. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        /** Unregisters the sink and closes the torrent's open peers. */
        @Override
        void close();
    }
}
