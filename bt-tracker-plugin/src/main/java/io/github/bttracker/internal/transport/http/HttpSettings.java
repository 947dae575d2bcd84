package io.github.bttracker.internal.transport.http;

import io.github.bttracker.options.ConnectionOptions;
import io.github.bttracker.options.HttpOptions;
import io.github.bttracker.options.SafetyOptions;
import java.util.Objects;

/**
 * The settings the HTTP transport uses, handed down from the transport to its pools, connections and exchanges:
 * how connections are made, the HTTP settings themselves, and the bounds on what a tracker may send.
 */
record HttpSettings(ConnectionOptions connection, HttpOptions http, SafetyOptions safety) {

    HttpSettings {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(safety, "safety");
    }
}
