package io.github.bttracker.it.hostile;

import io.github.bttracker.TrackerRuntime;
import io.github.bttracker.options.TrackerClientOptions;
import io.github.bttracker.testing.EmbeddedTracker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh embedded tracker and client runtime for each hostile case, so that no case sees another's state. */
abstract class HostileTrackerBase {

    EmbeddedTracker tracker;
    TrackerRuntime runtime;

    @BeforeEach
    void start() {
        tracker = EmbeddedTracker.start();
        runtime = TrackerRuntime.create(TrackerClientOptions.defaults());
    }

    @AfterEach
    void stop() {
        runtime.close();
        tracker.close();
    }
}
