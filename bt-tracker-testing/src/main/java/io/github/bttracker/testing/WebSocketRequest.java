package io.github.bttracker.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.OptionalInt;

/**
 * A WebSocket tracker message as the tracker understood it. Internal: the JSON trees are not copied and must not
 * be changed; {@link RecordedMessage} hands out copies. Ids are kept as protocol strings (one character per byte).
 */
sealed interface WebSocketRequest {

    /** {@code announce} or {@code scrape}, or null when unknown; failure replies carry it. */
    String action();

    /** The single valid info hash a failure reply can carry, or null. */
    String infoHash();

    /**
     * An announce without an answer: joins, updates or leaves the swarm and offers connections to other peers.
     *
     * @param left    bytes left, null when absent or not a number
     * @param numWant how many offers may be forwarded at most, empty when absent
     * @param offers  the offers, in message order
     */
    record Announce(String infoHash, String peerId, Long left, AnnounceEvent event, OptionalInt numWant,
            List<Offer> offers) implements WebSocketRequest {
        @Override
        public String action() {
            return "announce";
        }
    }

    /** One offer of an announce: the id the answer will echo and the WebRTC session description, passed on as is. */
    record Offer(String offerId, JsonNode offer) {
    }

    /** An announce carrying an answer to an offer: forwarded to the offering peer and otherwise ignored. */
    record Answer(String infoHash, String peerId, String toPeerId, String offerId, JsonNode answer)
            implements WebSocketRequest {
        @Override
        public String action() {
            return "announce";
        }
    }

    /**
     * A scrape.
     *
     * @param infoHashes the info hashes to report on in request order; empty for every swarm
     */
    record Scrape(List<String> infoHashes) implements WebSocketRequest {
        @Override
        public String action() {
            return "scrape";
        }

        @Override
        public String infoHash() {
            return infoHashes.size() == 1 ? infoHashes.get(0) : null;
        }
    }

    /**
     * A message the tracker answers with a failure.
     *
     * @param problem  the failure reason
     * @param action   the message's action when it was a known one, else null
     * @param infoHash the message's info hash when it was a valid one, else null
     */
    record Malformed(String problem, String action, String infoHash) implements WebSocketRequest {
    }
}
