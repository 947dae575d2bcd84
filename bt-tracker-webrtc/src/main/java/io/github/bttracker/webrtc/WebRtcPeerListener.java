package io.github.bttracker.webrtc;

/** Receives the WebRTC peers whose data channel opened. */
@FunctionalInterface
public interface WebRtcPeerListener {

    /**
     * A data channel opened: {@code peer} can send and receive. Called on libwebrtc's signalling thread, which
     * must not block (no {@link WebRtcPeer#send} that may wait here: hand the peer to a thread of your own).
     * Messages that arrive before {@link WebRtcPeer#onData} is set are kept for it. An exception is logged and the
     * peer closed.
     *
     * @param peer the open peer; the listener owns it from here
     */
    void onPeer(WebRtcPeer peer);
}
