package io.github.bttracker.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Builds the JSON messages the WebSocket tracker sends. Ids are protocol strings (one character per byte). */
final class WebSocketResponses {
    static final String FAILURE_REASON = "failure reason";

    private WebSocketResponses() {
    }

    /** The reply to an announce: {@code {"action":"announce","interval":...,"info_hash":...,"complete":...,...}}. */
    static ObjectNode announce(String infoHash, int interval, AnnounceResult result) {
        ObjectNode reply = WebSocketJson.object();
        reply.put("action", WebSocketRequestDecoder.ANNOUNCE);
        reply.put("interval", interval);
        reply.put("info_hash", infoHash);
        reply.put("complete", result.complete());
        reply.put("incomplete", result.incomplete());
        return reply;
    }

    /** An offer passed on to another peer of the swarm, from {@code peerId}. */
    static ObjectNode offer(String infoHash, String peerId, String offerId, JsonNode offer) {
        ObjectNode message = WebSocketJson.object();
        message.put("action", WebSocketRequestDecoder.ANNOUNCE);
        message.put("info_hash", infoHash);
        message.put("peer_id", peerId);
        message.put("offer_id", offerId);
        message.set("offer", offer.deepCopy());
        return message;
    }

    /** An answer passed on to the peer that made the offer, from {@code peerId}. */
    static ObjectNode answer(String infoHash, String peerId, String offerId, JsonNode answer) {
        ObjectNode message = WebSocketJson.object();
        message.put("action", WebSocketRequestDecoder.ANNOUNCE);
        message.put("info_hash", infoHash);
        message.put("peer_id", peerId);
        message.put("offer_id", offerId);
        message.set("answer", answer.deepCopy());
        return message;
    }

    /** The reply to a scrape: {@code {"action":"scrape","files":{<info hash>:{complete,incomplete,downloaded}}}}. */
    static ObjectNode scrape(Map<String, ScrapeCounts> counts) {
        ObjectNode reply = WebSocketJson.object();
        reply.put("action", WebSocketRequestDecoder.SCRAPE);
        ObjectNode files = reply.putObject("files");
        counts.forEach((infoHash, swarm) -> {
            ObjectNode file = files.putObject(infoHash);
            file.put("complete", swarm.complete());
            file.put("incomplete", swarm.incomplete());
            file.put("downloaded", swarm.downloaded());
        });
        return reply;
    }

    /**
     * {@code {"failure reason":reason}}, plus {@code action} and {@code info_hash} when known (null when not) so that
     * a client with several torrents on one connection can tell which announce failed.
     */
    static ObjectNode failure(String reason, String action, String infoHash) {
        ObjectNode reply = WebSocketJson.object();
        reply.put(FAILURE_REASON, reason);
        if (action != null) {
            reply.put("action", action);
        }
        if (infoHash != null) {
            reply.put("info_hash", infoHash);
        }
        return reply;
    }

    /** The reply with {@code fields} added, replacing fields of the same name. */
    static ObjectNode withExtraFields(ObjectNode reply, Map<String, Object> fields) {
        ObjectNode dressed = reply.deepCopy();
        fields.forEach((name, value) -> dressed.set(name, WebSocketJson.toTree(value)));
        return dressed;
    }

    /** A junk announce reply for a random info hash, as {@link WebSocketBehaviour#flood} sends. */
    static ObjectNode junk(Random random) {
        byte[] infoHash = new byte[Ids.LENGTH];
        random.nextBytes(infoHash);
        ObjectNode junk = WebSocketJson.object();
        junk.put("action", WebSocketRequestDecoder.ANNOUNCE);
        junk.put("info_hash", WebSocketJson.string(infoHash));
        junk.put("interval", 1);
        return junk;
    }

    /** Scrape counts by info hash string, in the order given. */
    static Map<String, ScrapeCounts> countsOf(List<byte[]> infoHashes, Swarms swarms) {
        Map<String, ScrapeCounts> counts = new LinkedHashMap<>();
        for (byte[] infoHash : infoHashes) {
            counts.put(WebSocketJson.string(infoHash), swarms.scrape(infoHash));
        }
        return counts;
    }
}
