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
 *
 * <p>Threads: a tracker handles every request on one thread of its own, in arrival order; the tracker, its facets and
 * {@code Swarms} are thread-safe, and the behaviours, recordings and values are immutable, so a test may script and
 * take from its own thread while clients talk to the tracker. {@code BencodeEncoder} is stateless.
 *
 * <p>Failures: arguments are checked when given ({@link java.lang.NullPointerException},
 * {@link java.lang.IllegalArgumentException}), not later on the tracker's thread. {@code take} throws
 * {@link java.lang.IllegalStateException} when nothing arrives in time and {@code poll} returns {@code null}; a
 * malformed request is recorded like any other and never stops the tracker.
 * {@code io.github.bttracker.testing.internal} is not API.
 */
package io.github.bttracker.testing;
