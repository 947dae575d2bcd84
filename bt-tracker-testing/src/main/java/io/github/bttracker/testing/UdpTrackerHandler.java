package io.github.bttracker.testing;

import io.github.bttracker.testing.UdpBehaviour.Delay;
import io.github.bttracker.testing.UdpBehaviour.Drop;
import io.github.bttracker.testing.UdpBehaviour.Duplicate;
import io.github.bttracker.testing.UdpBehaviour.ErrorResponse;
import io.github.bttracker.testing.UdpBehaviour.FromOtherSocket;
import io.github.bttracker.testing.UdpBehaviour.GarbageFirst;
import io.github.bttracker.testing.UdpBehaviour.HoldUntilNext;
import io.github.bttracker.testing.UdpBehaviour.Normal;
import io.github.bttracker.testing.UdpBehaviour.Raw;
import io.github.bttracker.testing.UdpBehaviour.WrongTransactionId;
import io.github.bttracker.testing.UdpOutbox.Outgoing;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Handles every datagram the UDP tracker receives: records it, then answers as the next scripted behaviour says,
 * normally when nothing is scripted. Recording comes first so that a test waiting for an answer can always take
 * the datagram it sent.
 */
final class UdpTrackerHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private static final System.Logger LOG = System.getLogger(UdpTrackerHandler.class.getName());

    private final UdpTrackerState state;
    private final UdpTrackerEndpoints endpoints;
    private final UdpOutbox outbox;

    UdpTrackerHandler(UdpTrackerState state, UdpTrackerEndpoints endpoints, UdpOutbox outbox) {
        this.state = state;
        this.endpoints = endpoints;
        this.outbox = outbox;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        if (state.loss().losesInbound()) {
            // lost on the way in: the tracker never saw it, so it is neither recorded nor scripted
            LOG.log(System.Logger.Level.DEBUG, "losing a datagram from {0}", packet.sender());
            return;
        }
        byte[] bytes = ByteBufUtil.getBytes(packet.content());
        InetSocketAddress sender = packet.sender();
        UdpRequest request = UdpRequestDecoder.decode(bytes);
        state.log().record(new RecordedDatagram(sender, bytes, request));
        // answers held back for reordering go out right after whatever this datagram gets
        List<Outgoing> heldBack = outbox.takeHeld();
        behave(ctx, state.script().next(), request, sender);
        heldBack.forEach(outbox::send);
    }

    private void behave(ChannelHandlerContext ctx, UdpBehaviour behaviour, UdpRequest request,
            InetSocketAddress sender) {
        if (behaviour instanceof Drop) {
            LOG.log(System.Logger.Level.DEBUG, "dropping {0} from {1}", request, sender);
        } else if (behaviour instanceof ErrorResponse error) {
            outbox.send(new Outgoing(sender, UdpResponses.error(request.transactionId(), error.message())));
        } else if (behaviour instanceof Raw raw) {
            outbox.send(new Outgoing(sender, raw.datagram()));
        } else {
            if (behaviour instanceof GarbageFirst garbage) {
                outbox.send(new Outgoing(sender, garbage.datagram()));
            }
            endpoints.answer(request, sender)
                    .ifPresent(answer -> deliver(ctx, behaviour, new Outgoing(sender, answer), request));
        }
    }

    /** Sends the normal answer the way {@code behaviour} says. */
    private void deliver(ChannelHandlerContext ctx, UdpBehaviour behaviour, Outgoing answer, UdpRequest request) {
        if (behaviour instanceof Normal || behaviour instanceof GarbageFirst) {
            outbox.send(answer);
        } else if (behaviour instanceof Delay delay) {
            ctx.executor().schedule(() -> outbox.send(answer), delay.delay().toNanos(), TimeUnit.NANOSECONDS);
        } else if (behaviour instanceof Duplicate) {
            outbox.send(answer);
            outbox.send(answer);
        } else if (behaviour instanceof HoldUntilNext) {
            outbox.hold(answer);
        } else if (behaviour instanceof WrongTransactionId) {
            // the complement differs from the real id in every bit, so it can never match by accident
            outbox.send(new Outgoing(answer.recipient(),
                    UdpResponses.withTransactionId(answer.payload(), ~request.transactionId())));
        } else if (behaviour instanceof FromOtherSocket) {
            outbox.sendFromOtherSocket(answer);
        } else {
            throw new IllegalStateException("unhandled behaviour " + behaviour);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // one socket serves every client: keep it open whatever one datagram did
        LOG.log(System.Logger.Level.WARNING, "embedded UDP tracker failed to handle a datagram", cause);
    }
}
