package io.github.bttracker.bt;

import io.github.bttracker.core.InfoHash;
import io.github.bttracker.internal.transport.NettyIo;
import io.github.bttracker.spi.ConnectedPeer;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins each WebRTC peer to Bt's connection layer: a TCP connection over loopback to the Bt runtime's own acceptor,
 * which then sees an incoming peer connection of the torrent and downloads and uploads over it like over any other.
 * The bridge copies bytes both ways and nothing else, with one exception, the handshake.
 *
 * <p>Bt, being on the accepting side, waits for the remote handshake before it sends its own, and so does the remote
 * peer when it is another Bt runtime with this bridge. So the bridge sends this runtime's handshake to the peer as
 * soon as the channel opens (built by Bt's own handshake factory, with the bits Bt sets), and drops the one Bt sends
 * later on the TCP connection, checking that it is for the same torrent. WebTorrent peers send theirs at once too;
 * the order does not matter to them. And it holds what the peer sends after its handshake until Bt has answered it
 * (see {@code drain}).
 *
 * <p>Why a loopback connection rather than a channel of our own inside Bt: Bt 1.10 builds its peer connections on
 * {@code java.nio.channels.SocketChannel} (selector, MSE negotiation, buffers), with no seam for another transport;
 * an accepted loopback connection goes through the same code as any other peer, encryption policy included
 * (WebTorrent peers speak plaintext, which Bt accepts unless its policy requires encryption). Bt's outgoing
 * connections always begin with MSE, which WebTorrent peers do not speak, so Bt is always the accepting side.
 *
 * <p>Flow control: bytes from the peer are written to Bt as they come, and the peer is closed when more than
 * {@link #MAX_PENDING_TO_BT} wait for Bt to read them; the connection from Bt is read while the peer's send buffer
 * holds less than {@link #PEER_BUFFER_LOW}, one read of at most {@link #READ_SIZE} at a time, so a send to the peer
 * never waits. Every link runs on one event loop of the runtime: no thread per peer.
 */
final class WebRtcBridge implements Consumer<ConnectedPeer> {

    private static final Logger LOG = LoggerFactory.getLogger(WebRtcBridge.class);

    /** The length of a BitTorrent handshake: 19, the protocol string, 8 reserved bytes, info hash, peer id. */
    static final int HANDSHAKE_LENGTH = 68;
    private static final byte[] PROTOCOL = "\u0013BitTorrent protocol".getBytes(StandardCharsets.ISO_8859_1);

    /** Bytes from the peer not yet taken by Bt, past which the peer is closed: Bt is not keeping up. */
    static final long MAX_PENDING_TO_BT = 8 * 1024 * 1024;
    /** Reading from Bt pauses while the peer's send buffer holds more than this. */
    static final long PEER_BUFFER_LOW = 256 * 1024;
    /** The largest read from Bt, sent to the peer at once. */
    static final int READ_SIZE = 64 * 1024;
    private static final long RESUME_CHECK_MICROS = 2_000;

    private final Bootstrap bootstrap;
    private final InetSocketAddress acceptor;
    private final Function<InfoHash, byte[]> handshakes;

    /**
     * @param acceptor the Bt runtime's acceptor, as reachable from here
     * @param handshakes the handshake Bt sends for a torrent, {@value #HANDSHAKE_LENGTH} bytes
     */
    WebRtcBridge(EventLoopGroup group, NettyIo io, InetSocketAddress acceptor, Function<InfoHash, byte[]> handshakes) {
        this.acceptor = acceptor;
        this.handshakes = handshakes;
        this.bootstrap = new Bootstrap().group(group).channelFactory(io.socketChannels())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.AUTO_READ, true)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(READ_SIZE))
                .option(ChannelOption.MAX_MESSAGES_PER_READ, 1)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
    }

    /** A peer's channel opened: on the WebRTC implementation's thread; returns at once. */
    @Override
    public void accept(ConnectedPeer peer) {
        byte[] handshake;
        try {
            handshake = handshakes.apply(peer.infoHash());
        } catch (RuntimeException e) {
            LOG.debug("Closing {}: no handshake for its torrent ({})", peer, e.toString());
            peer.close();
            return;
        }
        Link link = new Link(peer, handshake);
        ChannelFuture connect = bootstrap.clone().handler(link).connect(acceptor);
        link.channel = connect.channel();
        peer.onData(link::fromPeer);
        peer.closed().whenComplete((v, e) -> connect.channel().close());
        connect.addListener(f -> link.connected(f.isSuccess() ? null : f.cause()));
    }

    /** One peer and its connection to Bt. State is confined to the channel's event loop. */
    private final class Link extends ChannelInboundHandlerAdapter {
        private final ConnectedPeer peer;
        /** Set before any byte comes from the peer. */
        private volatile Channel channel;
        private final byte[] handshake;
        /** Bytes from the peer waiting for the connection to Bt. */
        private final ArrayDeque<byte[]> early = new ArrayDeque<>();
        /** Bytes from the peer not yet written to Bt, counted from any thread. */
        private final AtomicLong pending = new AtomicLong();
        /** Bt's own handshake, read and dropped: it went to the peer when the channel opened. */
        private final byte[] btHandshake = new byte[HANDSHAKE_LENGTH];
        private int btHandshakeRead;
        /** Bytes of the peer's written to Bt so far. */
        private long toBt;
        private boolean connected;
        private boolean resumeScheduled;

        Link(ConnectedPeer peer, byte[] handshake) {
            this.peer = peer;
            this.handshake = handshake;
        }

        /** Bytes from the peer: on its implementation's thread. */
        void fromPeer(byte[] bytes) {
            if (pending.addAndGet(bytes.length) > MAX_PENDING_TO_BT) {
                LOG.debug("Closing {}: Bt has not taken {} bytes from it", peer, pending.get());
                peer.close();
                return;
            }
            channel.eventLoop().execute(() -> {
                early.add(bytes);
                drain();
            });
        }

        /**
         * Writes what the peer sent to Bt, in order: the peer's handshake first, and the rest only once Bt has
         * answered it. Bt 1.10 drops the bytes that arrive with the handshake of an incoming connection (it reads them
         * while looking for an encryption handshake, then starts its message reader afresh), and WebTorrent sends
         * its bitfield right after its handshake.
         */
        private void drain() {
            while (connected && !early.isEmpty()) {
                if (toBt >= HANDSHAKE_LENGTH && btHandshakeRead < HANDSHAKE_LENGTH) {
                    return;
                }
                byte[] next = early.poll();
                if (toBt < HANDSHAKE_LENGTH && toBt + next.length > HANDSHAKE_LENGTH) {
                    int head = (int) (HANDSHAKE_LENGTH - toBt);
                    early.addFirst(Arrays.copyOfRange(next, head, next.length));
                    next = Arrays.copyOf(next, head);
                }
                toBt += next.length;
                write(next);
            }
        }

        private void write(byte[] bytes) {
            channel.writeAndFlush(Unpooled.wrappedBuffer(bytes))
                    .addListener(f -> pending.addAndGet(-bytes.length));
        }

        /** The connection to Bt's acceptor is set up, or failed: on the event loop. */
        void connected(Throwable failure) {
            if (failure != null) {
                LOG.warn("Cannot reach this Bt runtime's acceptor at {} for {}: {}", acceptor, peer,
                        failure.toString());
                peer.close();
                return;
            }
            try {
                peer.send(handshake);
            } catch (IOException e) {
                channel.close();
                return;
            }
            connected = true;
            drain();
            LOG.debug("{} joined Bt through {}", peer, channel.localAddress());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                if (btHandshakeRead < HANDSHAKE_LENGTH) {
                    int n = Math.min(buf.readableBytes(), HANDSHAKE_LENGTH - btHandshakeRead);
                    buf.readBytes(btHandshake, btHandshakeRead, n);
                    btHandshakeRead += n;
                    if (btHandshakeRead == HANDSHAKE_LENGTH) {
                        if (!sameTorrent()) {
                            ctx.close();
                            return;
                        }
                        drain();
                    }
                }
                if (buf.isReadable()) {
                    peer.send(ByteBufUtil.getBytes(buf));
                }
            } catch (IOException e) {
                ctx.close();
                return;
            } finally {
                ReferenceCountUtil.release(buf);
            }
            if (peer.bufferedAmount() > PEER_BUFFER_LOW) {
                ctx.channel().config().setAutoRead(false);
                scheduleResume(ctx);
            }
        }

        /** Bt's handshake is for the peer's torrent; differing bits are logged (the peer has ours). */
        private boolean sameTorrent() {
            if (!Arrays.equals(btHandshake, 0, PROTOCOL.length, PROTOCOL, 0, PROTOCOL.length)
                    || !Arrays.equals(btHandshake, 28, 48, handshake, 28, 48)) {
                LOG.warn("Closing {}: Bt answered with another handshake than expected", peer);
                return false;
            }
            if (!Arrays.equals(btHandshake, handshake)) {
                LOG.debug("Bt's handshake to {} differs from the one the bridge sent: {} and {}", peer,
                        ByteBufUtil.hexDump(btHandshake), ByteBufUtil.hexDump(handshake));
            }
            return true;
        }

        private void scheduleResume(ChannelHandlerContext ctx) {
            if (resumeScheduled) {
                return;
            }
            resumeScheduled = true;
            ctx.executor().schedule(() -> {
                resumeScheduled = false;
                if (!ctx.channel().isActive()) {
                    return;
                }
                if (peer.bufferedAmount() > PEER_BUFFER_LOW) {
                    scheduleResume(ctx);
                } else {
                    ctx.channel().config().setAutoRead(true);
                }
            }, RESUME_CHECK_MICROS, TimeUnit.MICROSECONDS);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            LOG.debug("Bt closed its connection with {}", peer);
            early.clear();
            peer.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("The Bt connection of {} failed: {}", peer, cause.toString());
            ctx.close();
        }
    }
}
