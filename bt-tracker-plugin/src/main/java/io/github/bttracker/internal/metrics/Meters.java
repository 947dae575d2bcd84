package io.github.bttracker.internal.metrics;

/**
 * Where a runtime's counts go besides JFR: nowhere, or Micrometer ({@link MicrometerMeters}). Called on the event
 * loop and on callers' threads; must be cheap and must not throw.
 */
interface Meters {

    /** No meters: metrics are off. */
    Meters NONE = new Meters() {
    };

    default void started(Operation operation, String protocol) {
    }

    default void finished(Operation operation, String protocol, String outcome, long nanos) {
    }

    default void retransmitted(String protocol) {
    }

    default void connectionOpened(String protocol) {
    }

    default void connectionClosed(String protocol) {
    }
}
