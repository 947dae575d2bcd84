package io.github.bttracker.options;

import java.time.Duration;
import java.util.Objects;

/**
 * HTTP(S) trackers: identification, timeouts while a response is awaited, redirects, the connection pool and scrape
 * batches. WebSocket trackers use three of them too, since a WebSocket starts as an HTTP request on a TCP connection:
 * {@code userAgent} (in the handshake), {@code readTimeout} (for the frames of one message) and
 * {@code idleConnectionTimeout} (before an unused connection closes). Immutable and thread-safe; start from
 * {@link #defaults()} and change settings with the {@code with…} methods, each of which returns a copy.
 *
 * <p>Invalid values are refused when the record is made: a count or duration that must be positive and is not throws
 * {@link IllegalArgumentException} with the message {@code "<setting> must be positive: <value>"} (a negative
 * {@code maxRedirects}: {@code "maxRedirects must not be negative: <value>"}); a null throws
 * {@link NullPointerException} with the setting's name as its message.
 *
 * @param userAgent the User-Agent header sent to HTTP(S) and WebSocket trackers; not null; default
 *     {@value #DEFAULT_USER_AGENT}
 * @param readTimeout longest silence allowed while a response's bytes are awaited (and longest time for the frames of
 *     one WebSocket message); positive; default {@link #DEFAULT_READ_TIMEOUT} (20 s)
 * @param idleConnectionTimeout how long a kept-alive HTTP connection, or a WebSocket connection that no torrent uses,
 *     may stay unused before it is closed; positive; default {@link #DEFAULT_IDLE_CONNECTION_TIMEOUT} (30 s)
 * @param maxRedirects redirects followed for one request, 0 to follow none; not negative; default
 *     {@value #DEFAULT_MAX_REDIRECTS}
 * @param maxConnectionsPerOrigin kept-alive connections open at once to one scheme, host and port; positive; default
 *     {@value #DEFAULT_MAX_CONNECTIONS_PER_ORIGIN}
 * @param maxQueuedRequestsPerOrigin requests that may wait for a connection to one origin before new ones fail fast
 *     with {@code OVERLOADED}; positive; default {@value #DEFAULT_MAX_QUEUED_REQUESTS_PER_ORIGIN}
 * @param maxHashesPerScrape info hashes per HTTP scrape request (a multi-scrape is split into batches); positive;
 *     default {@value #DEFAULT_MAX_HASHES_PER_SCRAPE}
 */
