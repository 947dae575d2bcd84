package io.github.bttracker.internal.transport.ws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.github.bttracker.core.AnnounceEvent;
import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.core.ScrapeResult;
import io.github.bttracker.spi.WebRtc;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of the WebTorrent tracker protocol. Binary fields ({@code info_hash}, {@code peer_id}, {@code to_peer_id},
 * {@code offer_id}) travel as strings of one character per byte (U+0000-U+00FF). Reading is bounded by Jackson's
 * stream read constraints: nesting depth, string and number lengths.
 *
 * <p>Only Jackson's streaming API ({@code jackson-core}) is used: a message is read into plain maps, lists, strings,
 * numbers and booleans (a later duplicate key replaces an earlier one, in its place), and written from them.
 */
final class WsMessages {

    /** Deepest JSON nesting accepted: the protocol needs 3 ({@code {offers:[{offer:{...}}]}}). */
    static final int MAX_NESTING = 16;

    /** A JSON {@code null}: present, unlike a missing field. */
    private static final Object NULL = new Object();

    private final JsonFactory json;

    WsMessages(int maxMessageSize) {
        this.json = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING)
                        .maxStringLength(maxMessageSize)
                        .maxNumberLength(40)
                        .build())
                .build();
    }

    String announce(AnnounceRequest request, List<WebRtc.Offer> offers, String trackerId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", "announce");
        m.put("info_hash", request.infoHash().toLatin1());
        m.put("peer_id", request.peerId().toLatin1());
        m.put("uploaded", request.uploaded());
        m.put("downloaded", request.downloaded());
        m.put("numwant", request.numWant());
        // the reference tracker counts a peer without 'left' as a leecher; unknown left is left out as over HTTP
        request.left().ifPresent(left -> m.put("left", left));
        if (request.event() != AnnounceEvent.NONE) {
            m.put("event", request.event().httpValue());
        }
        if (!offers.isEmpty()) {
            List<Object> list = new ArrayList<>();
            for (WebRtc.Offer offer : offers) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("offer_id", offer.offerId());
                o.put("offer", signal(offer.offer()));
                list.add(o);
            }
            m.put("offers", list);
        }
        String id = trackerId != null ? trackerId : request.trackerId().orElse(null);
        if (id != null) {
            m.put("trackerid", id);
        }
        m.putAll(request.customParameters());
        return write(m);
    }

    String scrape(List<InfoHash> infoHashes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", "scrape");
        List<Object> hashes = new ArrayList<>();
        infoHashes.forEach(h -> hashes.add(h.toLatin1()));
        m.put("info_hash", hashes);
        return write(m);
    }

    String answer(InfoHash infoHash, PeerId ourPeerId, PeerId toPeer, String offerId, WebRtc.Signal answer) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", "announce");
        m.put("info_hash", infoHash.toLatin1());
        m.put("peer_id", ourPeerId.toLatin1());
        m.put("to_peer_id", toPeer.toLatin1());
        m.put("offer_id", offerId);
        m.put("answer", signal(answer));
        return write(m);
    }

    private static Map<String, Object> signal(WebRtc.Signal signal) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", signal.type());
        s.put("sdp", signal.sdp());
        return s;
    }

    private String write(Map<String, Object> message) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = json.createGenerator(out)) {
            write(g, message);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static void write(JsonGenerator g, Object value) throws IOException {
        if (value instanceof Map) {
            g.writeStartObject();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) value).entrySet()) {
                g.writeFieldName(e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof List) {
            g.writeStartArray();
            for (Object element : (List<Object>) value) {
                write(g, element);
            }
            g.writeEndArray();
        } else if (value instanceof Number) {
            g.writeNumber(((Number) value).longValue());
        } else {
            g.writeString((String) value);
        }
    }

    /** @throws MalformedMessageException saying what was wrong with the text */
    WsMessage decode(String text) throws MalformedMessageException {
        Object value;
        try (JsonParser p = json.createParser(text)) {
            // as a tree reader does: the first value counts, whatever follows it is not read
            value = p.nextToken() == null ? null : read(p);
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException("not valid JSON within the limits: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedMessageException("not valid JSON within the limits: " + e.getMessage());
        }
        if (!(value instanceof Map)) {
            throw new MalformedMessageException("not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) value;
        String action = text(m, "action", null);
        String infoHashText = text(m, "info_hash", null);
        InfoHash infoHash = infoHashText != null ? infoHash(infoHashText) : null;
        if (m.containsKey("failure reason")) {
            return new WsMessage.Failure(asText(m.get("failure reason"), "null"), infoHash, action);
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
        if (m.containsKey("offer")) {
            return new WsMessage.RelayedOffer(infoHash, peerId(m), offerId(m), signal(m.get("offer")));
        }
        if (m.containsKey("answer")) {
            return new WsMessage.RelayedAnswer(infoHash, peerId(m), offerId(m), signal(m.get("answer")));
        }
        return new WsMessage.AnnounceReply(infoHash, number(m, "interval"), number(m, "complete"),
                number(m, "incomplete"), text(m, "tracker id", text(m, "trackerid", null)),
                text(m, "warning message", null));
    }

    /**
     * Reads the value whose first token is the parser's current one. Recursion is bounded: the parser refuses nesting
     * deeper than {@link #MAX_NESTING}.
     */
    private static Object read(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case START_OBJECT: {
                Map<String, Object> object = new LinkedHashMap<>();
                for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                    p.nextToken();
                    object.put(name, read(p));
                }
                return object;
            }
            case START_ARRAY: {
                List<Object> array = new ArrayList<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    array.add(read(p));
                }
                return array;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberValue(); // Integer, Long or BigInteger, by size
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return NULL;
            default:
                throw new JsonParseException(p, "unexpected token " + p.currentToken());
        }
    }

    @SuppressWarnings("unchecked")
    private WsMessage scrapeReply(Map<String, Object> m) throws MalformedMessageException {
        if (!(m.get("files") instanceof Map)) {
            throw new MalformedMessageException("a scrape reply without a 'files' object");
        }
        Map<InfoHash, ScrapeResult> results = new HashMap<>();
        for (Map.Entry<String, Object> file : ((Map<String, Object>) m.get("files")).entrySet()) {
            InfoHash hash = infoHash(file.getKey());
            if (hash != null && file.getValue() instanceof Map) {
                Map<String, Object> counts = (Map<String, Object>) file.getValue();
                results.put(hash, new ScrapeResult(hash, Math.max(0, number(counts, "complete")),
                        Math.max(0, number(counts, "incomplete")), Math.max(0, number(counts, "downloaded"))));
            }
        }
        return new WsMessage.ScrapeReply(results);
    }

    private static PeerId peerId(Map<String, Object> m) throws MalformedMessageException {
        byte[] bytes = binary(asText(m.get("peer_id"), ""));
        if (bytes == null) {
            throw new MalformedMessageException("a relayed message without a valid peer_id");
        }
        return PeerId.of(bytes);
    }

    private static String offerId(Map<String, Object> m) throws MalformedMessageException {
        String offerId = text(m, "offer_id", null);
        if (offerId == null) {
            throw new MalformedMessageException("a relayed message without an offer_id");
        }
        return offerId;
    }

    @SuppressWarnings("unchecked")
    private static WebRtc.Signal signal(Object value) throws MalformedMessageException {
        String sdp = value instanceof Map ? text((Map<String, Object>) value, "sdp", null) : null;
        if (sdp == null) {
            throw new MalformedMessageException("a session description without 'sdp'");
        }
        return new WebRtc.Signal(asText(((Map<String, Object>) value).get("type"), ""), sdp);
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

    /** @return a whole number that fits a long (a fraction is cut), or -1 for anything else */
    private static long number(Map<String, Object> m, String field) {
        Object n = m.get(field);
        if (n instanceof Integer || n instanceof Long) {
            return ((Number) n).longValue();
        }
        if (n instanceof Double) {
            double d = (Double) n;
            return d >= Long.MIN_VALUE && d <= Long.MAX_VALUE ? (long) d : -1;
        }
        return -1; // a BigInteger is beyond a long
    }

    private static String text(Map<String, Object> m, String field, String otherwise) {
        Object n = m.get(field);
        return n instanceof String ? (String) n : otherwise;
    }

    /**
     * Any value as text, as a lenient reader shows it: a string itself, a number or boolean as written in canonical
     * form, an object or array as the empty string, {@code null} and a missing value as {@code otherwise}.
     */
    private static String asText(Object value, String otherwise) {
        if (value == null || value == NULL) {
            return otherwise;
        }
        if (value instanceof Map || value instanceof List) {
            return "";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return (String) value;
    }

    /** Why a message from the tracker was dropped. */
    static final class MalformedMessageException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedMessageException(String message) {
            super(message, null, false, false);
        }
    }
}
