package io.github.bttracker.testing;

import java.time.Duration;

/**
 * The HTTP(S) tracker of an {@link EmbeddedTracker} ({@link EmbeddedTracker#http()}): scripts the answers to the next
 * HTTP requests, whatever their path, and records every request. Thread-safe; see {@link TrackerFacet} for how
 * {@code take} and {@code poll} behave on timeout.
 */
public final class HttpFacet implements TrackerFacet<TrackerBehaviour, RecordedRequest> {
    private final BehaviourScript script;
    private final RequestLog log;

    HttpFacet(BehaviourScript script, RequestLog log) {
        this.script = script;
        this.log = log;
    }

    @Override
    public void enqueue(TrackerBehaviour behaviour) {
        script.enqueue(behaviour);
    }

    @Override
    public RecordedRequest take(Duration timeout) {
        return log.take(timeout);
    }

    @Override
    public RecordedRequest poll() {
        return log.poll();
    }

    @Override
    public RecordedRequest poll(Duration timeout) {
        return log.poll(timeout);
    }

    /** How many HTTP requests the tracker received, taken or not. */
    @Override
    public int count() {
        return log.requestCount();
    }

    /**
     * How many requests came on a connection the tracker was closing silently
     * ({@link EmbeddedTracker#setCloseConnectionsSilently}): they are not recorded and never answered.
     *
     * @return the number of lost requests
     */
    public int lostCount() {
        return log.lostCount();
    }

    /** {@return how many TCP connections the tracker accepted: fewer than requests means connections were reused} */
    public int connectionCount() {
        return log.connectionCount();
    }
}
