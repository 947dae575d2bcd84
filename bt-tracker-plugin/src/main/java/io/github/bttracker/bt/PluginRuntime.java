package io.github.bttracker.bt;

import io.github.bttracker.internal.runtime.TransportRuntime;
import io.github.bttracker.options.TrackerClientOptions;
import io.github.bttracker.spi.WebRtc;
import java.util.Optional;

/**
 * The tracker runtime of one Bt runtime: created on first use (a Bt runtime that never announces starts no
 * threads), closed once when the Bt runtime shuts down. After that, requests fail with a CLOSED error instead of
 * starting a new runtime. With WebRTC (a module binds a {@link WebRtc}), it starts with the runtime, its peers join
 * Bt through a {@link WebRtcBridge}, and it closes after the runtime.
 */
final class PluginRuntime implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PluginRuntime.class);

    private final TrackerClientOptions options;
    private final BtWebRtc btWebRtc;
    private TransportRuntime runtime;
    /** The WebRTC this object started, to close after the runtime; null if none. */
    private WebRtc startedWebRtc;
    /** Why the runtime could not start, once it could not; null until then. */
    private RuntimeException startFailure;
    private boolean closed;

    PluginRuntime(TrackerClientOptions options) {
        this(options, null);
    }

    /** @param btWebRtc WebRTC for this Bt runtime, or null */
    PluginRuntime(TrackerClientOptions options, BtWebRtc btWebRtc) {
        this.options = options;
        this.btWebRtc = btWebRtc;
    }

    /**
     * The runtime, started on first use.
     *
     * @throws IllegalStateException if it cannot start (a library older than the plugin needs, for one); logged as
     *         an error the first time, since Bt calls this from its own threads, where an exception may go unseen
     */
    synchronized TransportRuntime get() {
        if (startFailure != null) {
            throw new IllegalStateException("bt-tracker's tracker client could not start: " + startFailure.getMessage(),
                    startFailure);
        }
        if (runtime == null) {
            try {
                start();
            } catch (RuntimeException | LinkageError e) {
                LOG.error("bt-tracker's tracker client could not start; torrents get no peers from its trackers: {}",
                        e.getMessage(), e);
                startFailure = e instanceof RuntimeException runtimeException ? runtimeException
                        : new IllegalStateException(e.toString(), e);
                throw startFailure;
            }
        }
        return runtime;
    }

    /** Starts the runtime (with WebRTC, if a module binds one); called with this object's lock held. */
    private void start() {
        TrackerClientOptions effective = options;
        if (btWebRtc != null && options.webSocket().webRtc().isEmpty() && !closed) {
            Optional<WebRtc> started = btWebRtc.start();
            if (started.isPresent()) {
                startedWebRtc = started.get();
                effective = options.withWebSocket(options.webSocket().withWebRtc(startedWebRtc));
            }
        }
        runtime = TransportRuntime.create(effective);
        if (btWebRtc != null && effective.webSocket().webRtc().isPresent()) {
            runtime.connectedPeers().fallback(btWebRtc.bridge(runtime));
        }
        if (closed) {
            runtime.close();
        }
    }

    TrackerClientOptions options() {
        return options;
    }

    /** The torrent's WebRTC peers open now; 0 before the runtime has started. */
    int connectedPeers(io.github.bttracker.core.InfoHash infoHash) {
        return started().map(started -> started.connectedPeers().count(infoHash)).orElse(0);
    }

    /** Whether the runtime has started, with WebRTC; does not start it. */
    boolean webRtcStarted() {
        return started().map(started -> started.options().webSocket().webRtc().isPresent()).orElse(false);
    }

    /** Closes the WebRTC peers of a torrent that stops, if the runtime has started. */
    void closePeers(io.github.bttracker.core.InfoHash infoHash) {
        started().ifPresent(started -> started.connectedPeers().close(infoHash));
    }

    /** The runtime if it has started; does not start it. */
    private synchronized Optional<TransportRuntime> started() {
        return Optional.ofNullable(runtime);
    }

    /** Whether WebSocket trackers give this runtime peers (WebRTC is on); starts the runtime. */
    boolean webRtc() {
        return get().options().webSocket().webRtc().isPresent();
    }

    @Override
    public void close() {
        TransportRuntime toClose;
        WebRtc webRtcToClose;
        synchronized (this) {
            closed = true;
            toClose = runtime;
            webRtcToClose = startedWebRtc;
            startedWebRtc = null;
        }
        if (toClose != null) {
            toClose.close();
        }
        if (webRtcToClose instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("Failed to close WebRTC", e);
            }
        }
    }
}
