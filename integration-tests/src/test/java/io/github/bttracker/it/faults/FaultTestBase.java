package io.github.bttracker.it.faults;

import io.github.bttracker.TrackerClient;
import io.github.bttracker.TrackerRuntime;
import io.github.bttracker.it.process.LoopbackPorts;
import io.github.bttracker.testing.EmbeddedTracker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * What a fault test leaves behind, and its teardown: the client is destroyed, then the runtime closed, then the
 * trackers closed and the reserved ports released.
 */
abstract class FaultTestBase {

    TrackerRuntime runtime;
    TrackerClient client;
    private final List<EmbeddedTracker> trackers = new ArrayList<>();
    private final List<Integer> reservedPorts = new ArrayList<>();

    /** @return the tracker, closed after the test (closing it earlier is fine) */
    EmbeddedTracker closeAfter(EmbeddedTracker tracker) {
        trackers.add(tracker);
        return tracker;
    }

    /** @return a port free for TCP and UDP on loopback, released after the test */
    int reservePort() {
        int port = Faults.reserveTcpAndUdpPort();
        reservedPorts.add(port);
        return port;
    }

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.destroy();
        }
        if (runtime != null) {
            runtime.close();
        }
        trackers.forEach(EmbeddedTracker::close);
        reservedPorts.forEach(LoopbackPorts::release);
    }
}
