/**
 * An embedded BitTorrent tracker (the server side) for tests and offline demos.
 *
 * <p>{@link io.github.bttracker.it.tracker.EmbeddedTracker} is the entry point: it starts an HTTP tracker and a UDP
 * tracker (BEP 15) on loopback, records every request and datagram it receives
 * ({@link io.github.bttracker.it.tracker.RecordedRequest}, {@link io.github.bttracker.it.tracker.RecordedDatagram})
 * and can be scripted to misbehave for the next ones ({@link io.github.bttracker.it.tracker.TrackerBehaviour},
 * {@link io.github.bttracker.it.tracker.UdpBehaviour}), in the spirit of OkHttp's MockWebServer. The swarm state
 * ({@link io.github.bttracker.it.tracker.Swarms}) knows nothing about protocols so that every front end (HTTP, UDP,
 * later WebSocket) shares it.
 */
package io.github.bttracker.it.tracker;
