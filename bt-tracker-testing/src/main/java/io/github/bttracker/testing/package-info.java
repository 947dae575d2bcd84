/**
 * An embedded BitTorrent tracker (the server side) for tests and offline demos.
 *
 * <p>{@link io.github.bttracker.testing.EmbeddedTracker} is the entry point: it starts an HTTP tracker, a UDP
 * tracker (BEP 15) and a WebSocket (WebTorrent) tracker on loopback, records every request, datagram and message it
 * receives ({@link io.github.bttracker.testing.RecordedRequest},
 * {@link io.github.bttracker.testing.RecordedDatagram}, {@link io.github.bttracker.testing.RecordedMessage})
 * and can be scripted to misbehave for the next ones ({@link io.github.bttracker.testing.TrackerBehaviour},
 * {@link io.github.bttracker.testing.UdpBehaviour}, {@link io.github.bttracker.testing.WebSocketBehaviour}),
 * in the spirit of OkHttp's MockWebServer. The swarm state ({@link io.github.bttracker.testing.Swarms}) knows
 * nothing about protocols so that every front end shares it.
 */
package io.github.bttracker.testing;
