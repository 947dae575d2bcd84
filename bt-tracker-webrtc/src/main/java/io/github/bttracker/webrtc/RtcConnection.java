package io.github.bttracker.webrtc;

import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCDataChannelState;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * One peer connection with its one data channel, from creation to close. libwebrtc calls the observer methods on its
 * signalling thread; what they start that may take time, closing above all, goes to {@link NativeWebRtc}'s thread.
 */
final class RtcConnection implements PeerConnectionObserver {

    final InfoHash infoHash;
    /** The offer's id for a connection this client offered, {@code null} for one answering an offer. */
    final String offerId;
    /** Completes when ICE gathering is complete, or at the gathering deadline, whichever comes first. */
    final CompletableFuture<Void> gathered = new CompletableFuture<>();
    private final NativeWebRtc owner;
    volatile RTCPeerConnection pc;
    /** The remote peer: known at once when answering, at the answer when offering. */
    volatile PeerId remotePeer;
    volatile RTCDataChannel channel;
    volatile WebRtcPeer peer;
    /** Changed on the owner's thread only. */
    boolean closed;
    ScheduledFuture<?> expiry;

    RtcConnection(NativeWebRtc owner, InfoHash infoHash, String offerId) {
        this.owner = owner;
        this.infoHash = infoHash;
        this.offerId = offerId;
    }

    boolean isOpen() {
        return peer != null;
    }

    @Override
    public void onIceCandidate(RTCIceCandidate candidate) {
        // candidates ride in the complete local description: the tracker relays one offer and one answer, no more
    }

    @Override
    public void onIceGatheringChange(RTCIceGatheringState state) {
        owner.signalling();
        if (state == RTCIceGatheringState.COMPLETE) {
            gathered.complete(null);
        }
    }

    @Override
    public void onConnectionChange(RTCPeerConnectionState state) {
        owner.signalling();
        if (state == RTCPeerConnectionState.FAILED || state == RTCPeerConnectionState.CLOSED) {
            owner.closeLater(this, "peer connection " + state);
        }
    }

    @Override
    public void onDataChannel(RTCDataChannel remote) {
        owner.signalling();
        if (channel != null) {
            // WebTorrent peers open one channel; a second one is not read
            remote.close();
            return;
        }
        observe(remote);
    }

    /** Follows {@code dataChannel}: its opening hands a peer to the listener, its closing closes this connection. */
    void observe(RTCDataChannel dataChannel) {
        channel = dataChannel;
        dataChannel.registerObserver(new RTCDataChannelObserver() {
            @Override
            public void onBufferedAmountChange(long previousAmount) {
            }

            @Override
            public void onStateChange() {
                owner.signalling();
                RTCDataChannelState state = dataChannel.getState();
                if (state == RTCDataChannelState.OPEN && peer == null) {
                    opened(dataChannel);
                } else if (state == RTCDataChannelState.CLOSING || state == RTCDataChannelState.CLOSED) {
                    owner.closeLater(RtcConnection.this, "data channel " + state);
                }
            }

            @Override
            public void onMessage(RTCDataChannelBuffer buffer) {
                WebRtcPeer receiver = peer;
                if (receiver == null) {
                    return;
                }
                // the buffer wraps native memory that is valid only during this call
                byte[] copy = new byte[buffer.data.remaining()];
                buffer.data.get(copy);
                receiver.deliver(copy);
            }
        });
    }

    private void opened(RTCDataChannel dataChannel) {
        WebRtcPeer opened = new WebRtcPeer(infoHash, remotePeer, dataChannel, Thread.currentThread(),
                () -> owner.closeLater(this, "closed by the user"));
        peer = opened;
        owner.opened(this, opened);
    }

    @Override
    public String toString() {
        return "WebRTC connection " + (offerId != null ? "offered" : "answering") + " for " + infoHash
                + (remotePeer != null ? " with " + remotePeer : "");
    }
}
