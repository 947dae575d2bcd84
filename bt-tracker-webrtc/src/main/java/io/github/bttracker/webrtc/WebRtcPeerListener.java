package io.github.bttracker.webrtc;

/** Receives the WebRTC peers whose data channel opened. */
@FunctionalInterface
public interface WebRtcPeerListener {

    /**
     * A data channel opened: {@code peer} can send and receive. Called on libwebrtc's signalling thread, before any
     * message of that peer: set {@link WebRtcPeer#onMessage} here to miss none. It must not block (no
     * {@link WebRtcPeer#send} here: hand the peer to a thread of your own). An exception is logged and the peer
     * closed.
     */
    void onPeer(WebRtcPeer peer);
}
