package io.github.bttracker.core;

import java.util.Objects;

/**
 * Why an announce or scrape did not get a usable answer from a tracker. The message always names the tracker and
 * the cause, with any passkey in a URL masked ({@link Secrets}). A tracker that answers with a {@code failure reason} to an announce is not an exception: see
 * {@link AnnounceResponse#failureReason()}.
 *
 * <p>The library never throws it at callers directly: futures fail with it (as the cause of a
 * {@link java.util.concurrent.CompletionException} when joined), and listeners receive it. {@link #kind()} says
 * what went wrong; an exception is immutable once made and may be read from any thread.
 */
public class TrackerException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The broad category of a failure, for callers that react differently to each. */
    public enum Kind {
        /** The announce URL cannot be parsed or lacks a host. */
        INVALID_URL,
        /** No transport handles the URL's scheme. */
        UNSUPPORTED_SCHEME,
        /** The tracker does not offer scrape (BEP 48: the announce URL has no {@code announce} segment). */
        SCRAPE_NOT_SUPPORTED,
        /** The tracker's host name could not be resolved. */
        DNS,
        /** The connection could not be established (refused, unreachable, connect timeout). */
        CONNECT,
        /** Too many requests already wait for this tracker; the request was refused without being sent. */
        OVERLOADED,
        /** No complete answer within the allowed time. */
        TIMEOUT,
        /** TLS failed: handshake error, untrusted certificate or a host name that does not match it. */
        TLS,
        /** An HTTP status other than success or a followed redirect. */
        HTTP_STATUS,
        /** Too many redirects, or a redirect to an unsupported or less secure location. */
        REDIRECT,
        /** The response exceeded the configured size limit. */
        TOO_LARGE,
        /** The response could not be decoded or is not a valid tracker response. */
        MALFORMED_RESPONSE,
        /** The tracker answered a scrape with a {@code failure reason}. */
        TRACKER_FAILURE,
        /** The connection broke before a complete answer arrived. */
        CONNECTION_LOST,
        /** The tracker client was closed. */
        CLOSED
    }

    /** The tracker's URL as given, passkey included. */
    private final String trackerUrl;
    /** The category of the failure. */
    private final Kind kind;
    /** The message without the URL, secrets masked. */
    private final String detail;

    /**
     * A failure without a cause.
     *
     * @param trackerUrl the tracker's URL as the caller gave it, not null; masked in the message
     * @param kind the category, not null
     * @param message what went wrong; URLs in it are masked
     * @throws NullPointerException if {@code trackerUrl} or {@code kind} is null
     */
    public TrackerException(String trackerUrl, Kind kind, String message) {
        this(trackerUrl, kind, message, null);
    }

    /**
     * A failure with the exception that caused it.
     *
     * @param trackerUrl the tracker's URL as the caller gave it, not null; masked in the message
     * @param kind the category, not null
     * @param message what went wrong; URLs in it are masked
     * @param cause the underlying exception, or {@code null}
     * @throws NullPointerException if {@code trackerUrl} or {@code kind} is null
     */
    public TrackerException(String trackerUrl, Kind kind, String message, Throwable cause) {
        // passkeys in the URL (or in URLs the detail mentions, like a redirect's) never reach a message; the URL is
        // masked whole wherever it appears, whatever characters it holds
        super(Secrets.maskUrl(trackerUrl) + ": " + masked(trackerUrl, message), cause);
        this.trackerUrl = Objects.requireNonNull(trackerUrl, "trackerUrl");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.detail = masked(trackerUrl, message);
    }

    /**
     * A URL that cannot be parsed or used. The parser's exception is not kept as the cause: its message holds the
     * raw URL, and loggers (Bt's among them) print causes.
     *
     * @param trackerUrl the URL as the caller gave it
     * @param reason why, without the URL (e.g. {@link java.net.URISyntaxException#getReason()})
     * @return an exception of kind {@link Kind#INVALID_URL}
     */
    public static TrackerException invalidUrl(String trackerUrl, String reason) {
        return new TrackerException(trackerUrl, Kind.INVALID_URL, "invalid tracker URL: " + reason);
    }

    /**
     * A URL that {@link java.net.URI} could not parse: its reason and where, without the input.
     *
     * @param trackerUrl the URL as the caller gave it
     * @param parseFailure the parser's exception; not kept as the cause
     * @return an exception of kind {@link Kind#INVALID_URL}
     */
    public static TrackerException invalidUrl(String trackerUrl, java.net.URISyntaxException parseFailure) {
        return invalidUrl(trackerUrl, syntaxReason(parseFailure));
    }

    /**
     * @param parseFailure the parser's exception
     * @return why a URI did not parse, and where, without the input (which may hold a passkey)
     */
    public static String syntaxReason(java.net.URISyntaxException parseFailure) {
        return parseFailure.getReason() + (parseFailure.getIndex() >= 0 ? " at index " + parseFailure.getIndex() : "");
    }

    private static String masked(String trackerUrl, String text) {
        if (text == null) {
            return null;
        }
        String url = Objects.requireNonNull(trackerUrl, "trackerUrl");
        return Secrets.maskUrls(url.isEmpty() ? text : text.replace(url, Secrets.maskUrl(url)));
    }

    /** @return what went wrong, without the tracker URL that {@link #getMessage()} starts with */
    public String detail() {
        return detail;
    }

    /**
     * @return the tracker's URL as the caller gave it, passkey included: for the program, not for logs (the message
     *     masks it, see {@link Secrets})
     */
    public String trackerUrl() {
        return trackerUrl;
    }

    /** @return the category of the failure, never null */
    public Kind kind() {
        return kind;
    }
}
