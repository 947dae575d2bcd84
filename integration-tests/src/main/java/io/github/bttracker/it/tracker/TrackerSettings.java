package io.github.bttracker.it.tracker;

/**
 * Tracker-wide settings that tests may change while the tracker runs; every front end reads them per request.
 */
final class TrackerSettings {
    private volatile int interval;
    private volatile boolean closeConnectionsAfterResponse;

    TrackerSettings(int interval, boolean closeConnectionsAfterResponse) {
        setInterval(interval);
        this.closeConnectionsAfterResponse = closeConnectionsAfterResponse;
    }

    int interval() {
        return interval;
    }

    void setInterval(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("interval must not be negative: " + seconds);
        }
        this.interval = seconds;
    }

    boolean closeConnectionsAfterResponse() {
        return closeConnectionsAfterResponse;
    }

    void setCloseConnectionsAfterResponse(boolean close) {
        this.closeConnectionsAfterResponse = close;
    }
}
