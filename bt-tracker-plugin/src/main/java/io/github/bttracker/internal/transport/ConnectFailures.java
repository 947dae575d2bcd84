package io.github.bttracker.internal.transport;

import io.github.bttracker.core.TrackerException.Kind;
import io.github.bttracker.core.TrackerException;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.proxy.ProxyConnectException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;

/**
 * Names what went wrong while a connection to a tracker was being set up (resolving, connecting, a proxy, TLS), for
 * the transports that open connections: a {@link TrackerException} of kind DNS, CONNECT or TLS that names the tracker
 * and the cause.
 */
public final class ConnectFailures {

    private ConnectFailures() {
    }

    /**
     * @param target what was being connected to, as the message should show it (e.g. {@code ws://host:port})
     * @param connectTimeoutMillis the connect timeout in force, for the message of a connect timeout
     */
    public static TrackerException classify(String trackerUrl, String target, String host, Throwable cause,
                                            long connectTimeoutMillis) {
        if (find(cause, ProxyConnectException.class) != null) {
            return new TrackerException(trackerUrl, Kind.CONNECT,
                    "the proxy did not connect to " + target + ": " + describe(cause), cause);
        }
        if (cause instanceof ConnectTimeoutException) {
            return new TrackerException(trackerUrl, Kind.CONNECT,
                    "could not connect to " + target + " within " + connectTimeoutMillis + " ms", cause);
        }
        UnknownHostException unknown = find(cause, UnknownHostException.class);
        if (unknown != null) {
            return new TrackerException(trackerUrl, Kind.DNS,
                    "cannot resolve host '" + host + "': " + unknown.getMessage(), cause);
        }
        SSLException tls = find(cause, SSLException.class);
        if (tls != null) {
            return new TrackerException(trackerUrl, Kind.TLS, "TLS failed: " + describe(tls), cause);
        }
        return new TrackerException(trackerUrl, Kind.CONNECT,
                "could not connect to " + target + ": " + describe(cause), cause);
    }

    /** The first message in a chain of causes, or the innermost class name when none has one. */
    public static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** The first throwable of this type in a chain of causes, or null. */
    public static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
