package io.github.bttracker.internal.transport.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * Drops the informational (1xx) responses a server may send before its final response to a request ({@code 100
 * Continue}, {@code 103 Early Hints}, any number of them: RFC 9110, 15.2), so that the handlers after this one see
 * exactly one response per request. A {@code 101 Switching Protocols} is not skipped: no request of this client
 * asks for an upgrade, so a server that switches has left HTTP. It becomes an {@link UnaskedProtocolSwitch} for the
 * request on the connection, and whatever follows it is dropped until the connection closes. Sits right after the
 * HTTP codec, and runs on the connection's event loop only.
 */
final class InformationalResponses extends ChannelInboundHandlerAdapter {

    /** Skipping the (always empty) content of an informational response, up to its last part. */
    private boolean skippingContent;
    /** A 101 came: nothing after it is HTTP. */
    private boolean switched;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (switched) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (skippingContent) {
            skippingContent = !(msg instanceof LastHttpContent);
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!(msg instanceof HttpResponse response) || !isInformational(response)) {
            ctx.fireChannelRead(msg);
            return;
        }
        int status = response.status().code();
        skippingContent = !(msg instanceof LastHttpContent);
        ReferenceCountUtil.release(msg);
        if (status == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
            switched = true;
            ctx.fireExceptionCaught(new UnaskedProtocolSwitch());
        }
    }

    /** A response the codec could not decode goes on as it is, whatever its status: it fails the request. */
    private static boolean isInformational(HttpResponse response) {
        return response.decoderResult().isSuccess() && response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
    }

    /** A {@code 101 Switching Protocols} although no protocol switch was asked for. */
    static final class UnaskedProtocolSwitch extends Exception {
        private static final long serialVersionUID = 1L;

        UnaskedProtocolSwitch() {
            super("HTTP status 101 (Switching Protocols) although no protocol switch was asked for", null, false,
                    false);
        }
    }
}
