package io.github.bttracker.testing;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** The behaviours tests enqueued, first in first out; each is used up by exactly one request. */
final class BehaviourScript {
    private final Queue<TrackerBehaviour> behaviours = new ConcurrentLinkedQueue<>();

    void enqueue(TrackerBehaviour behaviour) {
        behaviours.add(Objects.requireNonNull(behaviour, "behaviour"));
    }

    /** The behaviour for the request at hand: the next enqueued one, or the normal answer when none is left. */
    TrackerBehaviour next() {
        TrackerBehaviour next = behaviours.poll();
        return next != null ? next : TrackerBehaviour.normal();
    }
}
