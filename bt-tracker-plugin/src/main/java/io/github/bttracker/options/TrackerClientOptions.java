package io.github.bttracker.options;

import java.util.List;
import java.util.Objects;
import java.util.Properties;

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
 * @param metrics whether the runtime records Micrometer meters in Micrometer's global registry (see the README's
 *     "Metrics and JFR events"; it needs {@code io.micrometer:micrometer-core} on the class path, or the runtime
 *     fails to start with an {@link IllegalStateException} that says so); default false. JFR events are recorded
 *     either way, when a recording asks for them
 */
public record TrackerClientOptions(ConnectionOptions connection, HttpOptions http, UdpOptions udp,
                                   WebSocketOptions webSocket, RetryPolicy retry, SafetyOptions safety,
                                   boolean metrics) {

    /**
     * Checks the values.
     *
     * @param connection what every transport shares; default {@link ConnectionOptions#defaults()}
     * @param http HTTP(S) trackers; default {@link HttpOptions#defaults()}
     * @param udp UDP trackers; default {@link UdpOptions#defaults()}
     * @param webSocket WebSocket (WebTorrent) trackers; default {@link WebSocketOptions#defaults()}, without WebRTC
     * @param retry back-off after a tracker failed; default {@link RetryPolicy#defaults()}
     * @param safety bounds on untrusted input and requests; default {@link SafetyOptions#defaults()}
     * @param metrics whether the runtime records Micrometer meters in Micrometer's global registry; default false
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
                WebSocketOptions.defaults(), RetryPolicy.defaults(), SafetyOptions.defaults(), false);
    }

    /**
     * Options set without code: every {@code bttracker.<record>.<setting>} property of {@code properties} (for
     * example {@code bttracker.http.userAgent}, {@code bttracker.connection.requestTimeout=20s}), the other settings
     * at their defaults. The names and value syntax are in the README, "Configuration without code"; properties whose
     * names do not start with {@code bttracker.} are ignored.
     *
     * @param properties the properties to read, not null; not changed
     * @return the options they set, the other settings at their defaults
     * @throws IllegalArgumentException naming the property, when its name is not a setting (the message lists the
     *     valid names), when it names a setting that only code can set (an object you implement, such as
     *     {@code safety.peerFilter}), when its value does not parse, or when the record refuses it (the record's
     *     message)
     */
    public static TrackerClientOptions fromProperties(Properties properties) {
        return OptionProperties.read(List.of(new OptionProperties.Source("properties", properties)));
    }

    /**
     * The options that a Bt runtime's auto-loaded plugin uses: the {@code bttracker.*} system properties, then those
     * of the first {@code bt-tracker.properties} file at the root of the class path (read as UTF-8; which file, at
     * DEBUG level), then the defaults; a system property wins over the file. Read at each call.
     *
     * @return the options these set, the other settings at their defaults
     * @throws IllegalArgumentException as {@link #fromProperties}, naming the property and where it was set (system
     *     property, or the file's URL), or when the file cannot be read
     */
    public static TrackerClientOptions fromSystemPropertiesAndClassPath() {
        return OptionProperties.fromSystemPropertiesAndClassPath();
    }

    /**
     * A copy with another {@code connection}, every other setting the same.
     *
     * @param connection what every transport shares; default {@link ConnectionOptions#defaults()}
     * @return the copy
     * @throws NullPointerException if {@code connection} is null
     */
    public TrackerClientOptions withConnection(ConnectionOptions connection) {
        return new TrackerClientOptions(connection, http, udp, webSocket, retry, safety, metrics);
    }

    /**
     * A copy with another {@code http}, every other setting the same.
     *
     * @param http HTTP(S) trackers; default {@link HttpOptions#defaults()}
     * @return the copy
     * @throws NullPointerException if {@code http} is null
     */
    public TrackerClientOptions withHttp(HttpOptions http) {
        return new TrackerClientOptions(connection, http, udp, webSocket, retry, safety, metrics);
    }

    /**
     * A copy with another {@code udp}, every other setting the same.
     *
     * @param udp UDP trackers; default {@link UdpOptions#defaults()}
     * @return the copy
     * @throws NullPointerException if {@code udp} is null
     */
    public TrackerClientOptions withUdp(UdpOptions udp) {
        return new TrackerClientOptions(connection, http, udp, webSocket, retry, safety, metrics);
    }

    /**
     * A copy with another {@code webSocket}, every other setting the same.
     *
     * @param webSocket WebSocket (WebTorrent) trackers; default {@link WebSocketOptions#defaults()}, without WebRTC
     * @return the copy
     * @throws NullPointerException if {@code webSocket} is null
     */
    public TrackerClientOptions withWebSocket(WebSocketOptions webSocket) {
        return new TrackerClientOptions(connection, http, udp, webSocket, retry, safety, metrics);
    }

    /**
     * A copy with another {@code retry}, every other setting the same.
     *
     * @param retry back-off after a tracker failed; default {@link RetryPolicy#defaults()}
     * @return the copy
     * @throws NullPointerException if {@code retry} is null
     */
    public TrackerClientOptions withRetry(RetryPolicy retry) {
        return new TrackerClientOptions(connection, http, udp, webSocket, retry, safety, metrics);
    }

    /**
     * A copy with another {@code safety}, every other setting the same.
     *
     * @param safety bounds on untrusted input and requests; default {@link SafetyOptions#defaults()}
     * @return the copy
     * @throws NullPointerException if {@code safety} is null
     */
    public TrackerClientOptions withSafety(SafetyOptions safety) {
        return new TrackerClientOptions(connection, http, udp, webSocket, retry, safety, metrics);
    }

    /**
     * A copy with another {@code metrics}, every other setting the same.
     *
     * @param on whether to record Micrometer meters (see {@link #metrics()})
     * @return the copy
     */
    public TrackerClientOptions withMetrics(boolean on) {
        return new TrackerClientOptions(connection, http, udp, webSocket, retry, safety, on);
    }
}
