package io.github.bttracker.testing;

import io.github.bttracker.testing.TrackerBehaviour.RawBytes;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpServerCodec;
import java.util.concurrent.TimeUnit;

/** Scripted bytes written below the HTTP codec, so that no response the codec would refuse to build is out of reach. */
final class RawResponses {

    private RawResponses() {
    }

    /**
     * Writes {@code raw}'s first bytes at once and the rest after its delay, nothing if the client hung up meanwhile.
     * The bytes enter the pipeline at the HTTP codec, so they pass TLS on an HTTPS connection but no HTTP encoding.
     */
    static void write(HttpExchange exchange, RawBytes raw) {
        ChannelHandlerContext codec = exchange.context().pipeline().context(HttpServerCodec.class);
        codec.writeAndFlush(Unpooled.wrappedBuffer(raw.first()));
        if (raw.then().length == 0) {
            return;
        }
        codec.executor().schedule(() -> {
            if (codec.channel().isActive()) {
                codec.writeAndFlush(Unpooled.wrappedBuffer(raw.then()));
            }
        }, raw.delay().toNanos(), TimeUnit.NANOSECONDS);
    }
}
