package io.github.bttracker.options;

import io.github.bttracker.spi.WebRtc;
import java.time.Duration;
import java.util.Optional;

/**
 * WebSocket (WebTorrent) trackers: liveness pings, the queue of outgoing messages, and the WebRTC implementation that
 * makes announces join the swarm. (The connection's User-Agent, read timeout and idle close are {@link HttpOptions}'
 * settings; its connect timeout, proxy and trust are {@link ConnectionOptions}'.) Immutable and thread-safe; start from
 * {@link #defaults()} and change settings with the {@code with…} methods, each of which returns a copy.
 *
 * <p>Invalid values are refused when the record is made: a count or duration that must be positive and is not throws
 * {@link IllegalArgumentException} with the message {@code "<setting> must be positive: <value>"}; a null duration or
 * a null {@code Optional} throws {@link NullPointerException} with the setting's name as its message.
 *
 * @param pingInterval how often an otherwise quiet connection is pinged; a connection from which nothing at all
 *     arrives for twice this long is taken for dead and reconnected; positive; default
 *     {@link #DEFAULT_PING_INTERVAL} (30 s)
 * @param maxQueuedMessages messages that may wait for one connection (while it connects, or when the tracker reads
 *     slowly) before new requests fail fast with {@code OVERLOADED}; positive; default
 *     {@value #DEFAULT_MAX_QUEUED_MESSAGES}
 * @param webRtc the WebRTC implementation with which announces join the swarm (offers and answers relayed by the
 *     tracker); default empty, in which case WebSocket trackers are scraped for counts and never joined; see
 *     {@link WebRtc}
 */
public record WebSocketOptions(Duration pingInterval, int maxQueuedMessages, Optional<WebRtc> webRtc) {

    /** The default {@link #pingInterval()}. */
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(30);
    /** The default {@link #maxQueuedMessages()}. */
    public static final int DEFAULT_MAX_QUEUED_MESSAGES = 10_000;

    /**
     * Checks the values.
     *
     * @param pingInterval how often an otherwise quiet connection is pinged; a connection from which nothing at all
     *     arrives for twice this long is taken for dead and reconnected; positive; default
     *     {@link #DEFAULT_PING_INTERVAL} (30 s)
     * @param maxQueuedMessages messages that may wait for one connection (while it connects, or when the tracker reads
     *     slowly) before new requests fail fast with {@code OVERLOADED}; positive; default
     *     {@value #DEFAULT_MAX_QUEUED_MESSAGES}
     * @param webRtc the WebRTC implementation with which announces join the swarm (offers and answers relayed by the
     *     tracker); default empty, in which case WebSocket trackers are scraped for counts and never joined; see
     *     {@link WebRtc}
     * @throws IllegalArgumentException when {@code pingInterval} or {@code maxQueuedMessages} is not positive
     * @throws NullPointerException when {@code pingInterval} or {@code webRtc} is null
     */
    public WebSocketOptions {
        Checks.positive(pingInterval, "pingInterval");
        Checks.positive(maxQueuedMessages, "maxQueuedMessages");
        Checks.present(webRtc, "webRtc");
    }

    /** @return every setting at its default (no WebRTC) */
    public static WebSocketOptions defaults() {
        return new WebSocketOptions(DEFAULT_PING_INTERVAL, DEFAULT_MAX_QUEUED_MESSAGES, Optional.empty());
    }

    /**
     * A copy with another {@code pingInterval}, every other setting the same.
     *
     * @param interval how often an otherwise quiet connection is pinged; a connection from which nothing at all arrives
     *     for twice this long is taken for dead and reconnected; positive; default
     *     {@link #DEFAULT_PING_INTERVAL} (30 s)
     * @return the copy
     * @throws IllegalArgumentException "pingInterval must be positive: D" for zero or a negative duration
     */
    public WebSocketOptions withPingInterval(Duration interval) {
        return new WebSocketOptions(interval, maxQueuedMessages, webRtc);
    }

    /**
     * A copy with another {@code maxQueuedMessages}, every other setting the same.
     *
     * @param messages messages that may wait for one connection (while it connects, or when the tracker reads slowly)
     *     before new requests fail fast with {@code OVERLOADED}; positive; default
     *     {@value #DEFAULT_MAX_QUEUED_MESSAGES}
     * @return the copy
     * @throws IllegalArgumentException "maxQueuedMessages must be positive: N" when {@code messages} is 0 or less
     */
    public WebSocketOptions withMaxQueuedMessages(int messages) {
        return new WebSocketOptions(pingInterval, messages, webRtc);
    }

    /**
     * A copy with another {@code webRtc}, every other setting the same.
     *
     * @param webRtc the WebRTC implementation, or null for none (WebSocket trackers are then only scraped)
     * @return the copy
     */
    public WebSocketOptions withWebRtc(WebRtc webRtc) {
        return new WebSocketOptions(pingInterval, maxQueuedMessages, Optional.ofNullable(webRtc));
    }
}
