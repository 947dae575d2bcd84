package io.github.bttracker.options;

import java.util.Objects;

/**
 * Every setting of the tracker client, one record per concern: {@link ConnectionOptions} (threads, timeouts, TLS
 * trust, proxy, name resolution), {@link HttpOptions}, {@link UdpOptions}, {@link WebSocketOptions} (with the
 * {@link io.github.bttracker.spi.WebRtc} implementation), {@link RetryPolicy} (back-off after failures) and
 * {@link SafetyOptions} (limits on what trackers and torrents may make the client do). Immutable and thread-safe;
 * every setting has a default. Start from {@link #defaults()} and replace the records you change:
 *
 * <pre>{@code
 * TrackerClientOptions options = TrackerClientOptions.defaults()
 *         .withHttp(HttpOptions.defaults().withUserAgent("my-client/1.0"))
 *         .withWebSocket(WebSocketOptions.defaults().withWebRtc(webRtc));
 * }</pre>
 *
 * Each record checks its own values when it is made (see each record); this one only refuses nulls, with a
 * {@link NullPointerException} whose message is the record's name ({@code "http"}, say).
 *
 * @param connection what every transport shares; default {@link ConnectionOptions#defaults()}
 * @param http HTTP(S) trackers; default {@link HttpOptions#defaults()}
 * @param udp UDP trackers; default {@link UdpOptions#defaults()}
 * @param webSocket WebSocket (WebTorrent) trackers; default {@link WebSocketOptions#defaults()}, without WebRTC
 * @param retry back-off after a tracker failed; default {@link RetryPolicy#defaults()}
 * @param safety bounds on untrusted input and requests; default {@link SafetyOptions#defaults()}
 */
public record TrackerClientOptions(ConnectionOptions connection, HttpOptions http, UdpOptions udp,
                                   WebSocketOptions webSocket, RetryPolicy retry, SafetyOptions safety) {

    /**
     * Checks the values.
     *
     * @param connection what every transport shares; default {@link ConnectionOptions#defaults()}
     * @param http HTTP(S) trackers; default {@link HttpOptions#defaults()}
     * @param udp UDP trackers; default {@link UdpOptions#defaults()}
     * @param webSocket WebSocket (WebTorrent) trackers; default {@link WebSocketOptions#defaults()}, without WebRTC
     * @param retry back-off after a tracker failed; default {@link RetryPolicy#defaults()}
     * @param safety bounds on untrusted input and requests; default {@link SafetyOptions#defaults()}
     * @throws NullPointerException when a record is null, with its name as the message
     */
    public TrackerClientOptions {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(udp, "udp");
        Objects.requireNonNull(webSocket, "webSocket");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(safety, "safety");
    }

    /** @return every setting at its default */
    public static TrackerClientOptions defaults() {
        return new TrackerClientOptions(ConnectionOptions.defaults(), HttpOptions.defaults(), UdpOptions.defaults(),
                WebSocketOptions.defaults(), RetryPolicy.defaults(), SafetyOptions.defaults());
    }

    /**
     * A copy with another {@code connection}, every other setting the same.
     *
     * @param connection what every transport shares; default {@link ConnectionOptions#defaults()}
     * @return the copy
     * @throws NullPointerException if {@code connection} is null
     */
    public TrackerClientOptions withConnection(ConnectionOptions connection) {
        return new TrackerClientOptions(connection, http, udp, webSocket, retry, safety);
    }

    /**
     * A copy with another {@code http}, every other setting the same.
     *
     * @param http HTTP(S) trackers; default {@link HttpOptions#defaults()}
     * @return the copy
     * @throws NullPointerException if {@code http} is null
     */
    public TrackerClientOptions withHttp(HttpOptions http) {
        return new TrackerClientOptions(connection, http, udp, webSocket, retry, safety);
    }

    /**
     * A copy with another {@code udp}, every other setting the same.
     *
     * @param udp UDP trackers; default {@link UdpOptions#defaults()}
     * @return the copy
     * @throws NullPointerException if {@code udp} is null
     */
    public TrackerClientOptions withUdp(UdpOptions udp) {
        return new TrackerClientOptions(connection, http, udp, webSocket, retry, safety);
    }

    /**
     * A copy with another {@code webSocket}, every other setting the same.
     *
     * @param webSocket WebSocket (WebTorrent) trackers; default {@link WebSocketOptions#defaults()}, without WebRTC
     * @return the copy
     * @throws NullPointerException if {@code webSocket} is null
     */
    public TrackerClientOptions withWebSocket(WebSocketOptions webSocket) {
        return new TrackerClientOptions(connection, http, udp, webSocket, retry, safety);
    }

    /**
     * A copy with another {@code retry}, every other setting the same.
     *
     * @param retry back-off after a tracker failed; default {@link RetryPolicy#defaults()}
     * @return the copy
     * @throws NullPointerException if {@code retry} is null
     */
    public TrackerClientOptions withRetry(RetryPolicy retry) {
        return new TrackerClientOptions(connection, http, udp, webSocket, retry, safety);
    }

    /**
     * A copy with another {@code safety}, every other setting the same.
     *
     * @param safety bounds on untrusted input and requests; default {@link SafetyOptions#defaults()}
     * @return the copy
     * @throws NullPointerException if {@code safety} is null
     */
    public TrackerClientOptions withSafety(SafetyOptions safety) {
        return new TrackerClientOptions(connection, http, udp, webSocket, retry, safety);
    }
}
