package io.github.bttracker.internal.metrics;

import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.TrackerException;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

/** How a request ended, as one low-cardinality word for metrics and events. */
final class Outcomes {

    static final String SUCCESS = "success";
    /** The tracker answered with a failure reason. */
    static final String REFUSED = "refused";
    static final String CANCELLED = "cancelled";
    /** Anything that is not a {@link TrackerException}: a bug or a resource failure. */
    static final String ERROR = "error";

    private Outcomes() {
    }

    /** @return the outcome word: success, refused, cancelled, error, or the failure's kind in lower case */
    static String of(Object result, Throwable error) {
        if (error == null) {
            return result instanceof AnnounceResponse response && !response.isSuccess() ? REFUSED : SUCCESS;
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof TrackerException te) {
            return te.kind().name().toLowerCase(Locale.ROOT);
        }
        return cause instanceof CancellationException ? CANCELLED : ERROR;
    }

    /** @return the URL's scheme in lower case (http, https, udp, ws, wss), "other" if it is none of these */
    static String protocol(String trackerUrl) {
        int colon = trackerUrl.indexOf(':');
        String scheme = colon <= 0 ? "" : trackerUrl.substring(0, colon).toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "http", "https", "udp", "ws", "wss" -> scheme;
            default -> "other";
        };
    }
}
