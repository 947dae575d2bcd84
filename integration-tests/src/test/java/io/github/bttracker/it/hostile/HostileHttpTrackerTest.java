package io.github.bttracker.it.hostile;

import static io.github.bttracker.it.hostile.HostileOutcomes.DEADLINE;
import static io.github.bttracker.it.hostile.HostileOutcomes.WAIT_SECONDS;
import static io.github.bttracker.it.hostile.HostileOutcomes.accepted;
import static io.github.bttracker.it.hostile.HostileOutcomes.fails;
import static io.github.bttracker.it.hostile.HostileOutcomes.refused;
import static io.github.bttracker.it.hostile.HostileOutcomes.request;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.TrackerException.Kind;
import io.github.bttracker.it.hostile.HostileOutcomes.Expected;
import io.github.bttracker.options.SafetyOptions;
import io.github.bttracker.testing.EmbeddedTracker;
import io.github.bttracker.testing.TrackerBehaviour;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A hostile HTTP tracker, over the wire: each response fails that one announce in a way the caller can read (a
 * refusal, or a TrackerException naming the tracker and the cause) within the caller's deadline, and the next
 * announce to the same tracker works. Runs with a 64 MiB heap in the {@code hostile-64m} execution: bodies that
 * are big on the wire are built just beyond the 1 MiB cap, and those that must be far bigger are gzip-compressed
 * (the test then holds only the compressed bytes).
 */
class HostileHttpTrackerTest extends HostileTrackerBase {

    private static final int CAP = SafetyOptions.DEFAULT_MAX_RESPONSE_SIZE;
    private static final String CAP_EXCEEDED = "larger than the limit of " + CAP + " bytes";
    private static final String CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n";
    private static final String EARLY_HINTS = "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n";
    /** An answer the tracker would not give on its own: its interval tells it apart. */
    private static final int ANSWER_INTERVAL = 1234;
    private static final String ANSWER_BODY = "d8:intervali" + ANSWER_INTERVAL + "e5:peers0:e";
    private static final String UNASKED_SWITCH = "HTTP status 101 (Switching Protocols) although no protocol switch"
            + " was asked for";
    @RegisterExtension
    static final HostileOutcomes OUTCOMES = new HostileOutcomes("HTTP");

    /** One hostile response: built when its case runs, so that no case holds another's bytes. */
    record HostileResponse(String name, Supplier<TrackerBehaviour> behaviour, Expected expected) {
    }

