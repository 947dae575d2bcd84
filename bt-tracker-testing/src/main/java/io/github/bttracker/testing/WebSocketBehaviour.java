package io.github.bttracker.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the embedded tracker treats one WebSocket message, for tests to {@link WebSocketFacet#enqueue enqueue}.
 * Each enqueued behaviour applies to exactly the next text message the WebSocket tracker receives on any
 * connection, whatever its action (announce, answer, scrape or garbage); with none enqueued the tracker answers
 * normally.
 *
 * <p>{@link #failure}, {@link #drop()}, {@link #closeConnection()}, {@link #closeWith} and {@link #raw} replace the
 * normal handling: the message does not take effect (the swarm is not touched, no offer or answer is forwarded), as
 * with {@link TrackerBehaviour#failure} over HTTP. The others are {@link NormalReply}s: the message takes effect
 * as soon as it arrives, and only what the tracker sends changes. They combine with {@link NormalReply#and}, e.g.
 * {@code extraFields(Map.of("warning message", "slow down")).and(delay(Duration.ofMillis(200)))}.
 *
 * <p>Behaviours are immutable values, so one may be enqueued many times and from any thread; they run on the
 * tracker's thread. The factories check their arguments when called, with a {@link NullPointerException} or an
 * {@link IllegalArgumentException} (extra fields Jackson cannot write included), rather than later on the tracker's
 * thread.
 */
public sealed interface WebSocketBehaviour {

    /**
     * The normal handling, unchanged.
     *
     * @return the behaviour, to enqueue or combine with {@link NormalReply#and}
     */
    static NormalReply normal() {
        return NormalReply.UNCHANGED;
    }

    /**
     * {@code {"failure reason": reason}} instead of the reply, with the message's {@code action} and
     * {@code info_hash} when it had valid ones so that a client can route the failure; the message does not take
     * effect.
     *
     * @param reason the {@code failure reason}, not null
     * @return the behaviour, to enqueue
     */
    static WebSocketBehaviour failure(String reason) {
        return new Failure(reason);
    }

    /**
     * Records the message and does nothing else: no reply, no forwarded offer or answer, the swarm untouched.
     *
     * @return the behaviour, to enqueue
     */
    static WebSocketBehaviour drop() {
        return Drop.INSTANCE;
    }

    /**
     * The normal handling, but everything it sends (the reply, forwarded offers or answers) goes out only after
     * {@code delay}; the message takes effect at once.
     *
     * @param delay how long to wait, zero or more
     * @return the behaviour, to enqueue or combine with {@link NormalReply#and}
     */
    static NormalReply delay(Duration delay) {
        return NormalReply.UNCHANGED.withDelay(delay);
    }

    /**
     * Closes the connection the message came on, abruptly (no close frame), instead of handling it.
     *
     * @return the behaviour, to enqueue
     */
    static WebSocketBehaviour closeConnection() {
        return CloseConnection.INSTANCE;
    }

    /**
     * Sends a close frame with this status code (e.g. 1001 "going away", 1011 "internal error") and reason, then
     * closes the connection, instead of handling the message.
     *
     * @param statusCode the status code, 1000 to 4999 except the reserved 1005, 1006 and 1015
     * @param reason the close reason, at most 123 UTF-8 bytes
     * @return the behaviour, to enqueue
     */
    static WebSocketBehaviour closeWith(int statusCode, String reason) {
        return new CloseWith(statusCode, reason);
    }

    /**
     * Exactly this text frame instead of the reply: malformed JSON, a reply missing fields, a deeply nested
     * ({@link #nestedJson}) or huge ({@link #hugeJson}) document... The message does not take effect.
     *
     * @param text the text of the frame
     * @return the behaviour, to enqueue
     */
    static WebSocketBehaviour raw(String text) {
        return new Raw(text);
    }

    /**
     * The normal handling, followed by {@code messages} junk text frames on the same connection, each
     * {@code {"action":"announce","info_hash":"<20 random chars U+0000-U+00FF>","interval":1}}: replies for
     * torrents the client never announced, which it must ignore.
     *
     * @param messages how many junk messages, 0 or more
     * @return the behaviour, to enqueue or combine with {@link NormalReply#and}
     */
    static NormalReply flood(int messages) {
        return NormalReply.UNCHANGED.withFlood(messages);
    }

    /**
     * The normal reply plus these top-level fields, replacing normal fields of the same name: {@code trackerid},
     * {@code warning message}, {@code min interval}, another {@code interval}... Values are anything Jackson
     * serialises (String, Number, Boolean, List, Map, a JsonNode, null). Messages without a reply (answers) get
     * none.
     *
     * @param fields field names and values
     * @return the behaviour, to enqueue or combine with {@link NormalReply#and}
     */
    static NormalReply extraFields(Map<String, ?> fields) {
        return NormalReply.UNCHANGED.withExtraFields(fields);
    }

    /**
     * A JSON document of {@code depth} nested arrays, {@code [[[...]]]}, to send with {@link #raw}.
     *
     * @param depth how many arrays deep, 1 or more
     * @return the JSON text
     */
    static String nestedJson(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be positive: " + depth);
        }
        return "[".repeat(depth) + "]".repeat(depth);
    }

    /**
     * A JSON object of exactly {@code length} ASCII characters (so as many UTF-8 bytes),
     * {@code {"action":"announce","padding":"xx...x"}}, to send with {@link #raw}.
     *
     * @param length the length in characters
     * @return the JSON text
     */
    static String hugeJson(int length) {
        String head = "{\"action\":\"announce\",\"padding\":\"";
        String tail = "\"}";
        int padding = length - head.length() - tail.length();
        if (padding < 0) {
            throw new IllegalArgumentException(
                    "the padded object is at least " + (head.length() + tail.length()) + " characters long");
        }
        return head + "x".repeat(padding) + tail;
    }

    /**
     * The normal handling, possibly dressed up. Combine with {@link #and}.
     *
     * @param extraFields top-level fields to add to the reply or replace in it
     * @param delay       how long to wait before sending anything
     * @param flood       how many junk messages to send after the reply
     */
    record NormalReply(Map<String, Object> extraFields, Duration delay, int flood) implements WebSocketBehaviour {

        static final NormalReply UNCHANGED = new NormalReply(Map.of(), Duration.ZERO, 0);

        /**
         * Validates and takes an immutable copy of the fields (which may hold null values).
         *
         * @param extraFields top-level fields to add to the reply or replace in it
         * @param delay how long to wait before sending anything
         * @param flood how many junk messages to send after the reply
         */
        public NormalReply {
            Map<String, Object> fields = new LinkedHashMap<>();
            extraFields.forEach((name, value) -> {
                // fails now, at the test's line, rather than on the event loop later
                WebSocketJson.toTree(value);
                fields.put(Objects.requireNonNull(name, "field name"), value);
            });
            extraFields = Collections.unmodifiableMap(fields);
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("negative delay: " + delay);
            }
            if (flood < 0) {
                throw new IllegalArgumentException("flood must not be negative: " + flood);
            }
        }

        /**
         * Both dressings at once. Where both set the same thing, {@code other} wins (delay, equal extra field
         * names); floods add up.
         *
         * @param other the other dressing, which wins where both set the same thing
         * @return the behaviour, to enqueue or combine with {@link NormalReply#and}
         */
        public NormalReply and(NormalReply other) {
            Map<String, Object> fields = new LinkedHashMap<>(extraFields);
            fields.putAll(other.extraFields);
            return new NormalReply(fields, other.delay.isZero() ? delay : other.delay, flood + other.flood);
        }

        NormalReply withDelay(Duration newDelay) {
            return new NormalReply(extraFields, newDelay, flood);
        }

        NormalReply withFlood(int messages) {
            return new NormalReply(extraFields, delay, messages);
        }

        NormalReply withExtraFields(Map<String, ?> fields) {
            return new NormalReply(new LinkedHashMap<>(fields), delay, flood);
        }
    }

    /** A failure reply instead of the normal handling. */
    record Failure(String reason) implements WebSocketBehaviour {
        /**
         * Rejects a missing reason.
         *
         * @param reason the {@code failure reason}, not null
         */
        public Failure {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Does nothing. */
    enum Drop implements WebSocketBehaviour {
        /** The only instance. */
        INSTANCE
    }

    /** Closes the connection without a close frame. */
    enum CloseConnection implements WebSocketBehaviour {
        /** The only instance. */
        INSTANCE
    }

    /** Closes the connection with a close frame. */
    record CloseWith(int statusCode, String reason) implements WebSocketBehaviour {
        /**
         * Rejects status codes a close frame cannot carry and reasons longer than a control frame allows.
         *
         * @param statusCode the status code, 1000 to 4999 except the reserved 1005, 1006 and 1015
         * @param reason the {@code failure reason}, not null
         */
        public CloseWith {
            Objects.requireNonNull(reason, "reason");
            // 1005, 1006 and 1015 are reserved for reporting, never sent (RFC 6455, section 7.4.1)
            if (statusCode < 1000 || statusCode > 4999 || statusCode == 1005 || statusCode == 1006
                    || statusCode == 1015) {
                throw new IllegalArgumentException("not a status code a close frame can carry: " + statusCode);
            }
            if (reason.getBytes(StandardCharsets.UTF_8).length > 123) {
                throw new IllegalArgumentException("a close reason is at most 123 UTF-8 bytes");
            }
        }
    }

    /** A text frame of the test's making instead of the reply. */
    record Raw(String text) implements WebSocketBehaviour {
        /**
         * Rejects missing text.
         *
         * @param text the text of the frame
         */
        public Raw {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String toString() {
            return "Raw[" + text.length() + " chars]";
        }
    }
}
