package io.github.bttracker.internal.transport.http;

import io.netty.handler.codec.http.HttpHeaders;

/**
 * A complete HTTP response, body decompressed and copied out of Netty's buffers.
 *
 * @param status the status code
 * @param headers the response headers
 * @param body the decoded body, at most the configured response size
 */
record HttpResult(int status, HttpHeaders headers, byte[] body) {

    boolean isRedirect() {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }
}
