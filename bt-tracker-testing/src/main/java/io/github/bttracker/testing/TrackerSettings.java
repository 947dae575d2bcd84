package io.github.bttracker.testing;

/**
 * Tracker-wide settings that tests may change while the tracker runs; every front end reads them per request.
 */
final class TrackerSettings {
    private volatile int interval;
    private volatile boolean closeConnectionsAfterResponse;
    private volatile boolean closeConnectionsSilently;
    // negative: WebSocket replies carry the same interval as the others
    private volatile int wsInterval = -1;

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

    /** The interval of WebSocket announce replies: the one set for them, else {@link #interval()}. */
    int wsInterval() {
        int seconds = wsInterval;
        return seconds < 0 ? interval : seconds;
    }

    void setWsInterval(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("interval must not be negative: " + seconds);
        }
        this.wsInterval = seconds;
    }

    boolean closeConnectionsAfterResponse() {
        return closeConnectionsAfterResponse;
    }

    void setCloseConnectionsAfterResponse(boolean close) {
        this.closeConnectionsAfterResponse = close;
    }

    boolean closeConnectionsSilently() {
        return closeConnectionsSilently;
    }

    void setCloseConnectionsSilently(boolean close) {
        this.closeConnectionsSilently = close;
    }
}
