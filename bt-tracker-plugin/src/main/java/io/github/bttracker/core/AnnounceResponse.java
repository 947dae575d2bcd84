package io.github.bttracker.core;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A tracker's answer to an announce. Either a success, with peers and counts, or a failure the tracker reported
 * itself ({@code failure reason}): a failure is data, not an exception. Transport errors (timeouts, refused
 * connections, malformed bodies) are reported as {@link TrackerException} instead. Immutable and safe to share
 * between threads; the builder refuses negative counts and durations with an {@link IllegalArgumentException}.
 */
public final class AnnounceResponse {

    private final String trackerUrl;
    private final String failureReason;
    private final String warningMessage;
    private final Duration interval;
    private final Duration minInterval;
    private final long complete;
    private final long incomplete;
    private final List<PeerAddress> peers;
    private final String trackerId;
    private final InetAddress externalIp;
    private final Duration retryIn;
    private final boolean retryNever;

    private AnnounceResponse(Builder b) {
        this.trackerUrl = b.trackerUrl;
        this.failureReason = b.failureReason;
        this.warningMessage = b.warningMessage;
        this.interval = b.interval;
        this.minInterval = b.minInterval;
        this.complete = b.complete;
        this.incomplete = b.incomplete;
        this.peers = b.peers; // already an immutable copy
        this.trackerId = b.trackerId;
        this.externalIp = b.externalIp;
        this.retryIn = b.retryIn;
        this.retryNever = b.retryNever;
    }

    /**
     * @param peers the new peer list (copied), not null and holding no null
     * @return this answer with another peer list, everything else the same
     * @throws NullPointerException if the list or one of its elements is null
     */
    public AnnounceResponse withPeers(List<PeerAddress> peers) {
        Builder b = new Builder(trackerUrl);
        b.failureReason = failureReason;
        b.warningMessage = warningMessage;
        b.interval = interval;
        b.minInterval = minInterval;
        b.complete = complete;
        b.incomplete = incomplete;
        b.peers = List.copyOf(peers);
        b.trackerId = trackerId;
        b.externalIp = externalIp;
        b.retryIn = retryIn;
        b.retryNever = retryNever;
        return new AnnounceResponse(b);
    }

    /**
     * Starts a successful answer with no interval, no counts, no peers and no optional field; set
     * {@link Builder#failureReason(String)} to make it a refusal.
     *
     * @param trackerUrl the URL of the tracker that answered, as the caller gave it, not null
     * @return a new builder
     * @throws NullPointerException if {@code trackerUrl} is null
     */
    public static Builder builder(String trackerUrl) {
        return new Builder(trackerUrl);
    }

    /**
     * A response in which the tracker refused the announce with the given reason.
     *
     * @param trackerUrl the URL of the tracker that answered, not null
     * @param failureReason the tracker's {@code failure reason}, not null
     * @return a response whose {@link #isSuccess()} is false
     * @throws NullPointerException if an argument is null
     */
    public static AnnounceResponse failure(String trackerUrl, String failureReason) {
        return builder(trackerUrl).failureReason(failureReason).build();
    }

    /** @return the tracker's announce URL, as the caller gave it */
    public String trackerUrl() {
        return trackerUrl;
    }

    /** @return true unless the tracker answered with a failure reason */
    public boolean isSuccess() {
        return failureReason == null;
    }

    /** @return the tracker's {@code failure reason}, present exactly when {@link #isSuccess()} is false */
    public Optional<String> failureReason() {
        return Optional.ofNullable(failureReason);
    }

    /** @return the tracker's {@code warning message}, if it sent one (the announce still succeeded) */
    public Optional<String> warningMessage() {
        return Optional.ofNullable(warningMessage);
    }

    /** @return how long to wait before the next regular announce, if the tracker said */
    public Optional<Duration> interval() {
        return Optional.ofNullable(interval);
    }

    /** @return the shortest time the tracker allows between announces, if it said */
    public Optional<Duration> minInterval() {
        return Optional.ofNullable(minInterval);
    }

    /** @return number of seeders, if the tracker said */
    public OptionalLong complete() {
        return complete < 0 ? OptionalLong.empty() : OptionalLong.of(complete);
    }

    /** @return number of leechers, if the tracker said */
    public OptionalLong incomplete() {
        return incomplete < 0 ? OptionalLong.empty() : OptionalLong.of(incomplete);
    }

    /** @return the peers, IPv4 and IPv6, in the order the tracker sent them */
    public List<PeerAddress> peers() {
        return peers;
    }

    /** @return the {@code tracker id} to send back on later announces, one character per byte (ISO-8859-1) */
    public Optional<String> trackerId() {
        return Optional.ofNullable(trackerId);
    }

