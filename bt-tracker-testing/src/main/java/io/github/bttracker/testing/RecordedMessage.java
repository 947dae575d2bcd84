package io.github.bttracker.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.bttracker.testing.WebSocketRequest.Answer;
import io.github.bttracker.testing.WebSocketRequest.Malformed;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A WebSocket text message as the embedded tracker received it. Immutable; byte arrays and JSON trees handed out
 * are copies.
 *
 * <p>Fields are read leniently, whether or not the tracker accepted the message ({@link #isWellFormed()}), so a
 * test can see what a client got wrong. Ids ({@code info_hash}, {@code peer_id}, {@code to_peer_id},
 * {@code offer_id}) are protocol strings of one character per byte and come back as those bytes (ISO-8859-1): 20
 * bytes for valid ids, whatever the client sent otherwise (characters above U+00FF read as {@code '?'}).
 */
public final class RecordedMessage {
    private final int connectionIndex;
    private final int sequenceNumber;
    private final InetSocketAddress remoteAddress;
    private final String text;
    private final JsonNode json;
    private final String problem;
    private final String action;
    private final List<byte[]> infoHashes;
    private final byte[] peerId;
    private final String event;
    private final List<byte[]> offerIds;
    private final int offerCount;
    private final byte[] toPeerId;
    private final byte[] offerId;
    private final boolean answer;
    private final Integer numWant;
    private final Long left;
    private final Long uploaded;
    private final Long downloaded;
    private final String trackerId;

    /**
     * @param connectionIndex which accepted WebSocket connection the message came on, counting from 0
     * @param sequenceNumber  which message it was on that connection, counting from 0
     * @param json            the parsed message, null when it was not JSON
     * @param request         how the tracker understood it
     */
    RecordedMessage(int connectionIndex, int sequenceNumber, InetSocketAddress remoteAddress, String text,
            JsonNode json, WebSocketRequest request) {
        this.connectionIndex = connectionIndex;
        this.sequenceNumber = sequenceNumber;
        this.remoteAddress = remoteAddress;
        this.text = text;
        this.json = json == null ? null : json.deepCopy();
        this.problem = request instanceof Malformed malformed ? malformed.problem() : null;
        JsonNode object = json != null && json.isObject() ? json : WebSocketJson.object();
        this.action = string(object.get("action"));
        this.infoHashes = infoHashes(object.get("info_hash"));
        this.peerId = bytes(object.get("peer_id"));
        this.event = string(object.get("event"));
        JsonNode offers = object.get("offers");
        List<byte[]> ids = new ArrayList<>();
        if (offers != null && offers.isArray()) {
            offers.forEach(offer -> {
                byte[] id = bytes(offer.get("offer_id"));
                if (id != null) {
                    ids.add(id);
                }
            });
        }
        this.offerIds = List.copyOf(ids);
        this.offerCount = offers != null && offers.isArray() ? offers.size() : 0;
        this.toPeerId = bytes(object.get("to_peer_id"));
        this.offerId = bytes(object.get("offer_id"));
        JsonNode answerField = object.get("answer");
        this.answer = request instanceof Answer || answerField != null && !answerField.isNull();
        Long numWantField = WebSocketRequestDecoder.integer(object.get("numwant"));
        this.numWant = numWantField == null ? null : (int) Math.max(Integer.MIN_VALUE,
                Math.min(Integer.MAX_VALUE, numWantField));
        this.left = WebSocketRequestDecoder.integer(object.get("left"));
        this.uploaded = WebSocketRequestDecoder.integer(object.get("uploaded"));
        this.downloaded = WebSocketRequestDecoder.integer(object.get("downloaded"));
        this.trackerId = string(object.get("trackerid"));
    }

    /**
     * {@return which accepted WebSocket connection the message came on, counting from 0: equal for messages sharing
     * one}
     */
    public int connectionIndex() {
        return connectionIndex;
    }

    /** {@return which message this was on its connection, counting from 0} */
    public int sequenceNumber() {
        return sequenceNumber;
    }

    /** {@return the address the connection came from} */
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    /** {@return the message exactly as received} */
    public String text() {
        return text;
    }

    /** {@return the message as a JSON tree (a copy); empty when it was not JSON} */
    public Optional<JsonNode> json() {
        return Optional.ofNullable(json).map(JsonNode::deepCopy);
    }

    /** {@return whether the tracker accepted the message; it answers the others with a failure reason} */
    public boolean isWellFormed() {
        return problem == null;
    }

    /** {@return the failure reason the tracker gave (or would have given) the message; empty when it accepted it} */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /**
     * The {@code action} field, e.g. {@code announce} or {@code scrape}; the empty string when absent or not a
     * string.
     *
     * @return the action, or the empty string
     */
    public String action() {
        return action == null ? "" : action;
    }

    /** {@return whether the {@code action} is {@code announce} (answers included)} */
    public boolean isAnnounce() {
        return "announce".equals(action);
    }

    /** {@return whether the {@code action} is {@code scrape}} */
    public boolean isScrape() {
        return "scrape".equals(action);
    }

    /**
     * The {@code info_hash} field as bytes: one element for an announce or a scrape of one torrent, one per string
     * for a scrape of many (in message order); empty when absent.
     *
     * @return copies of the info hashes, possibly empty
     */
    public List<byte[]> infoHashes() {
        return infoHashes.stream().map(byte[]::clone).toList();
    }

    /** {@return the first {@code info_hash}, as bytes} */
    public Optional<byte[]> infoHash() {
        return infoHashes.isEmpty() ? Optional.empty() : Optional.of(infoHashes.get(0).clone());
    }

    /** {@return the first {@code info_hash}, as lower-case hex} */
    public Optional<String> infoHashHex() {
        return infoHashes.isEmpty() ? Optional.empty() : Optional.of(Ids.hex(infoHashes.get(0)));
    }

    /** {@return the {@code peer_id} field, as bytes} */
    public Optional<byte[]> peerId() {
        return copy(peerId);
    }

    /** {@return the {@code event} field as sent (e.g. {@code started}); empty when absent} */
    public Optional<String> event() {
        return Optional.ofNullable(event);
    }

    /** {@return the {@code event} field as an event; absent and unknown ones are {@link AnnounceEvent#NONE}} */
    public AnnounceEvent announceEvent() {
        return AnnounceEvent.fromWireName(event);
    }

    /** {@return how many elements the {@code offers} array has; 0 when there is none} */
    public int offerCount() {
        return offerCount;
    }

    /** {@return the {@code offer_id} of every offer that has a string one, in message order, as bytes} */
    public List<byte[]> offerIds() {
        return offerIds.stream().map(byte[]::clone).toList();
    }

    /** {@return the {@code to_peer_id} field of an answer, as bytes} */
    public Optional<byte[]> toPeerId() {
        return copy(toPeerId);
    }

    /** {@return the top-level {@code offer_id} field (that of an answer), as bytes} */
    public Optional<byte[]> offerId() {
        return copy(offerId);
    }

    /** {@return whether the message carries an {@code answer} to an offer} */
    public boolean isAnswer() {
        return answer;
    }

    /** {@return the {@code numwant} field; empty when absent or not a number} */
    public OptionalInt numWant() {
        return numWant == null ? OptionalInt.empty() : OptionalInt.of(numWant);
    }

    /** {@return the {@code left} field; empty when absent or not a number} */
    public OptionalLong left() {
        return left == null ? OptionalLong.empty() : OptionalLong.of(left);
    }

    /** {@return the {@code uploaded} field; empty when absent or not a number} */
    public OptionalLong uploaded() {
        return uploaded == null ? OptionalLong.empty() : OptionalLong.of(uploaded);
    }

    /** {@return the {@code downloaded} field; empty when absent or not a number} */
    public OptionalLong downloaded() {
        return downloaded == null ? OptionalLong.empty() : OptionalLong.of(downloaded);
    }

    /** {@return the {@code trackerid} field a client echoes; empty when absent} */
    public Optional<String> trackerId() {
        return Optional.ofNullable(trackerId);
    }

    @Override
    public String toString() {
        String what = action == null ? "message" : action + (answer ? " (answer)" : "");
        return what + (isWellFormed() ? "" : " (malformed: " + problem + ")") + ", " + text.length()
                + " chars on connection " + connectionIndex + " from " + remoteAddress;
    }

    private static String string(JsonNode value) {
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    private static byte[] bytes(JsonNode value) {
        String string = string(value);
        return string == null ? null : WebSocketJson.bytes(string);
    }

    private static List<byte[]> infoHashes(JsonNode value) {
        if (value == null) {
            return List.of();
        }
        if (value.isArray()) {
            List<byte[]> hashes = new ArrayList<>();
            value.forEach(element -> {
                byte[] hash = bytes(element);
                if (hash != null) {
                    hashes.add(hash);
                }
            });
            return List.copyOf(hashes);
        }
        byte[] hash = bytes(value);
        return hash == null ? List.of() : List.of(hash);
    }

    private static Optional<byte[]> copy(byte[] bytes) {
        return bytes == null ? Optional.empty() : Optional.of(bytes.clone());
    }
}
