package io.github.bttracker.it.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.testing.AnnounceEvent;
import io.github.bttracker.testing.EmbeddedTracker;
import io.github.bttracker.testing.RecordedDatagram;
import io.github.bttracker.testing.RecordedMessage;
import io.github.bttracker.testing.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What the embedded tracker recorded, read the same way whichever protocol ("http", "udp", "ws") carried it, so
 * that a test parameterized over protocols asserts on it once. Each method takes the oldest record of its kind not
 * taken yet, waiting up to 10 seconds, and drops the records of other kinds it meets on the way (UDP connects,
 * relayed WebRTC answers, scrapes or announces).
 */
final class Recorded {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Recorded() {
    }

    /**
     * An announce as the tracker received it.
     *
     * @param left     as sent: empty when the client left it out, -1 ("unknown") over UDP, which cannot leave it out
     * @param numWant  as sent, empty when absent
     * @param offerIds the ids of the WebRTC offers it carried (WebSocket only)
     * @param fields   every parameter as text: the query parameters over HTTP, the top-level fields of the JSON
     *                 message over WebSocket; none over UDP, which has no room for them
     * @param headers  the HTTP request's headers, by case-insensitive name; none over UDP and WebSocket (whose
     *                 upgrade request the embedded tracker does not record)
     */
    record Announce(PeerId peerId, AnnounceEvent event, long uploaded, long downloaded, OptionalLong left,
                    OptionalInt numWant, List<String> offerIds, Map<String, String> fields,
                    Map<String, String> headers) {

        Optional<String> field(String name) {
            return Optional.ofNullable(fields.get(name));
        }

        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }
    }

    /** The next announce, from whichever peer. */
    static Announce announce(EmbeddedTracker tracker, String protocol) {
        return switch (protocol) {
            case "http" -> announce(nextHttp(tracker, true));
            case "udp" -> announce(nextDatagram(tracker, true));
            case "ws" -> announce(nextMessage(tracker, true));
            default -> throw new IllegalArgumentException(protocol);
        };
    }

    /** The next announce of this peer; those of other peers are dropped. */
    static Announce announceOf(EmbeddedTracker tracker, String protocol, PeerId peer) {
        while (true) {
            Announce announce = announce(tracker, protocol);
            if (announce.peerId().equals(peer)) {
                return announce;
            }
        }
    }

    /** The info hashes of the next scrape, in request order. */
    static List<InfoHash> scrape(EmbeddedTracker tracker, String protocol) {
        List<byte[]> hashes = switch (protocol) {
            case "http" -> nextHttp(tracker, false).params("info_hash");
            case "udp" -> nextDatagram(tracker, false).scrapeInfoHashes();
            case "ws" -> nextMessage(tracker, false).infoHashes();
            default -> throw new IllegalArgumentException(protocol);
        };
        return hashes.stream().map(InfoHash::of).toList();
    }

    private static RecordedRequest nextHttp(EmbeddedTracker tracker, boolean announce) {
        while (true) {
            RecordedRequest request = tracker.http().take(TIMEOUT);
            if (announce ? request.isAnnounce() : request.isScrape()) {
                return request;
            }
        }
    }

    private static RecordedDatagram nextDatagram(EmbeddedTracker tracker, boolean announce) {
        while (true) {
            RecordedDatagram datagram = tracker.udp().take(TIMEOUT);
            if (announce ? datagram.isAnnounce() : datagram.isScrape()) {
                return datagram;
            }
        }
    }

    private static RecordedMessage nextMessage(EmbeddedTracker tracker, boolean announce) {
        while (true) {
            RecordedMessage message = tracker.ws().poll(TIMEOUT);
            if (message == null) {
                throw new AssertionError("no WebSocket " + (announce ? "announce" : "scrape")
                        + " reached the tracker within " + TIMEOUT);
            }
            if (announce ? message.isAnnounce() && !message.isAnswer() : message.isScrape()) {
                return message;
            }
        }
    }

    private static Announce announce(RecordedRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        request.params().forEach((name, values) ->
                fields.put(name, new String(values.get(0), StandardCharsets.ISO_8859_1)));
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        request.headers().forEach((name, values) -> headers.put(name, values.get(0)));
        return new Announce(PeerId.of(request.peerId().orElseThrow()),
                AnnounceEvent.fromWireName(request.event().orElse(null)),
                number(request, "uploaded"), number(request, "downloaded"),
                request.param("left").map(v -> OptionalLong.of(Long.parseLong(v))).orElse(OptionalLong.empty()),
                request.param("numwant").map(v -> OptionalInt.of(Integer.parseInt(v))).orElse(OptionalInt.empty()),
                List.of(), fields, headers);
    }

    private static long number(RecordedRequest request, String name) {
        return Long.parseLong(request.param(name)
                .orElseThrow(() -> new AssertionError("no '" + name + "' in " + request)));
    }

    private static Announce announce(RecordedDatagram datagram) {
        return new Announce(PeerId.of(datagram.peerId().orElseThrow()), datagram.event(), datagram.uploaded(),
                datagram.downloaded(), OptionalLong.of(datagram.left()), OptionalInt.of(datagram.numWant()),
                List.of(), Map.of(), Map.of());
    }

    private static Announce announce(RecordedMessage message) {
        Map<String, String> fields = new LinkedHashMap<>();
        JsonNode json = message.json().orElseThrow();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isValueNode()) {
                fields.put(field.getKey(), field.getValue().asText());
            }
        }
        return new Announce(PeerId.of(message.peerId().orElseThrow()), message.announceEvent(),
                message.uploaded().orElseThrow(() -> new AssertionError("no 'uploaded' in " + message.text())),
                message.downloaded().orElseThrow(() -> new AssertionError("no 'downloaded' in " + message.text())),
                message.left(), message.numWant(),
                message.offerIds().stream().map(id -> new String(id, StandardCharsets.ISO_8859_1)).toList(),
                fields, Map.of());
    }
}
