package io.github.bttracker.internal.transport.udp;

import io.netty.channel.EventLoop;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The deadlines of every request in flight or queued, without a scheduled task each: requests with the same timeout
 * expire in the order they arrived, so each timeout value keeps its requests in a doubly linked FIFO list (added at
 * the tail, removed anywhere in O(1) when answered) and one sweep every {@link #SWEEP_MILLIS} ms expires what is due
 * from the heads. With a hundred thousand requests queued, a priority queue of timers costs more than the requests'
 * own work. Confined to the transport's event loop; a deadline fires at most one sweep period late.
 */
final class Deadlines<T extends Deadlines.Entry<T>> {

    static final long SWEEP_MILLIS = 10;

    /** A request with a deadline; the links belong to {@link Deadlines}. */
    abstract static class Entry<T> {
        private long deadlineNanos;
        private long timeoutNanos;
        private T previous;
        private T next;
        private boolean listed;
    }

    /** One FIFO list of the entries that share a timeout value. */
    private final class Lane {
        private final long timeoutNanos;
        private T head;
        private T tail;

        Lane(long timeoutNanos) {
            this.timeoutNanos = timeoutNanos;
        }
    }

    private final EventLoop loop;
    private final Consumer<T> onExpired;
    /** Few: one per distinct timeout in use (a linear scan beats boxing a key per request). */
    private final java.util.List<Lane> lanes = new java.util.ArrayList<>();
    private int size;
    private boolean sweeping;

    Deadlines(EventLoop loop, Consumer<T> onExpired) {
        this.loop = loop;
        this.onExpired = onExpired;
    }

    void add(T entry, long timeoutNanos) {
        Entry<T> e = entry;
        e.timeoutNanos = timeoutNanos;
        e.deadlineNanos = System.nanoTime() + timeoutNanos;
        Lane lane = lane(timeoutNanos);
        if (lane == null) {
            lane = new Lane(timeoutNanos);
            lanes.add(lane);
        }
        e.previous = lane.tail;
        e.next = null;
        if (lane.tail != null) {
            ((Entry<T>) lane.tail).next = entry;
        } else {
            lane.head = entry;
        }
        lane.tail = entry;
        e.listed = true;
        size++;
        if (!sweeping) {
            sweeping = true;
            loop.schedule(this::sweep, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    void remove(T entry) {
        Entry<T> e = entry;
        if (!e.listed) {
            return;
        }
        Lane lane = lane(e.timeoutNanos);
        if (e.previous != null) {
            ((Entry<T>) e.previous).next = e.next;
        } else {
            lane.head = e.next;
        }
        if (e.next != null) {
            ((Entry<T>) e.next).previous = e.previous;
        } else {
            lane.tail = e.previous;
        }
        e.previous = null;
        e.next = null;
        e.listed = false;
        size--;
    }

    private Lane lane(long timeoutNanos) {
        for (int i = 0; i < lanes.size(); i++) {
            if (lanes.get(i).timeoutNanos == timeoutNanos) {
                return lanes.get(i);
            }
        }
        return null;
    }

    /** @return every entry still listed, for failing them all at close */
    java.util.List<T> all() {
        java.util.List<T> all = new java.util.ArrayList<>(size);
        for (Lane lane : lanes) {
            for (T e = lane.head; e != null; e = ((Entry<T>) e).next) {
                all.add(e);
            }
        }
        return all;
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Lane lane : new java.util.ArrayList<>(lanes)) {
            while (lane.head != null && now - ((Entry<T>) lane.head).deadlineNanos >= 0) {
                T expired = lane.head;
                remove(expired);
                onExpired.accept(expired);
            }
        }
        lanes.removeIf(lane -> lane.head == null);
        if (size > 0) {
            loop.schedule(this::sweep, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            sweeping = false;
        }
    }
}
