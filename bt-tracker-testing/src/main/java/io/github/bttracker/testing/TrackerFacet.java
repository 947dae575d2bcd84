package io.github.bttracker.testing;

import java.time.Duration;

/**
 * One protocol side of an {@link EmbeddedTracker} ({@link EmbeddedTracker#http()}, {@link EmbeddedTracker#udp()},
 * {@link EmbeddedTracker#ws()}): scripting how it answers the next requests, and the requests it recorded, in
 * arrival order, for the test to take. The three sides share the swarms but each has its own script and recording.
 *
 * <p>On timeout, every {@code take} throws and every {@code poll} returns {@code null}: {@code take} is for what the
 * client must have sent, {@code poll(Duration)} for checking that it sent nothing. All methods are thread-safe.
 *
 * @param <B> what a scripted answer is ({@link TrackerBehaviour}, {@link UdpBehaviour}, {@link WebSocketBehaviour})
 * @param <R> what a recorded request is ({@link RecordedRequest}, {@link RecordedDatagram}, {@link RecordedMessage})
 */
public interface TrackerFacet<B, R> {

    /** How long {@link #take()} waits. */
    Duration DEFAULT_TAKE_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Makes the next request answered as {@code behaviour} says; behaviours queue up FIFO.
     *
     * @param behaviour how to answer
     */
    void enqueue(B behaviour);

    /**
     * Makes each of the next {@code times} requests answered as {@code behaviour} says, e.g. three drops in a row.
     *
     * @param behaviour how to answer
     * @param times how many requests, 0 or more
     */
    default void enqueue(B behaviour, int times) {
        if (times < 0) {
            throw new IllegalArgumentException("times must not be negative: " + times);
        }
        for (int i = 0; i < times; i++) {
            enqueue(behaviour);
        }
    }

    /**
     * The oldest request not taken yet, waiting up to {@link #DEFAULT_TAKE_TIMEOUT} for one.
     *
     * @return the request
     * @throws IllegalStateException if none arrives in time, or the waiting thread is interrupted
     */
    default R take() {
        return take(DEFAULT_TAKE_TIMEOUT);
    }

    /**
     * The oldest request not taken yet, waiting up to {@code timeout} for one.
     *
     * @param timeout how long to wait
     * @return the request
     * @throws IllegalStateException if none arrives in time, or the waiting thread is interrupted
     */
    R take(Duration timeout);

    /** {@return the oldest request not taken yet, or {@code null} if there is none; does not wait} */
    R poll();

    /**
     * The oldest request not taken yet, waiting up to {@code timeout} for one; {@code null} if none arrives in time,
     * so that {@code assertThat(tracker.ws().poll(Duration.ofMillis(300))).isNull()} checks that a client sent
     * nothing.
     *
     * @param timeout how long to wait
     * @return the request, or {@code null}
     * @throws IllegalStateException if the waiting thread is interrupted
     */
    R poll(Duration timeout);

    /** {@return how many requests this side received, taken or not} */
    int count();
}
