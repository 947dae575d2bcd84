package io.github.bttracker.testing;

import java.time.Duration;

/**
 * The WebSocket (WebTorrent) tracker of an {@link EmbeddedTracker} ({@link EmbeddedTracker#ws()}): scripts how the
 * next messages, on whichever connection and whatever their action, are treated, and records every message.
 * Thread-safe; see {@link TrackerFacet} for how {@code take} and {@code poll} behave on timeout.
 */
public final class WebSocketFacet implements TrackerFacet<WebSocketBehaviour, RecordedMessage> {
    private final WebSocketTrackerState state;
    private final WebSocketTrackerFrontEnd frontEnd;

    WebSocketFacet(WebSocketTrackerState state, WebSocketTrackerFrontEnd frontEnd) {
        this.state = state;
        this.frontEnd = frontEnd;
    }

    @Override
    public void enqueue(WebSocketBehaviour behaviour) {
        state.script().enqueue(behaviour);
    }

    @Override
    public RecordedMessage take(Duration timeout) {
        return state.log().take(timeout);
    }

    @Override
    public RecordedMessage poll() {
        return state.log().poll();
    }

    @Override
    public RecordedMessage poll(Duration timeout) {
        return state.log().poll(timeout);
    }

    /** How many WebSocket messages the tracker received, taken or not. */
    @Override
    public int count() {
        return state.log().messageCount();
    }

    /** {@return how many TCP connections the WebSocket tracker accepted so far, restarts included} */
    public int connectionCount() {
        return state.log().connectionCount();
    }

    /** {@return how many WebSocket tracker connections are open now} */
    public int openConnections() {
        return frontEnd.openConnections();
    }
}