    /** @return the address the tracker saw this client connect from (BEP 24), if it said */
    public Optional<InetAddress> externalIp() {
        return Optional.ofNullable(externalIp);
    }

    /** @return with a failure, when the tracker says to try again (BEP 31 {@code retry in}), if it said */
    public Optional<Duration> retryIn() {
        return Optional.ofNullable(retryIn);
    }

    /** @return true when the tracker said never to retry this announce (BEP 31 {@code retry in: never}) */
    public boolean retryNever() {
        return retryNever;
    }

    @Override
    public String toString() {
        if (!isSuccess()) {
            return "AnnounceResponse{" + Secrets.maskUrl(trackerUrl) + ", failure='" + failureReason + "'}";
        }
        return "AnnounceResponse{" + Secrets.maskUrl(trackerUrl) + ", interval=" + interval + ", complete=" + complete
                + ", incomplete=" + incomplete + ", peers=" + peers.size()
                + (warningMessage == null ? "" : ", warning='" + warningMessage + "'") + '}';
    }

    /** Builder of {@link AnnounceResponse}; not thread-safe. */
    public static final class Builder {
        private final String trackerUrl;
        private String failureReason;
        private String warningMessage;
        private Duration interval;
        private Duration minInterval;
        private long complete = -1;
        private long incomplete = -1;
        private List<PeerAddress> peers = List.of();
        private String trackerId;
        private InetAddress externalIp;
        private Duration retryIn;
        private boolean retryNever;

        private Builder(String trackerUrl) {
            this.trackerUrl = Objects.requireNonNull(trackerUrl, "trackerUrl");
        }

        /**
         * @param failureReason the tracker's {@code failure reason}: makes this answer a refusal
         * @return this builder
         * @throws NullPointerException if null
         */
        public Builder failureReason(String failureReason) {
            this.failureReason = Objects.requireNonNull(failureReason, "failureReason");
            return this;
        }

        /**
         * @param warningMessage the tracker's {@code warning message}; {@code null} for none (the default)
         * @return this builder
         */
        public Builder warningMessage(String warningMessage) {
            this.warningMessage = warningMessage;
            return this;
        }

        /**
         * @param interval the time until the next regular announce; {@code null} when the tracker gave none
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder interval(Duration interval) {
            this.interval = requireNonNegative(interval, "interval");
            return this;
        }

        /**
         * @param minInterval the shortest time allowed between announces; {@code null} when the tracker gave none
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder minInterval(Duration minInterval) {
            this.minInterval = requireNonNegative(minInterval, "minInterval");
            return this;
        }

        /**
         * @param complete the number of seeders, 0 or more (unknown unless set)
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder complete(long complete) {
            this.complete = requireNonNegative(complete, "complete");
            return this;
        }

        /**
         * @param incomplete the number of leechers, 0 or more (unknown unless set)
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder incomplete(long incomplete) {
            this.incomplete = requireNonNegative(incomplete, "incomplete");
            return this;
        }

        /**
         * @param peers the peers, in the tracker's order (copied; empty by default)
         * @return this builder
         * @throws NullPointerException if the list or one of its elements is null
         */
        public Builder peers(List<PeerAddress> peers) {
            this.peers = List.copyOf(peers);
            return this;
        }

        /**
         * @param trackerId the {@code tracker id}, one character per byte; {@code null} for none (the default)
         * @return this builder
         */
        public Builder trackerId(String trackerId) {
            this.trackerId = trackerId;
            return this;
        }

        /**
         * @param externalIp the address the tracker saw this client at (BEP 24); {@code null} for none (the default)
         * @return this builder
         */
        public Builder externalIp(InetAddress externalIp) {
            this.externalIp = externalIp;
            return this;
        }

        /**
         * BEP 31: with a failure, try again after this long.
         *
         * @param retryIn the delay; {@code null} for none (the default)
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder retryIn(Duration retryIn) {
            this.retryIn = requireNonNegative(retryIn, "retryIn");
            return this;
        }

        /**
         * BEP 31: with a failure, do not try again.
         *
         * @return this builder
         */
        public Builder retryNever() {
            this.retryNever = true;
            return this;
        }

        /** @return a response with this builder's values; the builder can go on being used */
        public AnnounceResponse build() {
            return new AnnounceResponse(this);
        }

        private static Duration requireNonNegative(Duration d, String name) {
            if (d != null && d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative: " + d);
            }
            return d;
        }

        private static long requireNonNegative(long value, String name) {
            if (value < 0) {
                throw new IllegalArgumentException(name + " must not be negative: " + value);
            }
            return value;
        }
    }
}
