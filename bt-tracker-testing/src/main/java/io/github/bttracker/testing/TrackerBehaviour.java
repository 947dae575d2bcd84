package io.github.bttracker.testing;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * How the embedded tracker answers one request, for tests to {@link HttpFacet#enqueue enqueue}. Each
 * enqueued behaviour applies to exactly the next HTTP request, whatever its path; with none enqueued the tracker
 * answers normally.
 *
 * <p>Behaviours that still give the normal answer but dress it up ({@link #warning}, {@link #gzip},
 * {@link #delay}, ...) are {@link NormalResponse}s and combine with {@link NormalResponse#and}, e.g.
 * {@code warning("slow down").and(gzip())}.
 */
public sealed interface TrackerBehaviour {

    /** The normal answer, unchanged. */
    static NormalResponse normal() {
        return NormalResponse.UNCHANGED;
    }

    /** {@code {"failure reason": reason}} with status 200, as real trackers send it; the swarm is not touched. */
    static TrackerBehaviour failure(String reason) {
        return new Failure(reason);
    }

    /** The normal answer plus {@code "warning message"}. */
    static NormalResponse warning(String message) {
        return NormalResponse.UNCHANGED.withWarning(Objects.requireNonNull(message, "message"));
    }

    /**
     * The normal answer plus these top-level fields, replacing normal fields of the same name: {@code min
     * interval}, {@code tracker id}, {@code external ip} (4 or 16 raw bytes), {@code retry in}, another
     * {@code interval}... Values are anything the bencode encoder takes: String, byte[], Integer, Long, List, Map.
     */
    static NormalResponse extraFields(Map<String, ?> fields) {
        return NormalResponse.UNCHANGED.withExtraFields(fields);
    }

    /** That status with a {@code Location} header and an empty body; the request is not processed. */
    static TrackerBehaviour redirect(int status, String location) {
        return new Redirect(status, location, false);
    }

    /**
     * Like {@link #redirect}, with the request's raw query appended to {@code location}, as a tracker that moved
     * redirects a client's announce to its new address.
     */
    static TrackerBehaviour redirectKeepingQuery(int status, String location) {
        return new Redirect(status, location, true);
    }

    /** The normal answer, gzip-compressed, with {@code Content-Encoding: gzip}. */
    static NormalResponse gzip() {
        return NormalResponse.UNCHANGED.withCoding(ContentCoding.GZIP);
    }

    /** The normal answer, zlib-wrapped deflate as HTTP means it, with {@code Content-Encoding: deflate}. */
    static NormalResponse deflate() {
        return NormalResponse.UNCHANGED.withCoding(ContentCoding.DEFLATE);
    }

    /** The normal answer with peers as a list of dictionaries even if the client asked for {@code compact=1}. */
    static NormalResponse dictionaryPeers() {
        return NormalResponse.UNCHANGED.withDictionaryPeers();
    }

    /**
     * The normal answer with these peers added to the swarm's; in compact form IPv4 ones go to {@code peers},
     * IPv6 ones to {@code peers6}. They have no peer id, so the dictionary form lists them without one.
     */
    static NormalResponse extraPeers(List<InetSocketAddress> peers) {
        return NormalResponse.UNCHANGED.withExtraPeers(peers);
    }

    /** The normal answer, sent only after this delay (the announce itself is applied at once). */
    static NormalResponse delay(Duration delay) {
        return NormalResponse.UNCHANGED.withDelay(delay);
    }

    /** Reads the request and never answers; the connection stays open. */
    static TrackerBehaviour noResponse() {
        return NoResponse.INSTANCE;
    }

    /**
     * Status 200 headers with chunked transfer encoding, then a small chunk every 50 ms until the connection
     * closes: a bencoded list that never ends.
     */
    static TrackerBehaviour neverEndingBody() {
        return NeverEndingBody.INSTANCE;
    }

    /**
     * Exactly this status, body and headers, for malformed bencode, oversized bodies, lying headers... A
     * {@code Content-Length} matching the body is added unless {@code headers} set {@code Content-Length} or
     * {@code Transfer-Encoding} themselves.
     */
    static TrackerBehaviour body(int status, byte[] body, Map<String, String> headers) {
        return new RawBody(status, body, headers);
    }

    /**
     * Exactly these bytes on the connection, below HTTP: nothing is added, so they can be anything a broken or
     * hostile server sends (interim 1xx responses, bad chunk sizes, oversized headers...). The connection stays
     * open; what the client does with it is up to the client.
     */
    static TrackerBehaviour rawBytes(byte[] bytes) {
        return new RawBytes(bytes, Duration.ZERO, new byte[0]);
    }

    /**
     * Like {@link #rawBytes(byte[])}: {@code first} at once, then {@code then} after {@code delay} (if the
     * connection is still open), as a server that sends an interim response and its final answer later.
     */
    static TrackerBehaviour rawBytes(byte[] first, Duration delay, byte[] then) {
        return new RawBytes(first, delay, then);
    }

    /** Status 200 with a valid-looking bencoded dictionary of exactly {@code bytes} bytes (see {@link #filler}). */
    static TrackerBehaviour oversizedBody(int bytes) {
        return new RawBody(200, filler(bytes), Map.of("Content-Type", "text/plain"));
    }

    /** Headers claiming {@code Content-Length: 5000000000000}, then a few bytes; the connection stays open. */
    static TrackerBehaviour hugeContentLength() {
        return HugeContentLength.INSTANCE;
    }

    /** Closes the TCP connection without any response. */
    static TrackerBehaviour closeConnection() {
        return CloseConnection.INSTANCE;
    }

    /**
     * A valid bencoded announce response of exactly {@code totalBytes} bytes: {@code interval}, an empty
     * {@code peers} and a {@code padding} string making up the size, so only its size can make a client reject it.
     */
    static byte[] filler(int totalBytes) {
        String head = "d8:intervali1800e7:padding";
        String tail = "5:peers0:e";
        int overhead = head.length() + tail.length() + 1; // + 1 for the ':' after the padding's length
        for (int digits = 1; digits <= 10; digits++) {
            int padding = totalBytes - overhead - digits;
            if (padding >= 0 && Integer.toString(padding).length() == digits) {
                byte[] out = new byte[totalBytes];
                byte[] prefix = (head + padding + ":").getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(prefix, 0, out, 0, prefix.length);
                Arrays.fill(out, prefix.length, prefix.length + padding, (byte) 'x');
                byte[] suffix = tail.getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(suffix, 0, out, prefix.length + padding, suffix.length);
                return out;
            }
        }
        throw new IllegalArgumentException("no bencoded filler is " + totalBytes + " bytes long (minimum "
                + (overhead + 1) + ")");
    }

    /** How the body of a normal answer is compressed. */
    enum ContentCoding {
        IDENTITY, GZIP, DEFLATE
    }

    /**
     * The normal answer, possibly dressed up. Combine with {@link #and}.
     *
     * @param warning         {@code warning message} to add, or {@code null}
     * @param extraFields     top-level fields to add or replace
     * @param coding          how to compress the body
     * @param dictionaryPeers whether to list peers as dictionaries even when compact was asked for
     * @param extraPeers      peers to hand out on top of the swarm's
     * @param delay           how long to wait before answering
     */
    record NormalResponse(String warning, Map<String, Object> extraFields, ContentCoding coding,
            boolean dictionaryPeers, List<InetSocketAddress> extraPeers, Duration delay) implements TrackerBehaviour {

        static final NormalResponse UNCHANGED =
                new NormalResponse(null, Map.of(), ContentCoding.IDENTITY, false, List.of(), Duration.ZERO);

        /** Validates and takes immutable copies. */
        public NormalResponse {
            extraFields = Collections.unmodifiableMap(new LinkedHashMap<>(extraFields));
            Objects.requireNonNull(coding, "coding");
            extraPeers = List.copyOf(extraPeers);
            for (InetSocketAddress peer : extraPeers) {
                if (peer.isUnresolved()) {
                    throw new IllegalArgumentException("extra peers need an IP address: " + peer);
                }
            }
            if (delay.isNegative()) {
                throw new IllegalArgumentException("negative delay: " + delay);
            }
        }

        /**
         * Both dressings at once. Where both set the same thing, {@code other} wins (warning, coding, delay, equal
         * extra field names); extra peers add up.
         */
        public NormalResponse and(NormalResponse other) {
            Map<String, Object> fields = new LinkedHashMap<>(extraFields);
            fields.putAll(other.extraFields);
            return new NormalResponse(
                    other.warning != null ? other.warning : warning,
                    fields,
                    other.coding != ContentCoding.IDENTITY ? other.coding : coding,
                    dictionaryPeers || other.dictionaryPeers,
                    Stream.concat(extraPeers.stream(), other.extraPeers.stream()).toList(),
                    other.delay.isZero() ? delay : other.delay);
        }

        NormalResponse withWarning(String message) {
            return new NormalResponse(message, extraFields, coding, dictionaryPeers, extraPeers, delay);
        }

        NormalResponse withExtraFields(Map<String, ?> fields) {
            return new NormalResponse(warning, Map.copyOf(fields), coding, dictionaryPeers, extraPeers, delay);
        }

        NormalResponse withCoding(ContentCoding newCoding) {
            return new NormalResponse(warning, extraFields, newCoding, dictionaryPeers, extraPeers, delay);
        }

        public NormalResponse withDictionaryPeers() {
            return new NormalResponse(warning, extraFields, coding, true, extraPeers, delay);
        }

        NormalResponse withExtraPeers(List<InetSocketAddress> peers) {
            return new NormalResponse(warning, extraFields, coding, dictionaryPeers, peers, delay);
        }

        NormalResponse withDelay(Duration newDelay) {
            return new NormalResponse(warning, extraFields, coding, dictionaryPeers, extraPeers, newDelay);
        }
    }

    /** {@code {"failure reason": reason}}, status 200. */
    record Failure(String reason) implements TrackerBehaviour {
        /** Rejects a missing reason. */
        public Failure {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A redirect with an empty body. */
    record Redirect(int status, String location, boolean keepQuery) implements TrackerBehaviour {
        /** Rejects a missing location. */
        public Redirect {
            Objects.requireNonNull(location, "location");
        }
    }

    /** Exactly this status, body and headers. */
    record RawBody(int status, byte[] body, Map<String, String> headers) implements TrackerBehaviour {
        /** Takes copies, so the behaviour cannot change after it was enqueued. */
        public RawBody {
            body = body.clone();
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof RawBody that
                    && status == that.status && Arrays.equals(body, that.body) && headers.equals(that.headers);
        }

        @Override
        public int hashCode() {
            return Objects.hash(status, Arrays.hashCode(body), headers);
        }

        @Override
        public String toString() {
            return "RawBody[status=" + status + ", " + body.length + " bytes, headers=" + headers + "]";
        }
    }

    /** Exactly these bytes, below HTTP: {@code first} at once, {@code then} after {@code delay}. */
    record RawBytes(byte[] first, Duration delay, byte[] then) implements TrackerBehaviour {
        /** Takes copies, so the behaviour cannot change after it was enqueued. */
        public RawBytes {
            first = first.clone();
            then = then.clone();
            if (delay.isNegative()) {
                throw new IllegalArgumentException("negative delay: " + delay);
            }
        }

        @Override
        public byte[] first() {
            return first.clone();
        }

        @Override
        public byte[] then() {
            return then.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof RawBytes that && Arrays.equals(first, that.first) && delay.equals(that.delay)
                    && Arrays.equals(then, that.then);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(first), delay, Arrays.hashCode(then));
        }

        @Override
        public String toString() {
            return "RawBytes[" + first.length + " bytes, then " + then.length + " bytes after " + delay + "]";
        }
    }

    /** Never answers. */
    enum NoResponse implements TrackerBehaviour {
        INSTANCE
    }

    /** A chunked body that never ends. */
    enum NeverEndingBody implements TrackerBehaviour {
        INSTANCE
    }

    /** A Content-Length of 5 TB and a few bytes. */
    enum HugeContentLength implements TrackerBehaviour {
        INSTANCE
    }

    /** Closes the connection without answering. */
    enum CloseConnection implements TrackerBehaviour {
        INSTANCE
    }
}
