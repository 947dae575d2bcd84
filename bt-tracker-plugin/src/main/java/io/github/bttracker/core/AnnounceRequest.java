package io.github.bttracker.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One announce to one tracker: what the client tells about itself and its progress on one torrent. Immutable and
 * safe to share between threads; build with {@link #builder(InfoHash, PeerId, int)}. Invalid values are refused
 * when given to the builder, with a {@link NullPointerException} or an {@link IllegalArgumentException}.
 */
public final class AnnounceRequest {

    /** The numwant used when none is given: the value most trackers default to anyway. */
    public static final int DEFAULT_NUM_WANT = 50;

    private final InfoHash infoHash;
    private final PeerId peerId;
    private final int port;
    private final AnnounceEvent event;
    private final long uploaded;
    private final long downloaded;
    private final long left;
    private final int numWant;
    private final Integer key;
    private final String trackerId;
    private final Map<String, String> customParameters;

    private AnnounceRequest(Builder b) {
        this.infoHash = b.infoHash;
        this.peerId = b.peerId;
        this.port = b.port;
        this.event = b.event;
        this.uploaded = b.uploaded;
        this.downloaded = b.downloaded;
        this.left = b.left;
        this.numWant = b.numWant;
        this.key = b.key;
        this.trackerId = b.trackerId;
        this.customParameters = Collections.unmodifiableMap(new LinkedHashMap<>(b.customParameters));
    }

    /**
     * Starts a request with the three values every announce needs; the others default to a regular announce
     * ({@link AnnounceEvent#NONE}), nothing uploaded or downloaded, {@code left} unknown, {@link #DEFAULT_NUM_WANT}
     * peers wanted, no key, no tracker id and no custom parameters.
     *
     * @param infoHash the torrent, not null
     * @param peerId this client's peer id, not null
     * @param port the port peers connect to, 0–65535 (0 only where no incoming connections are possible)
     * @return a new builder
     * @throws NullPointerException if {@code infoHash} or {@code peerId} is null
     * @throws IllegalArgumentException if the port is outside 0–65535
     */
    public static Builder builder(InfoHash infoHash, PeerId peerId, int port) {
        return new Builder(infoHash, peerId, port);
    }

    /** @return a builder holding this request's values */
    public Builder toBuilder() {
        Builder b = new Builder(infoHash, peerId, port)
                .event(event)
                .uploaded(uploaded)
                .downloaded(downloaded)
                .numWant(numWant)
                .customParameters(customParameters);
        b.left = left;
        b.key = key;
        b.trackerId = trackerId;
        return b;
    }

    /** @return the torrent announced, never null */
    public InfoHash infoHash() {
        return infoHash;
    }

    /** @return this client's peer id, never null */
    public PeerId peerId() {
        return peerId;
    }

    /** @return the port peers connect to, 0–65535 */
    public int port() {
        return port;
    }

    /** @return the event of this announce, {@link AnnounceEvent#NONE} for a regular one; never null */
    public AnnounceEvent event() {
        return event;
    }

    /** @return bytes uploaded in this session */
    public long uploaded() {
        return uploaded;
    }

    /** @return bytes downloaded in this session */
    public long downloaded() {
        return downloaded;
    }

    /** @return bytes still to download, or empty when unknown (a magnet link before its metadata arrived) */
    public OptionalLong left() {
        return left < 0 ? OptionalLong.empty() : OptionalLong.of(left);
    }

    /** @return how many peers the client asks for */
    public int numWant() {
        return numWant;
    }

    /** @return the 32-bit key identifying this client across IP changes, if any */
    public OptionalInt key() {
        return key == null ? OptionalInt.empty() : OptionalInt.of(key);
    }

    /**
     * @return the {@code tracker id} this tracker gave on an earlier announce, as one character per byte
     *     (ISO-8859-1), to be sent back
     */
    public Optional<String> trackerId() {
        return Optional.ofNullable(trackerId);
    }

    /** @return extra query parameters (HTTP) or message fields (WebSocket), in insertion order */
    public Map<String, String> customParameters() {
        return customParameters;
    }

    @Override
    public String toString() {
        return "AnnounceRequest{" + infoHash + ", event=" + event + ", port=" + port + ", uploaded=" + uploaded
                + ", downloaded=" + downloaded + ", left=" + (left < 0 ? "unknown" : left) + ", numwant=" + numWant
                + '}';
    }

    /** Builder of {@link AnnounceRequest}; not thread-safe. */
    public static final class Builder {
        private final InfoHash infoHash;
        private final PeerId peerId;
        private final int port;
        private AnnounceEvent event = AnnounceEvent.NONE;
        private long uploaded;
        private long downloaded;
        private long left = -1;
        private int numWant = DEFAULT_NUM_WANT;
        private Integer key;
        private String trackerId;
        private final Map<String, String> customParameters = new LinkedHashMap<>();

        private Builder(InfoHash infoHash, PeerId peerId, int port) {
            this.infoHash = Objects.requireNonNull(infoHash, "infoHash");
            this.peerId = Objects.requireNonNull(peerId, "peerId");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range 0-65535: " + port);
            }
            this.port = port;
        }

        /**
         * @param event the event to send; {@link AnnounceEvent#NONE} (the default) for a regular announce
         * @return this builder
         * @throws NullPointerException if {@code event} is null
         */
        public Builder event(AnnounceEvent event) {
            this.event = Objects.requireNonNull(event, "event");
            return this;
        }

        /**
         * @param uploaded bytes uploaded in this session, 0 or more (default 0)
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder uploaded(long uploaded) {
            this.uploaded = requireNonNegative(uploaded, "uploaded");
            return this;
        }

        /**
         * @param downloaded bytes downloaded in this session, 0 or more (default 0)
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder downloaded(long downloaded) {
            this.downloaded = requireNonNegative(downloaded, "downloaded");
            return this;
        }

        /**
         * @param left bytes still to download, 0 or more; see {@link #leftUnknown()} when it is not known
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder left(long left) {
            this.left = requireNonNegative(left, "left");
            return this;
        }

        /**
         * Marks the remaining size as unknown (the default).
         *
         * @return this builder
         */
        public Builder leftUnknown() {
            this.left = -1;
            return this;
        }

        /**
         * @param numWant how many peers to ask for, 0 or more (default {@link #DEFAULT_NUM_WANT})
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder numWant(int numWant) {
            this.numWant = (int) requireNonNegative(numWant, "numWant");
            return this;
        }

        /**
         * @param key the 32-bit key that identifies this client across IP changes (none by default)
         * @return this builder
         */
        public Builder key(int key) {
            this.key = key;
            return this;
        }

        /**
         * @param trackerId a tracker id as received, one character per byte; {@code null} for none (the default)
         * @return this builder
         */
        public Builder trackerId(String trackerId) {
            this.trackerId = trackerId;
            return this;
        }

        /**
         * Adds or replaces one custom parameter.
         *
         * @param name the query parameter (HTTP) or message field (WebSocket) name, not null
         * @param value its value, not null
         * @return this builder
         * @throws NullPointerException if {@code name} or {@code value} is null
         */
        public Builder customParameter(String name, String value) {
            customParameters.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Adds or replaces custom parameters, in the map's iteration order.
         *
         * @param parameters names and values, none null
         * @return this builder
         * @throws NullPointerException if the map, a name or a value is null
         */
        public Builder customParameters(Map<String, String> parameters) {
            parameters.forEach(this::customParameter);
            return this;
        }

        /** @return a request with this builder's values; the builder can go on being used */
        public AnnounceRequest build() {
            return new AnnounceRequest(this);
        }

        private static long requireNonNegative(long value, String name) {
            if (value < 0) {
                throw new IllegalArgumentException(name + " must not be negative: " + value);
            }
            return value;
        }
    }
}
