package io.github.bttracker.internal.transport.http;

import io.github.bttracker.core.TrackerException.Kind;
import io.github.bttracker.core.TrackerException;
import io.github.bttracker.internal.transport.ConnectFailures;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.TooLongHttpContentException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.proxy.ProxyConnectException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SSLException;

/** Maps what Netty reports to a {@link TrackerException} that names the tracker and says what went wrong. */
final class HttpFailures {

    private HttpFailures() {
    }

    /** A failure to obtain a connection: resolution, connect, or the pool's queue limit. */
    static TrackerException connectFailure(String trackerUrl, Origin origin, Throwable cause, int connectTimeoutMillis) {
        if (cause instanceof OneShotConnections.QueueFull
                || cause instanceof IllegalStateException && String.valueOf(cause.getMessage()).contains("outstanding")) {
            return new TrackerException(trackerUrl, Kind.OVERLOADED,
                    "too many requests are already waiting for a connection to " + origin, cause);
        }
        if (cause instanceof RejectedExecutionException || cause instanceof ClosedChannelException) {
            return new TrackerException(trackerUrl, Kind.CLOSED, "the tracker client is closed", cause);
        }
        return ConnectFailures.classify(trackerUrl, origin.toString(), origin.host(), cause, connectTimeoutMillis);
    }

    /** A failure on an established connection while a response was awaited. */
    static TrackerException exchangeFailure(String trackerUrl, Throwable cause, int maxResponseSize) {
        ProxyConnectException proxy = find(cause, ProxyConnectException.class);
        if (proxy != null) {
            return new TrackerException(trackerUrl, Kind.CONNECT,
                    "the proxy did not connect to the tracker: " + describe(proxy), cause);
        }
        if (cause instanceof InformationalResponses.UnaskedProtocolSwitch) {
            return new TrackerException(trackerUrl, Kind.HTTP_STATUS, cause.getMessage(), cause);
        }
        if (cause instanceof TooLongHttpContentException) {
            return new TrackerException(trackerUrl, Kind.TOO_LARGE,
                    "the response is larger than the limit of " + maxResponseSize + " bytes", cause);
        }
        if (cause instanceof TooLongFrameException) {
            return new TrackerException(trackerUrl, Kind.TOO_LARGE,
                    "the response's status line or headers are too large: " + cause.getMessage(), cause);
        }
        SSLException tls = find(cause, SSLException.class);
        if (tls != null) {
            return new TrackerException(trackerUrl, Kind.TLS, "TLS failed: " + describe(tls), cause);
        }
        if (find(cause, DecompressionException.class) != null) {
            return new TrackerException(trackerUrl, Kind.MALFORMED_RESPONSE,
                    "the compressed response body is corrupt: " + describe(cause), cause);
        }
        if (cause instanceof DecoderException) {
            return new TrackerException(trackerUrl, Kind.MALFORMED_RESPONSE,
                    "invalid HTTP response: " + describe(cause), cause);
        }
        if (cause instanceof IOException) {
            return connectionLost(trackerUrl, describe(cause), cause);
        }
        return new TrackerException(trackerUrl, Kind.CONNECTION_LOST, describe(cause), cause);
    }

    /**
     * A response the HTTP codec could not read (Netty's {@code decoderResult()} failed): broken framing, a line or
     * headers beyond the limits, something that is not HTTP.
     */
    static TrackerException decodingFailure(String trackerUrl, Throwable cause) {
        if (cause instanceof TooLongHttpHeaderException) {
            return new TrackerException(trackerUrl, Kind.TOO_LARGE,
                    "the response headers are larger than " + ConnectionPools.MAX_HEADER_SIZE + " bytes", cause);
        }
        if (cause instanceof TooLongHttpLineException) {
            return new TrackerException(trackerUrl, Kind.TOO_LARGE, "a line of the response (its status line or a"
                    + " chunk size) is longer than " + ConnectionPools.MAX_INITIAL_LINE + " bytes", cause);
        }
        return new TrackerException(trackerUrl, Kind.MALFORMED_RESPONSE,
                "invalid HTTP response: " + describe(cause), cause);
    }

    static TrackerException connectionLost(String trackerUrl, String detail, Throwable cause) {
        return new TrackerException(trackerUrl, Kind.CONNECTION_LOST,
                "the connection broke before a complete response arrived (" + detail + ")", cause);
    }

    private static String describe(Throwable t) {
        return ConnectFailures.describe(t);
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        return ConnectFailures.find(t, type);
    }
}
