package io.github.bttracker.testing;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends the UDP tracker's datagrams, through outbound {@link PacketLoss}, and keeps the answers held back for
 * reordering. Used on the event loop only, so the held answers need no locking.
 */
final class UdpOutbox {
    private static final System.Logger LOG = System.getLogger(UdpOutbox.class.getName());

    private final Channel socket;
    private final Channel otherSocket;
    private final PacketLoss loss;
    private final List<Outgoing> held = new ArrayList<>();

    /**
     * @param socket      the socket clients talk to
     * @param otherSocket a socket on another port, to answer from where clients do not expect it
     */
    UdpOutbox(Channel socket, Channel otherSocket, PacketLoss loss) {
        this.socket = socket;
        this.otherSocket = otherSocket;
        this.loss = loss;
    }

    void send(Outgoing datagram) {
        sendFrom(socket, datagram);
    }

    void sendFromOtherSocket(Outgoing datagram) {
        sendFrom(otherSocket, datagram);
    }

    /** Keeps {@code datagram} back until {@link #takeHeld} hands it out. */
    void hold(Outgoing datagram) {
        held.add(datagram);
    }

    /** The datagrams held back so far, in the order they were held; they are no longer held. */
    List<Outgoing> takeHeld() {
        List<Outgoing> taken = List.copyOf(held);
        held.clear();
        return taken;
    }

    private void sendFrom(Channel from, Outgoing datagram) {
        if (loss.losesOutbound()) {
            LOG.log(System.Logger.Level.DEBUG, "losing {0} bytes to {1}", datagram.payload().length,
                    datagram.recipient());
            return;
        }
        from.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(datagram.payload()), datagram.recipient()))
                .addListener((ChannelFuture sent) -> {
                    if (!sent.isSuccess()) {
                        // UDP gives no delivery guarantee anyway; a failed send is one more lost datagram
                        LOG.log(System.Logger.Level.DEBUG, "cannot send to " + datagram.recipient(), sent.cause());
                    }
                });
    }

    /** A datagram to send and whom to. */
    record Outgoing(InetSocketAddress recipient, byte[] payload) {
    }
}
