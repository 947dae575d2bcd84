package io.github.bttracker.internal.transport.ws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.bttracker.WebRtc;
import io.github.bttracker.core.AnnounceEvent;
import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.core.ScrapeResult;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The JSON of the WebTorrent tracker protocol. Binary fields ({@code info_hash}, {@code peer_id}, {@code to_peer_id},
 * {@code offer_id}) travel as strings of one character per byte (U+0000-U+00FF). Reading is bounded by Jackson's
 * stream read constraints: nesting depth, string and number lengths.
 */
final class WsMessages {

    /** Deepest JSON nesting accepted: the protocol needs 3 ({@code {offers:[{offer:{...}}]}}). */
    static final int MAX_NESTING = 16;

    private final ObjectMapper json;

    WsMessages(int maxMessageSize) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING)
                        .maxStringLength(maxMessageSize)
                        .maxNumberLength(40)
                        .build())
                .build();
        this.json = new ObjectMapper(factory);
    }

    String announce(AnnounceRequest request, List<WebRtc.Offer> offers, String trackerId) {
        ObjectNode m = json.createObjectNode()
                .put("action", "announce")
                .put("info_hash", request.infoHash().toLatin1())
                .put("peer_id", request.peerId().toLatin1())
                .put("uploaded", request.uploaded())
                .put("downloaded", request.downloaded())
                .put("numwant", request.numWant());
        // the reference tracker counts a peer without 'left' as a leecher; unknown left is left out as over HTTP
        request.left().ifPresent(left -> m.put("left", left));
        if (request.event() != AnnounceEvent.NONE) {
            m.put("event", request.event().httpValue());
        }
        if (!offers.isEmpty()) {
            ArrayNode list = m.putArray("offers");
            for (WebRtc.Offer offer : offers) {
                list.addObject().put("offer_id", offer.offerId()).set("offer", signal(offer.offer()));
            }
        }
        String id = trackerId != null ? trackerId : request.trackerId().orElse(null);
        if (id != null) {
            m.put("trackerid", id);
        }
        request.customParameters().forEach(m::put);
        return m.toString();
    }

    String scrape(List<InfoHash> infoHashes) {
        ObjectNode m = json.createObjectNode().put("action", "scrape");
        ArrayNode hashes = m.putArray("info_hash");
        infoHashes.forEach(h -> hashes.add(h.toLatin1()));
        return m.toString();
    }

    String answer(InfoHash infoHash, PeerId ourPeerId, PeerId toPeer, String offerId, WebRtc.Signal answer) {
        return json.createObjectNode()
                .put("action", "announce")
                .put("info_hash", infoHash.toLatin1())
                .put("peer_id", ourPeerId.toLatin1())
                .put("to_peer_id", toPeer.toLatin1())
                .put("offer_id", offerId)
                .set("answer", signal(answer))
                .toString();
    }

    private ObjectNode signal(WebRtc.Signal signal) {
        return json.createObjectNode().put("type", signal.type()).put("sdp", signal.sdp());
    }

    /** @throws MalformedMessageException saying what was wrong with the text */
    WsMessage decode(String text) throws MalformedMessageException {
        JsonNode m;
        try {
            m = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException("not valid JSON within the limits: " + e.getOriginalMessage());
        }
        if (m == null || !m.isObject()) {
            throw new MalformedMessageException("not a JSON object");
        }
        String action = m.path("action").isTextual() ? m.get("action").asText() : null;
        InfoHash infoHash = m.has("info_hash") && m.get("info_hash").isTextual()
                ? infoHash(m.get("info_hash").asText()) : null;
        if (m.has("failure reason")) {
            return new WsMessage.Failure(m.get("failure reason").asText(), infoHash, action);
        }
        if ("scrape".equals(action)) {
            return scrapeReply(m);
        }
        if (!"announce".equals(action)) {
            throw new MalformedMessageException("unknown action " + action);
        }
        if (infoHash == null) {
            throw new MalformedMessageException("an announce message without a valid info_hash");
        }
        if (m.has("offer")) {
            return new WsMessage.RelayedOffer(infoHash, peerId(m), offerId(m), signal(m.get("offer")));
        }
        if (m.has("answer")) {
            return new WsMessage.RelayedAnswer(infoHash, peerId(m), offerId(m), signal(m.get("answer")));
        }
        return new WsMessage.AnnounceReply(infoHash, number(m, "interval"), number(m, "complete"),
                number(m, "incomplete"), text(m, "tracker id", text(m, "trackerid", null)),
                text(m, "warning message", null));
    }

    private WsMessage scrapeReply(JsonNode m) throws MalformedMessageException {
        JsonNode files = m.get("files");
        if (files == null || !files.isObject()) {
            throw new MalformedMessageException("a scrape reply without a 'files' object");
        }
        Map<InfoHash, ScrapeResult> results = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> file = it.next();
            InfoHash hash = infoHash(file.getKey());
            if (hash != null && file.getValue().isObject()) {
                JsonNode counts = file.getValue();
                results.put(hash, new ScrapeResult(hash, Math.max(0, number(counts, "complete")),
                        Math.max(0, number(counts, "incomplete")), Math.max(0, number(counts, "downloaded"))));
            }
        }
        return new WsMessage.ScrapeReply(results);
    }

    private static PeerId peerId(JsonNode m) throws MalformedMessageException {
        byte[] bytes = binary(m.path("peer_id").asText(""));
        if (bytes == null) {
            throw new MalformedMessageException("a relayed message without a valid peer_id");
        }
        return PeerId.of(bytes);
    }

    private static String offerId(JsonNode m) throws MalformedMessageException {
        if (!m.path("offer_id").isTextual()) {
            throw new MalformedMessageException("a relayed message without an offer_id");
        }
        return m.get("offer_id").asText();
    }

    private static WebRtc.Signal signal(JsonNode s) throws MalformedMessageException {
        if (s == null || !s.isObject() || !s.path("sdp").isTextual()) {
            throw new MalformedMessageException("a session description without 'sdp'");
        }
        return new WebRtc.Signal(s.path("type").asText(""), s.get("sdp").asText());
    }

    private static InfoHash infoHash(String text) {
        byte[] bytes = binary(text);
        return bytes == null ? null : InfoHash.of(bytes);
    }

    /** @return the 20 bytes of a one-character-per-byte string, or null if it is not one */
    private static byte[] binary(String text) {
        if (text.length() != 20 || !text.chars().allMatch(c -> c <= 0xFF)) {
            return null;
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static long number(JsonNode m, String field) {
        JsonNode n = m.get(field);
        return n != null && n.canConvertToLong() ? n.asLong() : -1;
    }

    private static String text(JsonNode m, String field, String otherwise) {
        JsonNode n = m.get(field);
        return n != null && n.isTextual() ? n.asText() : otherwise;
    }

    /** Why a message from the tracker was dropped. */
    static final class MalformedMessageException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedMessageException(String message) {
            super(message, null, false, false);
        }
    }
}
