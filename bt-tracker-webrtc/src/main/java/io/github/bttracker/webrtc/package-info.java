/**
 * WebRTC peers for WebSocket (WebTorrent) trackers: {@link io.github.bttracker.webrtc.NativeWebRtc} implements the
 * plugin's {@link io.github.bttracker.spi.WebRtc} with libwebrtc, and hands each open data channel to a
 * {@link io.github.bttracker.webrtc.WebRtcPeerListener} as a {@link io.github.bttracker.webrtc.WebRtcPeer}.
 */
package io.github.bttracker.webrtc;
