package io.github.bttracker.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.bttracker.testing.WebSocketBehaviour.CloseConnection;
import io.github.bttracker.testing.WebSocketBehaviour.CloseWith;
import io.github.bttracker.testing.WebSocketBehaviour.Drop;
import io.github.bttracker.testing.WebSocketBehaviour.Failure;
import io.github.bttracker.testing.WebSocketBehaviour.NormalReply;
import io.github.bttracker.testing.WebSocketBehaviour.Raw;
import io.github.bttracker.testing.WebSocketTrackerEndpoints.Forward;
import io.github.bttracker.testing.WebSocketTrackerEndpoints.Outcome;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Handles the messages of one WebSocket connection: records each, then treats it as the next scripted behaviour
 * says, normally when nothing is scripted. Recording comes first so that a test waiting for a reply can always
 * take the message it sent. When the connection closes, its peers leave their swarms, as with the reference
 * server.
 */
final class WebSocketTrackerHandler extends SimpleChannelInboundHandler<Object> {
    private static final System.Logger LOG = System.getLogger(WebSocketTrackerHandler.class.getName());

    private final WebSocketTrackerState state;
    private final WebSocketTrackerEndpoints endpoints;
    private final Swarms swarms;
    private final int connectionIndex;
    private final Random random = new Random();
    private int sequenceNumber;

    WebSocketTrackerHandler(WebSocketTrackerState state, WebSocketTrackerEndpoints endpoints, Swarms swarms,
            int connectionIndex) {
        this.state = state;
        this.endpoints = endpoints;
        this.swarms = swarms;
        this.connectionIndex = connectionIndex;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object message) {
        if (message instanceof TextWebSocketFrame text) {
            handle(ctx, text.text());
        } else if (message instanceof BinaryWebSocketFrame binary) {
            // the reference server parses binary messages as UTF-8 text too
            handle(ctx, binary.content().toString(StandardCharsets.UTF_8));
        } else if (message instanceof FullHttpRequest) {
            // only a request for a path the handshake does not serve gets here (the handshake serves every path)
            ctx.writeAndFlush(notFound()).addListener(ChannelFutureListener.CLOSE);
        }
        // pings are answered and close frames handled before this handler; pongs are dropped
    }

    private void handle(ChannelHandlerContext ctx, String text) {
        JsonNode json = null;
        String parseError = null;
        try {
            json = WebSocketJson.parse(text);
            if (json.isMissingNode()) {
                json = null;
                parseError = "empty message";
            }
        } catch (JsonProcessingException e) {
            parseError = e.getOriginalMessage();
        }
        WebSocketRequest request = WebSocketRequestDecoder.decode(json, parseError);
        state.log().record(new RecordedMessage(connectionIndex, sequenceNumber++,
                (InetSocketAddress) ctx.channel().remoteAddress(), text, json, request));
        behave(ctx, state.script().next(), request);
    }

    private void behave(ChannelHandlerContext ctx, WebSocketBehaviour behaviour, WebSocketRequest request) {
        if (behaviour instanceof NormalReply normal) {
            // the message takes effect now; only what goes out waits for the delay
            Outcome outcome = endpoints.answer(request, ctx.channel());
            if (normal.delay().isZero()) {
                send(ctx.channel(), outcome, normal);
            } else {
                ctx.executor().schedule(() -> send(ctx.channel(), outcome, normal),
                        normal.delay().toNanos(), TimeUnit.NANOSECONDS);
            }
        } else if (behaviour instanceof Failure failure) {
            write(ctx.channel(), WebSocketResponses.failure(failure.reason(), request.action(), request.infoHash()));
        } else if (behaviour instanceof Raw raw) {
            write(ctx.channel(), raw.text());
        } else if (behaviour instanceof CloseConnection) {
            ctx.close();
        } else if (behaviour instanceof CloseWith close) {
            ctx.channel().writeAndFlush(new CloseWebSocketFrame(close.statusCode(), close.reason()))
                    .addListener(ChannelFutureListener.CLOSE);
        } else if (behaviour instanceof Drop) {
            LOG.log(System.Logger.Level.DEBUG, "dropping {0}", request);
        } else {
            throw new IllegalStateException("unhandled behaviour " + behaviour);
        }
    }

    private void send(Channel channel, Outcome outcome, NormalReply normal) {
        if (outcome.reply() != null) {
            ObjectNode reply = normal.extraFields().isEmpty()
                    ? outcome.reply()
                    : WebSocketResponses.withExtraFields(outcome.reply(), normal.extraFields());
            write(channel, reply);
        }
        for (Forward forward : outcome.forwards()) {
            write(forward.to(), forward.message());
        }
        for (int i = 0; i < normal.flood(); i++) {
            write(channel, WebSocketResponses.junk(random));
        }
    }

    private static void write(Channel channel, ObjectNode message) {
        write(channel, WebSocketJson.write(message));
    }

    private static void write(Channel channel, String text) {
        channel.writeAndFlush(new TextWebSocketFrame(text)).addListener((ChannelFuture sent) -> {
            if (!sent.isSuccess()) {
                // the peer went away meanwhile; a real tracker would not notice either
                LOG.log(System.Logger.Level.DEBUG, "cannot send to " + channel, sent.cause());
            }
        });
    }

    private static DefaultFullHttpResponse notFound() {
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND);
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
        return response;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        for (WebSocketPeerSockets.PeerInSwarm peer : state.sockets().forgetChannel(ctx.channel())) {
            swarms.leaveWebSocket(peer.infoHash(), peer.peerId());
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a client resetting its connection is routine in tests that disconnect clients on purpose
        System.Logger.Level level = cause instanceof IOException ? System.Logger.Level.DEBUG
                : System.Logger.Level.WARNING;
        LOG.log(level, "embedded WebSocket tracker connection failed, closing it", cause);
        ctx.close();
    }
}
