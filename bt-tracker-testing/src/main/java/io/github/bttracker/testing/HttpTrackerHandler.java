package io.github.bttracker.testing;

import io.github.bttracker.testing.TrackerBehaviour.CloseConnection;
import io.github.bttracker.testing.TrackerBehaviour.Failure;
import io.github.bttracker.testing.TrackerBehaviour.HugeContentLength;
import io.github.bttracker.testing.TrackerBehaviour.NeverEndingBody;
import io.github.bttracker.testing.TrackerBehaviour.NoResponse;
import io.github.bttracker.testing.TrackerBehaviour.NormalResponse;
import io.github.bttracker.testing.TrackerBehaviour.RawBody;
import io.github.bttracker.testing.TrackerBehaviour.RawBytes;
import io.github.bttracker.testing.TrackerBehaviour.Redirect;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Handles the requests of one HTTP connection: records each, then answers as the next scripted behaviour says,
 * normally when nothing is scripted. Recording comes first so that a test holding a response can always take its
 * request.
 */
final class HttpTrackerHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final System.Logger LOG = System.getLogger(HttpTrackerHandler.class.getName());

    private final RequestLog requestLog;
    private final BehaviourScript script;
    private final HttpTrackerEndpoints endpoints;
    private final TrackerSettings settings;
    private final int connectionIndex;
    private int sequenceNumber;
    /** Set once a silently closing tracker answered on this connection: later requests on it are lost. */
    private boolean closing;

    HttpTrackerHandler(RequestLog requestLog, BehaviourScript script, HttpTrackerEndpoints endpoints,
            TrackerSettings settings, int connectionIndex) {
        this.requestLog = requestLog;
        this.script = script;
        this.endpoints = endpoints;
        this.settings = settings;
        this.connectionIndex = connectionIndex;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            // nothing trustworthy to record; answer like a tracker would and drop the connection
            new HttpExchange(ctx, request.protocolVersion(), false).send(HttpResponses.bencoded(
                    request.protocolVersion(), TrackerReply.failure(400, "malformed HTTP request"),
                    TrackerBehaviour.ContentCoding.IDENTITY));
            return;
        }
        if (closing) {
            requestLog.lost();
            return;
        }
        closing = settings.closeConnectionsSilently();
        RecordedRequest recorded = record(ctx, request);
        boolean keepAlive = HttpUtil.isKeepAlive(request) && !settings.closeConnectionsAfterResponse();
        HttpExchange exchange = new HttpExchange(ctx, request.protocolVersion(), keepAlive,
                settings.closeConnectionsSilently());
        behave(script.next(), recorded, exchange);
    }

    private RecordedRequest record(ChannelHandlerContext ctx, FullHttpRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.headers().forEach(header ->
                headers.computeIfAbsent(header.getKey(), name -> new ArrayList<>()).add(header.getValue()));
        RecordedRequest recorded = new RecordedRequest(request.method().name(), request.uri(), headers,
                ByteBufUtil.getBytes(request.content()), (InetSocketAddress) ctx.channel().remoteAddress(),
                connectionIndex, sequenceNumber++);
        requestLog.record(recorded);
        return recorded;
    }

    private void behave(TrackerBehaviour behaviour, RecordedRequest request, HttpExchange exchange) {
        if (behaviour instanceof NormalResponse normal) {
            // the announce is applied now; only the answer waits for the delay
            TrackerReply reply = endpoints.answer(request, normal);
            exchange.sendAfter(normal.delay(),
                    () -> HttpResponses.bencoded(exchange.version(), reply, normal.coding()));
        } else if (behaviour instanceof Failure failure) {
            exchange.send(HttpResponses.bencoded(exchange.version(), TrackerReply.failure(200, failure.reason()),
                    TrackerBehaviour.ContentCoding.IDENTITY));
        } else if (behaviour instanceof Redirect redirect) {
            String location = redirect.keepQuery() && !request.rawQuery().isEmpty()
                    ? redirect.location() + (redirect.location().contains("?") ? "&" : "?") + request.rawQuery()
                    : redirect.location();
            exchange.send(HttpResponses.redirect(exchange.version(), redirect.status(), location));
        } else if (behaviour instanceof RawBody raw) {
            exchange.send(HttpResponses.raw(exchange.version(), raw));
        } else if (behaviour instanceof RawBytes raw) {
            RawResponses.write(exchange, raw);
        } else if (behaviour instanceof NeverEndingBody) {
            EndlessResponses.neverEndingBody(exchange);
        } else if (behaviour instanceof HugeContentLength) {
            EndlessResponses.hugeContentLength(exchange);
        } else if (behaviour instanceof CloseConnection) {
            exchange.close();
        } else if (behaviour instanceof NoResponse) {
            // deliberately silent: the request was read and recorded, the connection stays open
            LOG.log(System.Logger.Level.DEBUG, "not answering {0}", request);
        } else {
            throw new IllegalStateException("unhandled behaviour " + behaviour);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(System.Logger.Level.WARNING, "embedded tracker connection failed, closing it", cause);
        ctx.close();
    }
}
