package io.github.bttracker.internal.transport.ws;

import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.core.ScrapeResult;
import io.github.bttracker.spi.WebRtc;
import java.util.Map;

/** A message from a WebSocket (WebTorrent) tracker. */
sealed interface WsMessage {

    /**
     * The tracker's answer to our announce.
     *
     * @param interval seconds, or -1 when absent
     * @param complete seeders, or -1 when absent
     * @param incomplete leechers, or -1 when absent
     * @param trackerId the tracker id to send back, or null
     * @param warning the warning message, or null
     */
    record AnnounceReply(InfoHash infoHash, long interval, long complete, long incomplete, String trackerId,
                         String warning) implements WsMessage {
    }

    /** The tracker's answer to a scrape. */
    record ScrapeReply(Map<InfoHash, ScrapeResult> files) implements WsMessage {
    }

    /**
     * A {@code failure reason}, routed by {@code info_hash} and {@code action} when the tracker says them.
     *
     * @param infoHash the torrent, or null
     * @param action "announce", "scrape", or null
     */
    record Failure(String reason, InfoHash infoHash, String action) implements WsMessage {
    }

    /** Another peer's offer, relayed to us. */
    record RelayedOffer(InfoHash infoHash, PeerId peerId, String offerId, WebRtc.Signal offer) implements WsMessage {
    }

    /** Another peer's answer to one of our offers, relayed to us. */
    record RelayedAnswer(InfoHash infoHash, PeerId peerId, String offerId, WebRtc.Signal answer)
            implements WsMessage {
    }
}
