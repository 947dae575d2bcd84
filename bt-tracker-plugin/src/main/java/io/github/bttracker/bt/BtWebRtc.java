package io.github.bttracker.bt;

import bt.metainfo.TorrentId;
import bt.net.HandshakeHandler;
import bt.protocol.Handshake;
import bt.protocol.IHandshakeFactory;
import bt.protocol.crypto.EncryptionPolicy;
import bt.runtime.Config;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.internal.runtime.TransportRuntime;
import io.github.bttracker.spi.WebRtc;
import java.io.ByteArrayOutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WebRTC in a Bt runtime: the {@link WebRtc} an optional module binds (bt-tracker-webrtc's {@code BtWebRtcModule}),
 * started with the plugin's tracker runtime, and the {@link WebRtcBridge} that makes its peers Bt's.
 */
final class BtWebRtc {

    private static final Logger LOG = LoggerFactory.getLogger(BtWebRtc.class);
    /** The reserved bit of the extension protocol (BEP 10), in Bt's numbering; Bt sets it outside its handlers. */
    private static final int EXTENSION_PROTOCOL_BIT = 43;

    private final Supplier<WebRtc> source;
    private final Config config;
    private final IHandshakeFactory handshakeFactory;
    private final Collection<HandshakeHandler> handshakeHandlers;

    /**
     * @param source the bound implementation, started when called; null when no module binds one
     */
    BtWebRtc(Supplier<WebRtc> source, Config config, IHandshakeFactory handshakeFactory,
             Collection<HandshakeHandler> handshakeHandlers) {
        this.source = source;
        this.config = config;
        this.handshakeFactory = handshakeFactory;
        this.handshakeHandlers = handshakeHandlers;
    }

    /**
     * Starts the bound implementation, unless there is none, or the runtime requires encryption, or it cannot start
     * here: each of those leaves WebRTC off with one log line, and the plugin goes on without it.
     */
    Optional<WebRtc> start() {
        if (source == null) {
            return Optional.empty();
        }
        if (config.getEncryptionPolicy() == EncryptionPolicy.REQUIRE_ENCRYPTED) {
            LOG.warn("WebRTC peers are off: WebTorrent peers speak plaintext, and this Bt runtime's encryption policy "
                    + "is REQUIRE_ENCRYPTED; WebSocket trackers are scraped for counts only");
            return Optional.empty();
        }
        try {
            return Optional.of(source.get());
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("WebRTC peers are off, WebSocket trackers are scraped for counts only: {}", reason(e));
            return Optional.empty();
        }
    }

    /** What went wrong, without Guice's wrapping: the implementation's own message names the fix. */
    private static String reason(Throwable e) {
        Throwable cause = e;
        while (cause instanceof com.google.inject.ProvisionException provision) {
            Throwable inner = provision.getCause() != null ? provision.getCause()
                    : provision.getErrorMessages().stream().map(com.google.inject.spi.Message::getCause)
                            .filter(java.util.Objects::nonNull).findFirst().orElse(null);
            if (inner == null) {
                break;
            }
            cause = inner;
        }
        return String.valueOf(cause.getMessage()).lines().findFirst().orElse(cause.toString());
    }

    /** The bridge of {@code runtime}'s connected peers to this Bt runtime's acceptor. */
    WebRtcBridge bridge(TransportRuntime runtime) {
        return new WebRtcBridge(runtime.eventLoopGroup(), runtime.io(), acceptor(), this::handshake);
    }

    /** Where this Bt runtime accepts peer connections, as reachable over loopback when it listens everywhere. */
    private InetSocketAddress acceptor() {
        InetAddress address = config.getAcceptorAddress();
        if (address.isAnyLocalAddress()) {
            try {
                address = address instanceof Inet6Address ? InetAddress.getByName("::1")
                        : InetAddress.getByName("127.0.0.1");
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return new InetSocketAddress(address, config.getAcceptorPort());
    }

    /** The handshake Bt sends for {@code infoHash}: its own factory and handlers, and the extension bit. */
    byte[] handshake(InfoHash infoHash) {
        Handshake handshake = handshakeFactory.createHandshake(TorrentId.fromBytes(infoHash.bytes()));
        handshakeHandlers.forEach(handler -> handler.processOutgoingHandshake(handshake));
        handshake.setReservedBit(EXTENSION_PROTOCOL_BIT);
        ByteArrayOutputStream out = new ByteArrayOutputStream(WebRtcBridge.HANDSHAKE_LENGTH);
        out.write(19);
        out.writeBytes("BitTorrent protocol".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(handshake.getReserved());
        out.writeBytes(infoHash.bytes());
        out.writeBytes(handshake.getPeerId().getBytes());
        return out.toByteArray();
    }
}
