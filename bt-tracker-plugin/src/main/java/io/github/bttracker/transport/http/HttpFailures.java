package io.github.bttracker.transport.http;

import io.github.bttracker.core.TrackerException;
import io.github.bttracker.core.TrackerException.Kind;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.TooLongHttpContentException;
import io.netty.handler.proxy.ProxyConnectException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SSLException;

/** Maps what Netty reports to a {@link TrackerException} that names the tracker and says what went wrong. */
final class HttpFailures {

    private HttpFailures() {
    }

    /** A failure to obtain a connection: resolution, connect, or the pool's queue limit. */
    static TrackerException connectFailure(String trackerUrl, Origin origin, Throwable cause, int connectTimeoutMillis) {
        if (cause instanceof ProxyConnectException) {
            return new TrackerException(trackerUrl, Kind.CONNECT,
                    "the proxy did not connect to " + origin + ": " + describe(cause), cause);
        }
        if (cause instanceof ConnectTimeoutException) {
            return new TrackerException(trackerUrl, Kind.CONNECT,
                    "could not connect to " + origin + " within " + connectTimeoutMillis + " ms", cause);
        }
        if (cause instanceof UnknownHostException) {
            return new TrackerException(trackerUrl, Kind.DNS,
                    "cannot resolve host '" + origin.host() + "': " + cause.getMessage(), cause);
        }
        if (cause instanceof ConnectException) {
            return new TrackerException(trackerUrl, Kind.CONNECT,
                    "could not connect to " + origin + ": " + cause.getMessage(), cause);
        }
        if (cause instanceof IllegalStateException && String.valueOf(cause.getMessage()).contains("outstanding")) {
            return new TrackerException(trackerUrl, Kind.OVERLOADED,
                    "too many requests are already waiting for a connection to " + origin, cause);
        }
        if (cause instanceof RejectedExecutionException || cause instanceof ClosedChannelException) {
            return new TrackerException(trackerUrl, Kind.CLOSED, "the tracker client is closed", cause);
        }
        return new TrackerException(trackerUrl, Kind.CONNECT,
                "could not connect to " + origin + ": " + describe(cause), cause);
    }

    /** A failure on an established connection while a response was awaited. */
    static TrackerException exchangeFailure(String trackerUrl, Throwable cause, int maxResponseSize) {
        ProxyConnectException proxy = find(cause, ProxyConnectException.class);
        if (proxy != null) {
            return new TrackerException(trackerUrl, Kind.CONNECT,
                    "the proxy did not connect to the tracker: " + describe(proxy), cause);
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

    static TrackerException connectionLost(String trackerUrl, String detail, Throwable cause) {
        return new TrackerException(trackerUrl, Kind.CONNECTION_LOST,
                "the connection broke before a complete response arrived (" + detail + ")", cause);
    }

    private static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
