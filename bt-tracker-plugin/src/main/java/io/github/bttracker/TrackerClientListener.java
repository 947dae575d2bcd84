package io.github.bttracker;

import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.PeerAddress;
import io.github.bttracker.core.ScrapeResult;
import io.github.bttracker.spi.ConnectedPeer;
import java.time.Duration;
import java.util.Optional;

/**
 * Events of a {@link TrackerClient}. Every method is called on the client's event loop thread (one of the
 * runtime's, named {@code bt-tracker-N}), one event at a time and in order, so a listener needs no locks, but it
 * must not block: hand long work to an executor of your own. The one exception is {@link #onError} when the runtime
 * is closed: the event loop no longer runs, so it is called on the thread that called the client. A
 * {@link RuntimeException} thrown by a listener is logged and does not affect the client or the other listeners.
 * Every method does nothing by default.
 */
public interface TrackerClientListener {

    /**
     * A tracker answered an announce.
     *
     * @param response the answer: counts, interval, peers
     * @param nextAnnounceIn when the client announces to this tracker again by itself, if it will
     */
    default void onUpdate(AnnounceResponse response, Optional<Duration> nextAnnounceIn) {
    }

    /**
     * A peer from a tracker's answer: HTTP and UDP trackers. The peers of WebSocket trackers come connected, to
     * {@link #onConnectedPeer}.
     *
     * @param trackerUrl the tracker that sent the peer, as given to the client
     * @param peer the peer, already filtered by the options' {@link io.github.bttracker.spi.PeerFilter}
     */
    default void onPeer(String trackerUrl, PeerAddress peer) {
    }

    /**
     * A peer connected through WebRTC, found on a WebSocket tracker (the JavaScript client's {@code peer} event for
     * WebRTC): a duplex byte stream, open. Speak the peer wire protocol over it, or close it; the client closes it
     * when it is destroyed. Only with a {@link io.github.bttracker.spi.WebRtc} in the client's options.
     *
     * @param peer the open connection; the listener owns it from here
     */
    default void onConnectedPeer(ConnectedPeer peer) {
    }

    /**
     * A tracker's scrape counts for this client's torrent, after {@link TrackerClient#scrape()}.
     *
     * @param trackerUrl the tracker that answered
     * @param result its counts
     */
    default void onScrape(String trackerUrl, ScrapeResult result) {
    }

    /**
     * A tracker could not be used this time, or not at all: an unusable URL, a failure reason, a timeout, a
     * malformed answer. The client goes on with its other trackers.
     *
     * @param warning which tracker, and why
     * @param nextAnnounceIn when the client tries this tracker again, empty if it will not
     */
    default void onWarning(TrackerWarning warning, Optional<Duration> nextAnnounceIn) {
    }

    /**
     * A fatal error: the client cannot go on (for example, its runtime was closed under it, reported as an
     * {@link IllegalStateException}), or the announce options supplier threw on an announce to a tracker outside
     * BEP 12 tiers (that exception; the announce is not sent).
     *
     * @param error what went wrong
     */
    default void onError(Throwable error) {
    }

    /**
     * Why a tracker could not be used. Immutable and thread-safe.
     *
     * @param trackerUrl the tracker's URL as given
     * @param message what went wrong
     * @param cause the exception behind it, if any
     */
    record TrackerWarning(String trackerUrl, String message, Optional<Throwable> cause) {
        /**
         * The message has any passkey in a URL masked ({@link io.github.bttracker.core.Secrets}).
         *
         * @param trackerUrl the tracker's URL as given
         * @param message what went wrong
         * @param cause the exception behind it, if any
         */
        public TrackerWarning {
            message = io.github.bttracker.core.Secrets.maskUrls(message);
        }

        /** Masks the URL's passkey, if any; {@link #trackerUrl()} keeps it. */
        @Override
        public String toString() {
            return "TrackerWarning[" + io.github.bttracker.core.Secrets.maskUrl(trackerUrl) + ": " + message + "]";
        }
    }
}
