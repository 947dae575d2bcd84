package io.github.bttracker.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One announce to one tracker: what the client tells about itself and its progress on one torrent. Immutable;
 * build with {@link #builder(InfoHash, PeerId, int)}.
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
     * @param port the port peers connect to, 0–65535 (0 only where no incoming connections are possible)
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

    public InfoHash infoHash() {
        return infoHash;
    }

    public PeerId peerId() {
        return peerId;
    }

    public int port() {
        return port;
    }

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

        public Builder event(AnnounceEvent event) {
            this.event = Objects.requireNonNull(event, "event");
            return this;
        }

        public Builder uploaded(long uploaded) {
            this.uploaded = requireNonNegative(uploaded, "uploaded");
            return this;
        }

        public Builder downloaded(long downloaded) {
            this.downloaded = requireNonNegative(downloaded, "downloaded");
            return this;
        }

        /** @param left bytes still to download; see {@link #leftUnknown()} when it is not known */
        public Builder left(long left) {
            this.left = requireNonNegative(left, "left");
            return this;
        }

        /** Marks the remaining size as unknown (the default). */
        public Builder leftUnknown() {
            this.left = -1;
            return this;
        }

        public Builder numWant(int numWant) {
            this.numWant = (int) requireNonNegative(numWant, "numWant");
            return this;
        }

        public Builder key(int key) {
            this.key = key;
            return this;
        }

        /** @param trackerId a tracker id as received, one character per byte; {@code null} for none */
        public Builder trackerId(String trackerId) {
            this.trackerId = trackerId;
            return this;
        }

        /** Adds or replaces one custom parameter. */
        public Builder customParameter(String name, String value) {
            customParameters.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Adds or replaces custom parameters. */
        public Builder customParameters(Map<String, String> parameters) {
            parameters.forEach(this::customParameter);
            return this;
        }

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
