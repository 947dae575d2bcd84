package io.github.bttracker.testing;

/**
 * What the WebSocket front end keeps between messages and tests inspect or steer through {@link EmbeddedTracker}.
 * Outlives the front end's listening socket, so that {@link EmbeddedTracker#restartWebSockets()} keeps the log.
 *
 * @param log     every message received, and the connections accepted
 * @param script  the behaviours for the next messages
 * @param sockets which connection each WebSocket peer of each swarm announced on
 */
record WebSocketTrackerState(WebSocketMessageLog log, WebSocketBehaviourScript script, WebSocketPeerSockets sockets) {
}
