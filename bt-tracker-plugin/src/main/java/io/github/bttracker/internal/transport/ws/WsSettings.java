package io.github.bttracker.internal.transport.ws;

import io.github.bttracker.options.ConnectionOptions;
import io.github.bttracker.options.HttpOptions;
import io.github.bttracker.options.SafetyOptions;
import io.github.bttracker.options.WebSocketOptions;
import java.util.Objects;

/**
 * The settings the WebSocket transport uses, handed down to its connections: how connections are made, the HTTP
 * settings a WebSocket connection has too (User-Agent, read timeout, idle close), the WebSocket settings themselves,
 * and the bounds on what a tracker may send.
 */
record WsSettings(ConnectionOptions connection, HttpOptions http, WebSocketOptions webSocket, SafetyOptions safety) {

    WsSettings {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(webSocket, "webSocket");
        Objects.requireNonNull(safety, "safety");
    }
}
