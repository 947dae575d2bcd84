package io.github.bttracker.testing;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** The WebSocket behaviours tests enqueued, first in first out; each is used up by exactly one received message. */
final class WebSocketBehaviourScript {
    private final Queue<WebSocketBehaviour> behaviours = new ConcurrentLinkedQueue<>();

    void enqueue(WebSocketBehaviour behaviour) {
        behaviours.add(Objects.requireNonNull(behaviour, "behaviour"));
    }

    /** The behaviour for the message at hand: the next enqueued one, or the normal handling when none is left. */
    WebSocketBehaviour next() {
        WebSocketBehaviour next = behaviours.poll();
        return next != null ? next : WebSocketBehaviour.normal();
    }
}
