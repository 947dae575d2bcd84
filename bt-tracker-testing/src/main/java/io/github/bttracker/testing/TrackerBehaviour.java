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
 *
 * <p>Behaviours are immutable values (arrays are copied in and out), so one may be enqueued many times and from any
 * thread; they run on the tracker's thread. The factories check their arguments when called, with a
 * {@link NullPointerException} or an {@link IllegalArgumentException}, rather than later on the tracker's thread.
 */
public sealed interface TrackerBehaviour {

    /**
     * The normal answer, unchanged.
     *
     * @return the behaviour, to enqueue or combine with {@link NormalResponse#and}
     */
    static NormalResponse normal() {
        return NormalResponse.UNCHANGED;
    }

    /**
     * {@code {"failure reason": reason}} with status 200, as real trackers send it; the swarm is not touched.
     *
     * @param reason the {@code failure reason}, not null
     * @return the behaviour, to enqueue
     */
    static TrackerBehaviour failure(String reason) {
        return new Failure(reason);
    }

    /**
     * The normal answer plus {@code "warning message"}.
     *
     * @param message the {@code warning message}, not null
     * @return the behaviour, to enqueue or combine with {@link NormalResponse#and}
     */
    static NormalResponse warning(String message) {
        return NormalResponse.UNCHANGED.withWarning(Objects.requireNonNull(message, "message"));
    }

    /**
     * The normal answer plus these top-level fields, replacing normal fields of the same name: {@code min
     * interval}, {@code tracker id}, {@code external ip} (4 or 16 raw bytes), {@code retry in}, another
     * {@code interval}... Values are anything the bencode encoder takes: String, byte[], Integer, Long, List, Map.
     *
     * @param fields field names and values
     * @return the behaviour, to enqueue or combine with {@link NormalResponse#and}
     */
    static NormalResponse extraFields(Map<String, ?> fields) {
        return NormalResponse.UNCHANGED.withExtraFields(fields);
    }

    /**
     * That status with a {@code Location} header and an empty body; the request is not processed.
     *
     * @param status the redirect status, e.g. 301, 302, 307
     * @param location the {@code Location} header's value
     * @return the behaviour, to enqueue
     */
    static TrackerBehaviour redirect(int status, String location) {
        return new Redirect(status, location, false);
    }

    /**
     * Like {@link #redirect}, with the request's raw query appended to {@code location}, as a tracker that moved
     * redirects a client's announce to its new address.
     *
     * @param status the redirect status, e.g. 301, 302, 307
     * @param location the {@code Location} header's value
     * @return the behaviour, to enqueue
     */
    static TrackerBehaviour redirectKeepingQuery(int status, String location) {
        return new Redirect(status, location, true);
    }

    /**
     * The normal answer, gzip-compressed, with {@code Content-Encoding: gzip}.
     *
     * @return the behaviour, to enqueue or combine with {@link NormalResponse#and}
     */
    static NormalResponse gzip() {
        return NormalResponse.UNCHANGED.withCoding(ContentCoding.GZIP);
    }

    /**
     * The normal answer, zlib-wrapped deflate as HTTP means it, with {@code Content-Encoding: deflate}.
     *
     * @return the behaviour, to enqueue or combine with {@link NormalResponse#and}
     */
    static NormalResponse deflate() {
        return NormalResponse.UNCHANGED.withCoding(ContentCoding.DEFLATE);
    }

    /**
     * The normal answer with peers as a list of dictionaries even if the client asked for {@code compact=1}.
     *
     * @return the behaviour, to enqueue or combine with {@link NormalResponse#and}
     */
    static NormalResponse dictionaryPeers() {
        return NormalResponse.UNCHANGED.withDictionaryPeers();
    }

    /**
     * The normal answer with these peers added to the swarm's; in compact form IPv4 ones go to {@code peers},
     * IPv6 ones to {@code peers6}. They have no peer id, so the dictionary form lists them without one.
     *
     * @param peers the peers' addresses, resolved
     * @return the behaviour, to enqueue or combine with {@link NormalResponse#and}
     */
    static NormalResponse extraPeers(List<InetSocketAddress> peers) {
        return NormalResponse.UNCHANGED.withExtraPeers(peers);
    }

    /**
     * The normal answer, sent only after this delay (the announce itself is applied at once).
     *
     * @param delay how long to wait, zero or more
     * @return the behaviour, to enqueue or combine with {@link NormalResponse#and}
     */
    static NormalResponse delay(Duration delay) {
        return NormalResponse.UNCHANGED.withDelay(delay);
    }

    /**
     * Reads the request and never answers; the connection stays open.
     *
     * @return the behaviour, to enqueue
     */
    static TrackerBehaviour noResponse() {
        return NoResponse.INSTANCE;
    }

    /**
     * Status 200 headers with chunked transfer encoding, then a small chunk every 50 ms until the connection
     * closes: a bencoded list that never ends.
     *
     * @return the behaviour, to enqueue
     */
    static TrackerBehaviour neverEndingBody() {
        return NeverEndingBody.INSTANCE;
    }

    /**
     * Exactly this status, body and headers, for malformed bencode, oversized bodies, lying headers... A
     * {@code Content-Length} matching the body is added unless {@code headers} set {@code Content-Length} or
     * {@code Transfer-Encoding} themselves.
     *
     * @param status the HTTP status
     * @param body the body, copied
     * @param headers the response headers, copied
     * @return the behaviour, to enqueue
     */
    static TrackerBehaviour body(int status, byte[] body, Map<String, String> headers) {
        return new RawBody(status, body, headers);
    }

