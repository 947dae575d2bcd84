package io.github.bttracker.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.bttracker.testing.WebSocketRequest.Announce;
import io.github.bttracker.testing.WebSocketRequest.Answer;
import io.github.bttracker.testing.WebSocketRequest.Malformed;
import io.github.bttracker.testing.WebSocketRequest.Offer;
import io.github.bttracker.testing.WebSocketRequest.Scrape;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Decodes WebTorrent tracker messages, as strictly as the reference server (webtorrent/bittorrent-tracker) does
 * and a little stricter where a client bug would otherwise go unnoticed (offers and answers must be well formed).
 */
final class WebSocketRequestDecoder {
    static final String ANNOUNCE = "announce";
    static final String SCRAPE = "scrape";

    private WebSocketRequestDecoder() {
    }

    /**
     * Decodes a parsed message; anything the tracker cannot act on comes back {@link Malformed}.
     *
     * @param message the parsed message, or null when it was not JSON
     * @param parseError why it was not JSON, when it was not
     */
    static WebSocketRequest decode(JsonNode message, String parseError) {
        if (message == null) {
            return new Malformed("invalid JSON: " + parseError, null, null);
        }
        if (!message.isObject()) {
            return new Malformed("invalid message: not a JSON object", null, null);
        }
        JsonNode action = message.get("action");
        if (action != null && action.isTextual()) {
            if (ANNOUNCE.equals(action.textValue())) {
                return announce(message);
            }
            if (SCRAPE.equals(action.textValue())) {
                return scrape(message);
            }
        }
        return new Malformed("invalid action in WS request: " + (action == null ? "none" : action), null, null);
    }

    private static WebSocketRequest announce(JsonNode message) {
        String infoHash = id(message, "info_hash");
        if (infoHash == null) {
            return new Malformed("invalid info_hash", ANNOUNCE, null);
        }
        String peerId = id(message, "peer_id");
        if (peerId == null) {
            return new Malformed("invalid peer_id", ANNOUNCE, infoHash);
        }
        if (present(message, "answer")) {
            return answer(message, infoHash, peerId);
        }
        List<Offer> offers = new ArrayList<>();
        if (present(message, "offers")) {
            JsonNode list = message.get("offers");
            if (!list.isArray()) {
                return new Malformed("invalid offers: not an array", ANNOUNCE, infoHash);
            }
            for (JsonNode offer : list) {
                JsonNode offerId = offer.get("offer_id");
                JsonNode description = offer.get("offer");
                if (offerId == null || !offerId.isTextual() || description == null || !description.isObject()) {
                    return new Malformed("invalid offers: each needs a string offer_id and an offer object",
                            ANNOUNCE, infoHash);
                }
                offers.add(new Offer(offerId.textValue(), description));
            }
        }
        JsonNode event = message.get("event");
        return new Announce(infoHash, peerId, left(message.get("left")),
                AnnounceEvent.fromWireName(event != null && event.isTextual() ? event.textValue() : null),
                numWant(message.get("numwant")), List.copyOf(offers));
    }

    private static WebSocketRequest answer(JsonNode message, String infoHash, String peerId) {
        String toPeerId = id(message, "to_peer_id");
        if (toPeerId == null) {
            return new Malformed("invalid `to_peer_id` (required with `answer`)", ANNOUNCE, infoHash);
        }
        JsonNode offerId = message.get("offer_id");
        if (offerId == null || !offerId.isTextual()) {
            return new Malformed("invalid `offer_id` (required with `answer`)", ANNOUNCE, infoHash);
        }
        JsonNode answer = message.get("answer");
        if (!answer.isObject()) {
            return new Malformed("invalid answer: not an object", ANNOUNCE, infoHash);
        }
        return new Answer(infoHash, peerId, toPeerId, offerId.textValue(), answer);
    }

    private static WebSocketRequest scrape(JsonNode message) {
        JsonNode infoHash = message.get("info_hash");
        List<String> infoHashes = new ArrayList<>();
        if (infoHash == null || infoHash.isNull()) {
            return new Scrape(List.of());
        }
        if (infoHash.isTextual()) {
            infoHashes.add(infoHash.textValue());
        } else if (infoHash.isArray()) {
            infoHash.forEach(element -> infoHashes.add(element.isTextual() ? element.textValue() : null));
        } else {
            return new Malformed("invalid info_hash", SCRAPE, null);
        }
        for (String hash : infoHashes) {
            if (!WebSocketJson.isId(hash)) {
                return new Malformed("invalid info_hash", SCRAPE, null);
            }
        }
        return new Scrape(List.copyOf(infoHashes));
    }

    /** The value of an id field when it is valid (20 characters, one per byte), else null. */
    private static String id(JsonNode message, String field) {
        JsonNode value = message.get(field);
        return value != null && value.isTextual() && WebSocketJson.isId(value.textValue()) ? value.textValue() : null;
    }

    private static boolean present(JsonNode message, String field) {
        JsonNode value = message.get(field);
        return value != null && !value.isNull();
    }

    /** {@code left} as a number of bytes; anything else (absent, negative, not a number) means unknown. */
    static Long left(JsonNode value) {
        Long number = integer(value);
        return number == null || number < 0 ? null : number;
    }

    static OptionalInt numWant(JsonNode value) {
        Long number = integer(value);
        return number == null || number < 0
                ? OptionalInt.empty()
                : OptionalInt.of((int) Math.min(number, Integer.MAX_VALUE));
    }

    /** A JSON number, or a string of digits as JavaScript's {@code Number()} would take it; null otherwise. */
    static Long integer(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isNumber()) {
            return value.canConvertToLong() ? value.longValue() : null;
        }
        if (value.isTextual()) {
            try {
                return Long.parseLong(value.textValue().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