    static Stream<Arguments> hostileResponses() {
        return Stream.of(
                hostile("malformed bencode", () -> ok("d8:intervali18x0e5:peers0:e"),
                        fails(Kind.MALFORMED_RESPONSE, "invalid bencode: unexpected byte")),
                hostile("truncated bencode", () -> ok("d8:intervali1800e5:peers12:abc"),
                        fails(Kind.MALFORMED_RESPONSE, "invalid bencode: unexpected end of input")),
                hostile("lists nested 100,000 deep", () -> ok("d5:peers" + "l".repeat(100_000)
                                + "e".repeat(100_000) + "e"),
                        fails(Kind.MALFORMED_RESPONSE, "nesting deeper than 32")),
                hostile("string length 2^62", () -> ok("d5:peers4611686018427387904:abcdefe"),
                        fails(Kind.MALFORMED_RESPONSE, "string length 4611686018427387904 at offset 8 exceeds the"
                                + " limit of " + CAP + " bytes")),
                hostile("chunked body that never ends", TrackerBehaviour::neverEndingBody,
                        fails(Kind.TIMEOUT, "no complete response within " + DEADLINE.toMillis() + " ms")),
                hostile("Content-Length of 5 TB", TrackerBehaviour::hugeContentLength,
                        fails(Kind.TOO_LARGE, CAP_EXCEEDED)),
                hostile("gzip bomb: 128 MiB of zeros in ~130 KB", () -> gzipped(
                                "d8:intervali1800e7:padding134217728:", new byte[] {0}, 128 << 20, "e"),
                        fails(Kind.TOO_LARGE, CAP_EXCEEDED)),
                hostile("compact peers: 1,000,000 entries (6,000,000 bytes), gzipped", () -> gzipped(
                                "d8:intervali1800e5:peers6000000:", compactPeer(), 1_000_000, "e"),
                        fails(Kind.TOO_LARGE, CAP_EXCEEDED)),
                hostile("compact peers: 200,000 entries (1,200,000 bytes)", () -> ok(
                                "d8:intervali1800e5:peers1200000:", repeat(compactPeer(), 200_000), "e"),
                        fails(Kind.TOO_LARGE, CAP_EXCEEDED)),
                hostile("dictionary peers: 1,000,000 entries (28 MB), gzipped", () -> gzipped(
                                "d8:intervali1800e5:peersl", dictionaryPeer("10.0.0.1", 6881), 1_000_000, "ee"),
                        fails(Kind.TOO_LARGE, CAP_EXCEEDED)),
                hostile("dictionary peers: 55,000 entries in 1,045,010 bytes (275,003 values)", () -> ok(
                                "d5:peersl", repeat(dictionaryPeer("::", 1), 55_000), "ee"),
                        fails(Kind.MALFORMED_RESPONSE, "more than 250000 elements")),
                hostile("compact peers of 7 bytes", () -> TrackerBehaviour.extraFields(Map.of("peers", new byte[7])),
                        fails(Kind.MALFORMED_RESPONSE, "compact peer list of 7 bytes is not a multiple of 6")),
                hostile("peers6 of 20 bytes", () -> TrackerBehaviour.extraFields(Map.of("peers6", new byte[20])),
                        fails(Kind.MALFORMED_RESPONSE, "compact peer list of 20 bytes is not a multiple of 18")),
                // AnnounceResponseMapper: a negative interval makes the response malformed; other values are
                // reported as the tracker gave them (the scheduler caps them at a day, with a warning)
                hostile("interval -1", () -> TrackerBehaviour.extraFields(Map.of("interval", -1)),
                        fails(Kind.MALFORMED_RESPONSE, "negative interval of -1 s")),
                hostile("interval 2^40 s", () -> TrackerBehaviour.extraFields(Map.of("interval", 1L << 40)),
                        accepted("interval reported as given, 2^40 s (the schedule caps it at a day)",
                                r -> assertThat(r.interval()).hasValue(Duration.ofSeconds(1L << 40)))),
                hostile("min interval 3600 > interval 60", () -> TrackerBehaviour.extraFields(
                                Map.of("interval", 60, "min interval", 3600)),
                        accepted("both reported as given (interval 60 s, min interval 3600 s)", r -> {
                            assertThat(r.interval()).hasValue(Duration.ofSeconds(60));
                            assertThat(r.minInterval()).hasValue(Duration.ofSeconds(3600));
                        })),
                hostile("failure reason with bytes 0xff 0xfe", () -> ok(bytes("d14:failure reason15:tracker "),
                                new byte[] {(byte) 0xFF, (byte) 0xFE}, bytes(" downe")),
                        refused("tracker \uFFFD\uFFFD down")),
                hostile("HTTP 500 with a garbage body", () -> TrackerBehaviour.body(500,
                                new byte[] {(byte) 0xFF, 0, 'd', (byte) 0x80, 'x', '1', ':', (byte) 0xC3}, Map.of()),
                        fails(Kind.HTTP_STATUS, "HTTP status 500")),
                hostile("empty 200 body", () -> TrackerBehaviour.body(200, new byte[0], Map.of()),
                        fails(Kind.MALFORMED_RESPONSE, "invalid bencode: unexpected end of input at offset 0")),
                // interim (1xx) responses come before the final one to the same request (RFC 9110, 15.2)
                hostile("100 Continue before the answer", () -> TrackerBehaviour.rawBytes(
                                concat(bytes(CONTINUE), answer())),
                        accepted("the 100 skipped, the 200 read", HostileHttpTrackerTest::isTheAnswer)),
                hostile("two 103 Early Hints before the answer", () -> TrackerBehaviour.rawBytes(
                                concat(bytes(EARLY_HINTS), bytes(EARLY_HINTS), answer())),
                        accepted("both 103 skipped, the 200 read", HostileHttpTrackerTest::isTheAnswer)),
                hostile("100 Continue, the answer a second later", () -> TrackerBehaviour.rawBytes(
                                bytes(CONTINUE), Duration.ofSeconds(1), answer()),
                        accepted("the 100 skipped, the 200 read", HostileHttpTrackerTest::isTheAnswer)),
                hostile("101 Switching Protocols to h2c, never asked for", () -> TrackerBehaviour.rawBytes(bytes(
                                "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n")),
                        fails(Kind.HTTP_STATUS, UNASKED_SWITCH)),
                hostile("101 Switching Protocols to websocket, never asked for", () -> TrackerBehaviour.rawBytes(
                                bytes("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\n"
                                        + "Upgrade: websocket\r\n\r\nhello")),
                        fails(Kind.HTTP_STATUS, UNASKED_SWITCH)),
                hostile("complete chunked answer, then a bad chunk size", () -> TrackerBehaviour.rawBytes(bytes(
                                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1b\r\n" + ANSWER_BODY
                                        + "\r\nzz\r\n")),
                        fails(Kind.MALFORMED_RESPONSE, "invalid HTTP response: Invalid character in chunk size")),
                hostile("chunk longer than its size", () -> TrackerBehaviour.rawBytes(bytes(
                                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1a\r\n" + ANSWER_BODY
                                        + "\r\n0\r\n\r\n")),
                        fails(Kind.MALFORMED_RESPONSE, "invalid HTTP response: Chunk data sections must be")),
                hostile("20,000 bytes of headers", () -> TrackerBehaviour.rawBytes(bytes(
                                "HTTP/1.1 200 OK\r\nX-Padding: " + "x".repeat(20_000) + "\r\nContent-Length: "
                                        + ANSWER_BODY.length() + "\r\n\r\n" + ANSWER_BODY)),
                        fails(Kind.TOO_LARGE, "the response headers are larger than 16384 bytes")),
                hostile("status line of 10,000 bytes", () -> TrackerBehaviour.rawBytes(bytes(
                                "HTTP/1.1 200 " + "O".repeat(10_000) + "\r\nContent-Length: "
                                        + ANSWER_BODY.length() + "\r\n\r\n" + ANSWER_BODY)),
                        fails(Kind.TOO_LARGE, "(its status line or a chunk size) is longer than 8192 bytes")),
                hostile("an SSH banner instead of a status line", () -> TrackerBehaviour.rawBytes(bytes(
                                "SSH-2.0-OpenSSH_9.6\r\n\r\n")),
                        fails(Kind.MALFORMED_RESPONSE, "invalid HTTP response: invalid version format")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileResponses")
    void aHostileResponseFailsThatAnnounceOnlyAndTheNextOneWorks(HostileResponse hostile) throws Exception {
        String url = tracker.httpAnnounceUrl();
        OUTCOMES.run(hostile.name(), () -> {
            tracker.http().enqueue(hostile.behaviour().get());
            String outcome = HostileOutcomes.observe(url, runtime.announce(url, request(1), DEADLINE),
                    hostile.expected());

            AnnounceResponse next = runtime.announce(url, request(2), DEADLINE).get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(next.isSuccess()).as("the next announce after %s", hostile.name()).isTrue();
            assertThat(next.interval()).hasValue(Duration.ofSeconds(EmbeddedTracker.DEFAULT_INTERVAL_SECONDS));
            return outcome;
        });
    }

    /**
     * A {@code 100 Continue} at once and the answer only after the request gave up: the connection it gave up on is
     * closed, so that late answer can never be taken for the answer to the next request, sent meanwhile and
     * answered later.
     */
    @Test
    void aLateAnswerToARequestThatTimedOutNeverReachesTheNextRequest() throws Exception {
        String url = tracker.httpAnnounceUrl();
        Duration firstTimeout = Duration.ofSeconds(1);
        OUTCOMES.run("100 Continue, then the answer after the request timed out", () -> {
            tracker.http().enqueue(TrackerBehaviour.rawBytes(bytes(CONTINUE), Duration.ofSeconds(4), answer()));
            tracker.http().enqueue(TrackerBehaviour.delay(Duration.ofSeconds(6)));
            CompletableFuture<AnnounceResponse> first = runtime.announce(url, request(1), firstTimeout);
            first.handle((r, e) -> r).get(WAIT_SECONDS, TimeUnit.SECONDS);

            AnnounceResponse next = runtime.announce(url, request(2), Duration.ofSeconds(12))
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(next.interval()).as("the next announce's own answer, not the late one")
                    .hasValue(Duration.ofSeconds(EmbeddedTracker.DEFAULT_INTERVAL_SECONDS));
            return HostileOutcomes.observe(url, first,
                    fails(Kind.TIMEOUT, "no complete response within " + firstTimeout.toMillis() + " ms"));
        });
    }

    private static Arguments hostile(String name, Supplier<TrackerBehaviour> behaviour, Expected expected) {
        return Arguments.of(Named.of(name, new HostileResponse(name, behaviour, expected)));
    }

    /** A complete status 200 answer with {@link #ANSWER_BODY}, as raw bytes. */
    private static byte[] answer() {
        return bytes("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + ANSWER_BODY.length()
                + "\r\n\r\n" + ANSWER_BODY);
    }

    /** The announce response is {@link #ANSWER_BODY}'s, not the tracker's normal one. */
    private static void isTheAnswer(AnnounceResponse response) {
        assertThat(response.interval()).hasValue(Duration.ofSeconds(ANSWER_INTERVAL));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Status 200 with exactly these bytes, one part after the other. */
    private static TrackerBehaviour ok(Object... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Object part : parts) {
            body.writeBytes(part instanceof byte[] b ? b : bytes((String) part));
        }
        return TrackerBehaviour.body(200, body.toByteArray(), Map.of("Content-Type", "text/plain"));
    }

    /**
     * Status 200, {@code Content-Encoding: gzip}, with {@code head}, then {@code unit} {@code times} over, then
     * {@code tail}, compressed as they are written: only the compressed bytes are ever held.
     */
    private static TrackerBehaviour gzipped(String head, byte[] unit, int times, String tail) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        int perChunk = Math.max(1, (64 * 1024) / unit.length);
        byte[] chunk = repeat(unit, perChunk);
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed, 64 * 1024)) {
            gzip.write(bytes(head));
            int left = times;
            while (left > 0) {
                int now = Math.min(left, perChunk);
                gzip.write(chunk, 0, now * unit.length);
                left -= now;
            }
            gzip.write(bytes(tail));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return TrackerBehaviour.body(200, compressed.toByteArray(),
                Map.of("Content-Type", "text/plain", "Content-Encoding", "gzip"));
    }

    /** 10.0.0.1:6881 as a compact entry. */
    private static byte[] compactPeer() {
        return new byte[] {10, 0, 0, 1, 0x1A, (byte) 0xE1};
    }

    /** {@code {ip, port}} as a bencoded dictionary. */
    private static byte[] dictionaryPeer(String ip, int port) {
        return bytes("d2:ip" + ip.length() + ":" + ip + "4:porti" + port + "ee");
    }

    private static byte[] repeat(byte[] unit, int times) {
        byte[] out = new byte[unit.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(unit, 0, out, i * unit.length, unit.length);
        }
        return out;
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(US_ASCII);
    }
}
