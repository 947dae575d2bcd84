package io.github.bttracker.examples.cli;

import bt.protocol.crypto.EncryptionPolicy;
import com.google.inject.Module;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether {@code download} is a WebRTC (WebTorrent) peer: with bt-tracker-webrtc in the jar, a torrent that lists a
 * {@code ws://} or {@code wss://} tracker joins that tracker's swarm over WebRTC, beside its TCP peers. It stays off
 * with {@code --no-webrtc}, with {@code --encryption require-encrypted} (WebTorrent peers speak plaintext), without
 * the module, or when libwebrtc cannot start here (a missing system library, libpulse0 on Debian): each of those is
 * one line for the user, the WebSocket trackers are then only scraped for counts, and the download goes on with TCP
 * peers. A torrent without WebSocket trackers does not start libwebrtc at all.
 */
final class WebRtcPeers {

    /** The module's class: the jar holds bt-tracker-webrtc when it can be loaded. */
    static final String MODULE_CLASS = "io.github.bttracker.webrtc.BtWebRtcModule";
    private static final String SCRAPED_ONLY = "; the ws/wss trackers are only scraped for counts";

    /** Why it is off before it starts; null when it is wanted, or not needed (no WebSocket tracker). */
    private final String offReason;
    private final boolean wanted;
    /** Why libwebrtc did not start, once the plugin tried (its first announce). */
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final AtomicBoolean failureTold = new AtomicBoolean();

    private WebRtcPeers(boolean wanted, String offReason) {
        this.wanted = wanted;
        this.offReason = offReason;
    }

    /** No WebRTC: for sessions that only ever talk to TCP peers (the demo, the tests' seeders). */
    static WebRtcPeers none() {
        return new WebRtcPeers(false, null);
    }

    /**
     * @param enabled     {@code --webrtc} (the default) or {@code --no-webrtc}
     * @param encryption  {@code --encryption}, or null for Bt's default
     * @param trackerUrls every tracker URL of the torrent or magnet URI
     */
    static WebRtcPeers choose(boolean enabled, EncryptionPolicy encryption, Collection<String> trackerUrls) {
        if (trackerUrls.stream().noneMatch(WebRtcPeers::isWebSocket)) {
            return none();
        }
        if (!enabled) {
            return new WebRtcPeers(false, "WebRTC peers: off (--no-webrtc)" + SCRAPED_ONLY);
        }
        if (encryption == EncryptionPolicy.REQUIRE_ENCRYPTED) {
            return new WebRtcPeers(false, "WebRTC peers: off, WebTorrent peers speak plaintext and --encryption is "
                    + "require-encrypted" + SCRAPED_ONLY);
        }
        if (!modulePresent()) {
            return new WebRtcPeers(false, "WebRTC peers: off, bt-tracker-webrtc is not in this jar" + SCRAPED_ONLY);
        }
        return new WebRtcPeers(true, null);
    }

    static boolean isWebSocket(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("ws://") || lower.startsWith("wss://");
    }

    private static boolean modulePresent() {
        try {
            Class.forName(MODULE_CLASS, false, WebRtcPeers.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** The module to give the Bt runtime, if WebRTC is wanted. */
    Optional<Module> module() {
        return wanted ? Optional.of(Native.module(failure)) : Optional.empty();
    }

    /** The line saying why WebRTC is off, known before the download starts. */
    Optional<String> offNotice() {
        return Optional.ofNullable(offReason);
    }

    /** The line saying that libwebrtc could not start, once: the first call after the plugin tried. */
    Optional<String> takeFailureNotice() {
        String reason = failure.get();
        if (reason == null || !failureTold.compareAndSet(false, true)) {
            return Optional.empty();
        }
        return Optional.of("WebRTC peers: off, " + reason + SCRAPED_ONLY);
    }

    /** Refers to bt-tracker-webrtc's classes: loaded only once {@link #modulePresent()} said they are there. */
    private static final class Native {
        static Module module(AtomicReference<String> failure) {
            return new io.github.bttracker.webrtc.BtWebRtcModule(() -> {
                try {
                    return io.github.bttracker.webrtc.NativeWebRtc.builder().build();
                } catch (RuntimeException | LinkageError e) {
                    // the plugin logs it (the tool shows errors only) and goes on without WebRTC: the user is told
                    failure.set(reason(e));
                    throw e;
                }
            });
        }

        /**
         * The exception's message, on one line: for {@code WebRtcUnavailableException}, its fix, followed by the
         * message of the first cause (a missing {@code libpulse.so.0}, say), not by the chain of class names.
         */
        private static String reason(Throwable e) {
            String message = e.getMessage() != null ? e.getMessage() : e.toString();
            if (e instanceof io.github.bttracker.webrtc.WebRtcUnavailableException && e.getCause() != null) {
                String suffix = " (" + e.getCause() + ")";
                Throwable root = e.getCause();
                while (root.getCause() != null && root.getCause() != root) {
                    root = root.getCause();
                }
                if (message.endsWith(suffix) && root.getMessage() != null) {
                    message = message.substring(0, message.length() - suffix.length()) + " (" + root.getMessage()
                            + ")";
                }
            }
            return message.strip().replaceAll("\\s+", " ");
        }
    }
}
