package io.github.bttracker.spi;

import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The plug-in point through which a WebRTC implementation connects this client to peers found on WebSocket
 * (WebTorrent) trackers: it creates the offers sent with announces, answers offers other peers relay through the
 * tracker, and receives the answers to its own offers. The signalling travels over the tracker connection; the
 * peer connections themselves are the implementation's business.
 *
 * <p>Methods are called on the tracker runtime's event loop thread: they must not block (return futures that complete
 * later, on any thread). An exception or a failed future is logged and that one offer or answer is dropped; the
 * connection and the other torrents go on.
 *
 * <p>The peers whose connection opens go to the runtime that uses the implementation, through {@link
 * #connectedPeers}; the runtime hands each to the {@link io.github.bttracker.TrackerClient} of its torrent ({@link
 * io.github.bttracker.TrackerClientListener#onConnectedPeer}) or, in a Bt runtime, to the torrent's peer connections.
 *
 * <p>Without one ({@link io.github.bttracker.options.WebSocketOptions#withWebRtc} not set), announces to WebSocket
 * trackers do not join the swarm, since other peers would send offers that nobody answers: they scrape the torrent
 * instead and report seeders and leechers with no peers.
 */
public interface WebRtc {

    /**
     * Creates offers for an announce of {@code infoHash}.
     *
     * @param infoHash the torrent announced
     * @param count how many offers the announce carries (at most the announce's numwant, at most 10)
     * @return the offers, each with its own id (20 bytes as 20 characters U+0000-U+00FF, or any unique text)
     */
    CompletableFuture<List<Offer>> createOffers(InfoHash infoHash, int count);

    /**
     * Another peer's offer, relayed by the tracker: create the answer.
     *
     * @param infoHash the torrent
     * @param remotePeer the peer id of the peer that offers
     * @param offerId the id of its offer, to be sent back with the answer
     * @param offer its session description
     * @return the answer to relay back, or a future completing with {@code null} to decline
     */
    CompletableFuture<Signal> answer(InfoHash infoHash, PeerId remotePeer, String offerId, Signal offer);

    /**
     * The answer to one of this client's offers, relayed by the tracker.
     *
     * @param infoHash the torrent
     * @param remotePeer the peer id of the peer that answered
     * @param offerId the id of this client's offer
     * @param answer its session description
     */
    void answered(InfoHash infoHash, PeerId remotePeer, String offerId, Signal answer);

    /**
     * Called once, by the runtime that uses this implementation, before any other method: every peer whose
     * connection opens from then on goes to {@code sink}, which does not block. An implementation that opens no
     * connections of its own (one that only relays signals, say) may ignore it.
     *
     * @param sink takes every peer whose connection opens, on the implementation's thread
     * @throws IllegalStateException when another runtime or a listener of the implementation's own already takes
     *     its peers
     */
    default void connectedPeers(Consumer<ConnectedPeer> sink) {
    }

    /**
     * A session description: {@code {type, sdp}} in the WebRTC protocol. Immutable and thread-safe.
     *
     * @param type {@code "offer"} or {@code "answer"}
     * @param sdp the SDP text
     */
    record Signal(String type, String sdp) {
    }

    /**
     * One offer for an announce. Immutable and thread-safe.
     *
     * @param offerId the id peers answer to
     * @param offer the offer's session description
     */
    record Offer(String offerId, Signal offer) {
    }
}
