package io.github.bttracker.it.bt;

import static org.assertj.core.api.Assertions.assertThat;

import bt.tracker.ITrackerService;
import io.github.bttracker.TrackerRuntime;
import io.github.bttracker.testing.EmbeddedTracker;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A Bt runtime with the plugin, started, used and shut down 100 times, leaves none of the plugin's threads or file
 * descriptors behind. Each cycle announces once, so the plugin's event loop, DNS resolver and a pooled HTTP
 * connection really exist before the shutdown.
 */
class RuntimeLifecycleLeakTest {

    private static final int CYCLES = 100;

    @Test
    void startingAndStoppingARuntime100TimesLeavesNothingBehind() throws Exception {
        try (EmbeddedTracker tracker = EmbeddedTracker.start()) {
            // Bt's own share first: the same cycles with Bt's built-in clients
            cycle(tracker, 2000, BtPeer.Trackers.BUILT_IN);
            io.github.bttracker.it.leaks.Footprint btBefore = io.github.bttracker.it.leaks.Footprint.now();
            for (int i = 1; i <= CYCLES; i++) {
                cycle(tracker, 1000 + i, BtPeer.Trackers.BUILT_IN);
            }
            io.github.bttracker.it.leaks.Footprint btGrowth = io.github.bttracker.it.leaks.Footprint.now()
                    .minus(btBefore);

            int requestsBefore = tracker.http().count();
            cycle(tracker, 0, BtPeer.Trackers.PLUGIN_AUTO_LOADED); // warm-up: classes loaded, JDK descriptors opened
            Map<String, Long> fdsBefore = io.github.bttracker.it.leaks.Footprint.openFileDescriptorsByKind();
            io.github.bttracker.it.leaks.Footprint before = io.github.bttracker.it.leaks.Footprint.now();

            for (int i = 1; i <= CYCLES; i++) {
                cycle(tracker, i, BtPeer.Trackers.PLUGIN_AUTO_LOADED);
            }

            // the event loop group's termination completes as its threads finish; a thread may still be exiting
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(pluginThreads()).isEmpty());
            Map<String, Long> after = io.github.bttracker.it.leaks.Footprint.openFileDescriptorsByKind();
            Map<String, Long> grown = new TreeMap<>();
            after.forEach((kind, n) -> {
                long growth = n - fdsBefore.getOrDefault(kind, 0L);
                if (growth > 0) {
                    grown.put(kind, growth);
                }
            });
            long leaked = grown.values().stream().mapToLong(Long::longValue).sum();
            System.out.printf("file descriptors after %d runtime cycles: %d more than before %s%n", CYCLES, leaked,
                    grown);
            // one leaked socket, selector or DNS channel per cycle would add 100 or more
            assertThat(leaked).as("descriptors left open after %d cycles: %s", CYCLES, grown)
                    .isLessThan(CYCLES / 10);
            // each cycle announced 'started', and 'stopped' as it shut down
            io.github.bttracker.it.leaks.Footprint growth = io.github.bttracker.it.leaks.Footprint.now().minus(before);
            System.out.printf("after %d runtime cycles: with the plugin %s; with Bt's built-in clients (Bt's own "
                    + "share) %s%n", CYCLES, growth, btGrowth);
            assertThat(growth.heapAfterGc()).as("heap, beyond Bt's own %s", btGrowth)
                    .isLessThan(Math.max(0, btGrowth.heapAfterGc()) + (2L << 20));
            assertThat(growth.jdkDirect()).as("direct memory").isLessThanOrEqualTo(4L << 20);
            // each plugin cycle announced 'started', and 'stopped' as it shut down
            assertThat(tracker.http().count() - requestsBefore).isEqualTo(2 * (CYCLES + 1));
            for (int i = 0; i <= CYCLES; i++) {
                assertThat(tracker.peers(SpiAnnounceLoad.torrentId(3, i).getBytes())).isEmpty();
            }
        }
    }

    private static void cycle(EmbeddedTracker tracker, int i, BtPeer.Trackers trackers) {
        try (BtPeer peer = BtPeer.start(trackers)) {
            assertThat(peer.runtime().service(ITrackerService.class).getTracker(tracker.httpAnnounceUrl())
                    .request(SpiAnnounceLoad.torrentId(3, i)).start().isSuccess()).isTrue();
            if (trackers != BtPeer.Trackers.BUILT_IN) {
                assertThat(pluginThreads()).isNotEmpty();
            }
        }
    }

    private static List<Thread> pluginThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(TrackerRuntime.THREAD_NAME_PREFIX) && t.isAlive())
                .collect(Collectors.toList());
    }
}
