package io.github.bttracker.internal.transport.ws;

import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link WsLink.Connector} that connects each attempt to an {@link EmbeddedChannel} with frozen time: a test plays
 * the tracker by completing the WebSocket handshake, reading what the link wrote, sending text or closing.
 */
final class EmbeddedConnector implements WsLink.Connector {

    final List<EmbeddedChannel> channels = new ArrayList<>();
    /** When set, attempts fail with it, as a refused TCP connect does. */
    Throwable refusal;

    @Override
    public ChannelFuture connect(WsLink link) {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.freezeTime();
        ch.pipeline().addLast(link.newLivenessCheck(), link.newHandler());
        channels.add(ch);
        return refusal != null ? ch.newFailedFuture(refusal) : ch.newSucceededFuture();
    }

    int attempts() {
        return channels.size();
    }

    EmbeddedChannel last() {
        return channels.get(channels.size() - 1);
    }

    /** The last connection's WebSocket handshake completes. */
    EmbeddedChannel accept() {
        EmbeddedChannel ch = last();
        ch.pipeline().fireUserEventTriggered(ClientHandshakeStateEvent.HANDSHAKE_COMPLETE);
        return ch;
    }

    /** The text messages the link wrote on a connection since the last call. */
    static List<String> written(EmbeddedChannel ch) {
        List<String> texts = new ArrayList<>();
        for (Object m; (m = ch.readOutbound()) != null; ) {
            if (m instanceof TextWebSocketFrame frame) {
                texts.add(frame.text());
            }
            io.netty.util.ReferenceCountUtil.release(m);
        }
        return texts;
    }
}
