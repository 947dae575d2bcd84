/**
 * An embedded BitTorrent tracker (the server side) for tests and offline demos.
 *
 * <p>{@link io.github.bttracker.it.tracker.EmbeddedTracker} is the entry point: it starts an HTTP tracker on
 * loopback, records every request it receives ({@link io.github.bttracker.it.tracker.RecordedRequest}) and can be
 * scripted to misbehave for the next requests ({@link io.github.bttracker.it.tracker.TrackerBehaviour}), in the
 * spirit of OkHttp's MockWebServer. The swarm state ({@link io.github.bttracker.it.tracker.Swarms}) knows nothing
 * about HTTP so that other front ends (UDP, WebSocket) can share it.
 */
package io.github.bttracker.it.tracker;
