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
 * connections, malformed bodies) are reported as {@link TrackerException} instead. Immutable.
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

    /** @return this answer with another peer list, everything else the same */
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

    /** @param trackerUrl the URL of the tracker that answered, as the caller gave it */
    public static Builder builder(String trackerUrl) {
        return new Builder(trackerUrl);
    }

    /** A response in which the tracker refused the announce with the given reason. */
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

        public Builder failureReason(String failureReason) {
            this.failureReason = Objects.requireNonNull(failureReason, "failureReason");
            return this;
        }

        public Builder warningMessage(String warningMessage) {
            this.warningMessage = warningMessage;
            return this;
        }

        public Builder interval(Duration interval) {
            this.interval = requireNonNegative(interval, "interval");
            return this;
        }

        public Builder minInterval(Duration minInterval) {
            this.minInterval = requireNonNegative(minInterval, "minInterval");
            return this;
        }

        public Builder complete(long complete) {
            this.complete = requireNonNegative(complete, "complete");
            return this;
        }

        public Builder incomplete(long incomplete) {
            this.incomplete = requireNonNegative(incomplete, "incomplete");
            return this;
        }

        public Builder peers(List<PeerAddress> peers) {
            this.peers = List.copyOf(peers);
            return this;
        }

        public Builder trackerId(String trackerId) {
            this.trackerId = trackerId;
            return this;
        }

        public Builder externalIp(InetAddress externalIp) {
            this.externalIp = externalIp;
            return this;
        }

        /** BEP 31: with a failure, try again after this long. */
        public Builder retryIn(Duration retryIn) {
            this.retryIn = requireNonNegative(retryIn, "retryIn");
            return this;
        }

        /** BEP 31: with a failure, do not try again. */
        public Builder retryNever() {
            this.retryNever = true;
            return this;
        }

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