public record HttpOptions(String userAgent, Duration readTimeout, Duration idleConnectionTimeout, int maxRedirects,
                          int maxConnectionsPerOrigin, int maxQueuedRequestsPerOrigin, int maxHashesPerScrape) {

    /** The default {@link #userAgent()}. */
    public static final String DEFAULT_USER_AGENT = "bt-tracker/0.1";
    /** The default {@link #readTimeout()}. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(20);
    /** The default {@link #idleConnectionTimeout()}. */
    public static final Duration DEFAULT_IDLE_CONNECTION_TIMEOUT = Duration.ofSeconds(30);
    /** The default {@link #maxRedirects()}. */
    public static final int DEFAULT_MAX_REDIRECTS = 5;
    /** The default {@link #maxConnectionsPerOrigin()}. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ORIGIN = 16;
    /** The default {@link #maxQueuedRequestsPerOrigin()}. */
    public static final int DEFAULT_MAX_QUEUED_REQUESTS_PER_ORIGIN = 100_000;
    /** The default {@link #maxHashesPerScrape()}. */
    public static final int DEFAULT_MAX_HASHES_PER_SCRAPE = 50;

    /**
     * Checks the values.
     *
     * @param userAgent the User-Agent header sent to HTTP(S) and WebSocket trackers; not null; default
     *     {@value #DEFAULT_USER_AGENT}
     * @param readTimeout longest silence allowed while a response's bytes are awaited (and longest time for the frames
     *     of one WebSocket message); positive; default {@link #DEFAULT_READ_TIMEOUT} (20 s)
     * @param idleConnectionTimeout how long a kept-alive HTTP connection, or a WebSocket connection that no torrent
     *     uses, may stay unused before it is closed; positive; default {@link #DEFAULT_IDLE_CONNECTION_TIMEOUT} (30 s)
     * @param maxRedirects redirects followed for one request, 0 to follow none; not negative; default
     *     {@value #DEFAULT_MAX_REDIRECTS}
     * @param maxConnectionsPerOrigin kept-alive connections open at once to one scheme, host and port; positive;
     *     default {@value #DEFAULT_MAX_CONNECTIONS_PER_ORIGIN}
     * @param maxQueuedRequestsPerOrigin requests that may wait for a connection to one origin before new ones fail fast
     *     with {@code OVERLOADED}; positive; default {@value #DEFAULT_MAX_QUEUED_REQUESTS_PER_ORIGIN}
     * @param maxHashesPerScrape info hashes per HTTP scrape request (a multi-scrape is split into batches); positive;
     *     default {@value #DEFAULT_MAX_HASHES_PER_SCRAPE}
     * @throws IllegalArgumentException when a count or duration is out of its range (see the class comment)
     * @throws NullPointerException when {@code userAgent} or a duration is null
     */
    public HttpOptions {
        Objects.requireNonNull(userAgent, "userAgent");
        Checks.positive(readTimeout, "readTimeout");
        Checks.positive(idleConnectionTimeout, "idleConnectionTimeout");
        Checks.notNegative(maxRedirects, "maxRedirects");
        Checks.positive(maxConnectionsPerOrigin, "maxConnectionsPerOrigin");
        Checks.positive(maxQueuedRequestsPerOrigin, "maxQueuedRequestsPerOrigin");
        Checks.positive(maxHashesPerScrape, "maxHashesPerScrape");
    }

    /** @return every setting at its default */
    public static HttpOptions defaults() {
        return new HttpOptions(DEFAULT_USER_AGENT, DEFAULT_READ_TIMEOUT, DEFAULT_IDLE_CONNECTION_TIMEOUT,
                DEFAULT_MAX_REDIRECTS, DEFAULT_MAX_CONNECTIONS_PER_ORIGIN, DEFAULT_MAX_QUEUED_REQUESTS_PER_ORIGIN,
                DEFAULT_MAX_HASHES_PER_SCRAPE);
    }

    /**
     * A copy with another {@code userAgent}, every other setting the same.
     *
     * @param userAgent the User-Agent header sent to HTTP(S) and WebSocket trackers; not null; default
     *     {@value #DEFAULT_USER_AGENT}
     * @return the copy
     * @throws NullPointerException "userAgent" when {@code userAgent} is null
     */
    public HttpOptions withUserAgent(String userAgent) {
        return new HttpOptions(userAgent, readTimeout, idleConnectionTimeout, maxRedirects, maxConnectionsPerOrigin,
                maxQueuedRequestsPerOrigin, maxHashesPerScrape);
    }

    /**
     * A copy with another {@code readTimeout}, every other setting the same.
     *
     * @param timeout longest silence allowed while a response's bytes are awaited (and longest time for the frames of
     *     one WebSocket message); positive; default {@link #DEFAULT_READ_TIMEOUT} (20 s)
     * @return the copy
     * @throws IllegalArgumentException "readTimeout must be positive: D" for zero or a negative duration
     */
    public HttpOptions withReadTimeout(Duration timeout) {
        return new HttpOptions(userAgent, timeout, idleConnectionTimeout, maxRedirects, maxConnectionsPerOrigin,
                maxQueuedRequestsPerOrigin, maxHashesPerScrape);
    }

    /**
     * A copy with another {@code idleConnectionTimeout}, every other setting the same.
     *
     * @param timeout how long a kept-alive HTTP connection, or a WebSocket connection that no torrent uses, may stay
     *     unused before it is closed; positive; default {@link #DEFAULT_IDLE_CONNECTION_TIMEOUT} (30 s)
     * @return the copy
     * @throws IllegalArgumentException "idleConnectionTimeout must be positive: D" for zero or a negative duration
     */
    public HttpOptions withIdleConnectionTimeout(Duration timeout) {
        return new HttpOptions(userAgent, readTimeout, timeout, maxRedirects, maxConnectionsPerOrigin,
                maxQueuedRequestsPerOrigin, maxHashesPerScrape);
    }

    /**
     * A copy with another {@code maxRedirects}, every other setting the same.
     *
     * @param redirects redirects followed for one request, 0 to follow none; not negative; default
     *     {@value #DEFAULT_MAX_REDIRECTS}
     * @return the copy
     * @throws IllegalArgumentException "maxRedirects must not be negative: N" when {@code redirects} is below 0
     */
    public HttpOptions withMaxRedirects(int redirects) {
        return new HttpOptions(userAgent, readTimeout, idleConnectionTimeout, redirects, maxConnectionsPerOrigin,
                maxQueuedRequestsPerOrigin, maxHashesPerScrape);
    }

    /**
     * A copy with another {@code maxConnectionsPerOrigin}, every other setting the same.
     *
     * @param connections kept-alive connections open at once to one scheme, host and port; positive; default
     *     {@value #DEFAULT_MAX_CONNECTIONS_PER_ORIGIN}
     * @return the copy
     * @throws IllegalArgumentException "maxConnectionsPerOrigin must be positive: N" when {@code connections} is 0
     *     or less
     */
    public HttpOptions withMaxConnectionsPerOrigin(int connections) {
        return new HttpOptions(userAgent, readTimeout, idleConnectionTimeout, maxRedirects, connections,
                maxQueuedRequestsPerOrigin, maxHashesPerScrape);
    }

    /**
     * A copy with another {@code maxQueuedRequestsPerOrigin}, every other setting the same.
     *
     * @param requests requests that may wait for a connection to one origin before new ones fail fast with
     *     {@code OVERLOADED}; positive; default {@value #DEFAULT_MAX_QUEUED_REQUESTS_PER_ORIGIN}
     * @return the copy
     * @throws IllegalArgumentException "maxQueuedRequestsPerOrigin must be positive: N" when {@code requests} is 0
     *     or less
     */
    public HttpOptions withMaxQueuedRequestsPerOrigin(int requests) {
        return new HttpOptions(userAgent, readTimeout, idleConnectionTimeout, maxRedirects, maxConnectionsPerOrigin,
                requests, maxHashesPerScrape);
    }

    /**
     * A copy with another {@code maxHashesPerScrape}, every other setting the same.
     *
     * @param hashes info hashes per HTTP scrape request (a multi-scrape is split into batches); positive; default
     *     {@value #DEFAULT_MAX_HASHES_PER_SCRAPE}
     * @return the copy
     * @throws IllegalArgumentException "maxHashesPerScrape must be positive: N" when {@code hashes} is 0 or less
     */
    public HttpOptions withMaxHashesPerScrape(int hashes) {
        return new HttpOptions(userAgent, readTimeout, idleConnectionTimeout, maxRedirects, maxConnectionsPerOrigin,
                maxQueuedRequestsPerOrigin, hashes);
    }
}