    /**
     * Exactly these bytes on the connection, below HTTP: nothing is added, so they can be anything a broken or
     * hostile server sends (interim 1xx responses, bad chunk sizes, oversized headers...). The connection stays
     * open; what the client does with it is up to the client.
     *
     * @param bytes the bytes, copied
     * @return the behaviour, to enqueue
     */
    static TrackerBehaviour rawBytes(byte[] bytes) {
        return new RawBytes(bytes, Duration.ZERO, new byte[0]);
    }

    /**
     * Like {@link #rawBytes(byte[])}: {@code first} at once, then {@code then} after {@code delay} (if the
     * connection is still open), as a server that sends an interim response and its final answer later.
     *
     * @param first the bytes sent at once, copied
     * @param delay how long to wait, zero or more
     * @param then the bytes sent after {@code delay}, copied
     * @return the behaviour, to enqueue
     */
    static TrackerBehaviour rawBytes(byte[] first, Duration delay, byte[] then) {
        return new RawBytes(first, delay, then);
    }

    /**
     * Status 200 with a valid-looking bencoded dictionary of exactly {@code bytes} bytes (see {@link #filler}).
     *
     * @param bytes the body's length in bytes
     * @return the behaviour, to enqueue
     */
    static TrackerBehaviour oversizedBody(int bytes) {
        return new RawBody(200, filler(bytes), Map.of("Content-Type", "text/plain"));
    }

    /**
     * Headers claiming {@code Content-Length: 5000000000000}, then a few bytes; the connection stays open.
     *
     * @return the behaviour, to enqueue
     */
    static TrackerBehaviour hugeContentLength() {
        return HugeContentLength.INSTANCE;
    }

    /**
     * Closes the TCP connection without any response.
     *
     * @return the behaviour, to enqueue
     */
    static TrackerBehaviour closeConnection() {
        return CloseConnection.INSTANCE;
    }

    /**
     * A valid bencoded announce response of exactly {@code totalBytes} bytes: {@code interval}, an empty
     * {@code peers} and a {@code padding} string making up the size, so only its size can make a client reject it.
     *
     * @param totalBytes the length of the document in bytes
     * @return a bencoded dictionary of exactly that many bytes
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
        /** Not compressed. */
        IDENTITY,
        /** {@code Content-Encoding: gzip}. */
        GZIP,
        /** {@code Content-Encoding: deflate} (zlib-wrapped). */
        DEFLATE
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

        /**
         * Validates and takes immutable copies.
         *
         * @param warning {@code warning message} to add, or {@code null}
         * @param extraFields top-level fields to add or replace
         * @param coding how to compress the body
         * @param dictionaryPeers whether to list peers as dictionaries even when compact was asked for
         * @param extraPeers peers to hand out on top of the swarm's
         * @param delay how long to wait before answering
         */
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
         *
         * @param other the other dressing, which wins where both set the same thing
         * @return the behaviour, to enqueue or combine with {@link NormalResponse#and}
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

        /** {@return this dressing, with peers listed as dictionaries even when compact was asked for} */
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
        /**
         * Rejects a missing reason.
         *
         * @param reason the {@code failure reason}, not null
         */
        public Failure {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A redirect with an empty body. */
    record Redirect(int status, String location, boolean keepQuery) implements TrackerBehaviour {
        /**
         * Rejects a missing location.
         *
         * @param status the HTTP status
         * @param location the {@code Location} header's value
         * @param keepQuery whether the request's raw query is appended to {@code location}
         */
        public Redirect {
            Objects.requireNonNull(location, "location");
        }
    }

    /** Exactly this status, body and headers. */
    record RawBody(int status, byte[] body, Map<String, String> headers) implements TrackerBehaviour {
        /**
         * Takes copies, so the behaviour cannot change after it was enqueued.
         *
         * @param status the HTTP status
         * @param body the body, copied
         * @param headers the response headers, copied
         */
        public RawBody {
            body = body.clone();
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        }

        /** {@return a copy of the body} */
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
        /**
         * Takes copies, so the behaviour cannot change after it was enqueued.
         *
         * @param first the bytes sent at once, copied
         * @param delay how long to wait, zero or more
         * @param then the bytes sent after {@code delay}, copied
         */
        public RawBytes {
            first = first.clone();
            then = then.clone();
            if (delay.isNegative()) {
                throw new IllegalArgumentException("negative delay: " + delay);
            }
        }

        /** {@return a copy of the bytes sent at once} */
        @Override
        public byte[] first() {
            return first.clone();
        }

        /** {@return a copy of the bytes sent after the delay} */
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
        /** The only instance. */
        INSTANCE
    }

    /** A chunked body that never ends. */
    enum NeverEndingBody implements TrackerBehaviour {
        /** The only instance. */
        INSTANCE
    }

    /** A Content-Length of 5 TB and a few bytes. */
    enum HugeContentLength implements TrackerBehaviour {
        /** The only instance. */
        INSTANCE
    }

    /** Closes the connection without answering. */
    enum CloseConnection implements TrackerBehaviour {
        /** The only instance. */
        INSTANCE
    }
}
