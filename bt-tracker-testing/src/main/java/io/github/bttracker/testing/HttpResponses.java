package io.github.bttracker.testing;

import io.github.bttracker.testing.TrackerBehaviour.ContentCoding;
import io.github.bttracker.testing.TrackerBehaviour.RawBody;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Map;

/** Builds the complete HTTP responses of the tracker. */
final class HttpResponses {
    /** What trackers serve bencode as; clients must not rely on it, but the common ones send this. */
    static final String CONTENT_TYPE = "text/plain";

    private HttpResponses() {
    }

    /** A bencoded dictionary, compressed as {@code coding} says. */
    static FullHttpResponse bencoded(HttpVersion version, TrackerReply reply, ContentCoding coding) {
        byte[] body = Compression.compress(BencodeEncoder.encode(reply.body()), coding);
        FullHttpResponse response = withBody(version, reply.status(), body);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE);
        String contentEncoding = Compression.headerValue(coding);
        if (contentEncoding != null) {
            response.headers().set(HttpHeaderNames.CONTENT_ENCODING, contentEncoding);
        }
        return response;
    }

    /** A redirect to {@code location} with an empty body. */
    static FullHttpResponse redirect(HttpVersion version, int status, String location) {
        FullHttpResponse response = withBody(version, status, new byte[0]);
        response.headers().set(HttpHeaderNames.LOCATION, location);
        return response;
    }

    /** Exactly the scripted status, body and headers, plus a truthful Content-Length unless they framed it. */
    static FullHttpResponse raw(HttpVersion version, RawBody raw) {
        FullHttpResponse response = withBody(version, raw.status(), raw.body());
        HttpHeaders headers = response.headers();
        Map<String, String> scripted = raw.headers();
        if (scripted.keySet().stream().anyMatch(name -> name.equalsIgnoreCase("Content-Length")
                || name.equalsIgnoreCase("Transfer-Encoding"))) {
            headers.remove(HttpHeaderNames.CONTENT_LENGTH);
        }
        // set as given, even when they lie about the body: that is the point of a scripted body
        scripted.forEach(headers::set);
        return response;
    }

    private static FullHttpResponse withBody(HttpVersion version, int status, byte[] body) {
        FullHttpResponse response = new DefaultFullHttpResponse(
                version, HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return response;
    }
}
