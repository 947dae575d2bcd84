/**
 * WebRTC peers for WebSocket (WebTorrent) trackers: {@link io.github.bttracker.webrtc.NativeWebRtc} implements the
 * plugin's {@link io.github.bttracker.spi.WebRtc} with libwebrtc, and hands each open data channel to a
 * {@link io.github.bttracker.webrtc.WebRtcPeerListener} as a {@link io.github.bttracker.webrtc.WebRtcPeer};
 * {@link io.github.bttracker.webrtc.BtWebRtcModule} binds it for Bt.
 *
 * <p>Threads: {@code NativeWebRtc}'s methods return at once; its work runs on one thread of its own
 * ({@value io.github.bttracker.webrtc.NativeWebRtc#THREAD_NAME}) and on libwebrtc's threads. Listeners and the
 * receivers of peers' bytes are called on libwebrtc's signalling thread, one at a time, and must not block; a
 * {@link io.github.bttracker.webrtc.WebRtcPeer#send} that may wait and {@code NativeWebRtc.close()} must not be called
 * there. {@code WebRtcPeer} and {@code NativeWebRtc} are thread-safe.
 *
 * <p>Failures: where libwebrtc cannot run, building a {@code NativeWebRtc} throws
 * {@link io.github.bttracker.webrtc.WebRtcUnavailableException}, whose message names the fix; in Bt, WebRTC then
 * stays off with one warning and the plugin goes on without it. A connection that fails or is not open within
 * {@link io.github.bttracker.webrtc.NativeWebRtc#OFFER_LIFETIME} is closed without affecting the others; a
 * {@code send} on a closed peer throws {@link java.io.IOException}.
 */
package io.github.bttracker.webrtc;
