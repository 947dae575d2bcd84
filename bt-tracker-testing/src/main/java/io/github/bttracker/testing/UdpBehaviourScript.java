package io.github.bttracker.testing;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** The UDP behaviours tests enqueued, first in first out; each is used up by exactly one received datagram. */
final class UdpBehaviourScript {
    private final Queue<UdpBehaviour> behaviours = new ConcurrentLinkedQueue<>();

    void enqueue(UdpBehaviour behaviour) {
        behaviours.add(Objects.requireNonNull(behaviour, "behaviour"));
    }

    /** The behaviour for the datagram at hand: the next enqueued one, or the normal answer when none is left. */
    UdpBehaviour next() {
        UdpBehaviour next = behaviours.poll();
        return next != null ? next : UdpBehaviour.normal();
    }
}
