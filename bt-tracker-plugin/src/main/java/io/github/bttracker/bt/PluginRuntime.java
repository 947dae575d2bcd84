package io.github.bttracker.bt;

import io.github.bttracker.TrackerClientOptions;
import io.github.bttracker.transport.TrackerRuntime;

/**
 * The tracker runtime of one Bt runtime: created on first use (a Bt runtime that never announces starts no
 * threads), closed once when the Bt runtime shuts down. After that, requests fail with a CLOSED error instead of
 * starting a new runtime.
 */
final class PluginRuntime implements AutoCloseable {

    private final TrackerClientOptions options;
    private TrackerRuntime runtime;
    private boolean closed;

    PluginRuntime(TrackerClientOptions options) {
        this.options = options;
    }

    synchronized TrackerRuntime get() {
        if (runtime == null) {
            runtime = TrackerRuntime.create(options);
            if (closed) {
                runtime.close();
            }
        }
        return runtime;
    }

    TrackerClientOptions options() {
        return options;
    }

    @Override
    public void close() {
        TrackerRuntime toClose;
        synchronized (this) {
            closed = true;
            toClose = runtime;
        }
        if (toClose != null) {
            toClose.close();
        }
    }
}
