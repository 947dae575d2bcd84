package io.github.bttracker.it.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The short CI variant of {@link LongRunLeakBenchmark}: 1,000 torrents on HTTP, UDP and WebSocket trackers,
 * re-announcing every second for 20 s; once they are stopped and the runtime closed, the plugin's threads, the file
 * descriptors, the heap and direct memory are back where they started.
 */
class LongRunLeakTest {

    @Test
    void aThousandTorrentsAnnouncingFor20SecondsLeaveNothingBehind() throws Exception {
        // warm-up at full size: classes, JIT, and the buffer pools' high-water mark (Netty's allocator is shared by
        // the whole process and keeps its chunks; that is a cache, not a leak)
        LongRun.run(1_000, Duration.ofSeconds(5), Duration.ofSeconds(1), System.out);
        LongRun.Result result = LongRun.run(1_000, Duration.ofSeconds(20), Duration.ofSeconds(1), System.out);
        Footprint grown = result.after().minus(result.before());
        System.out.println("before: " + result.before());
        System.out.println("after:  " + result.after());

        // every torrent re-announced many times on all three trackers
        assertThat(result.updates()).isGreaterThan(1_000L * 3 * 10);
        assertThat(result.warnings()).isZero();
        assertThat(result.after().pluginThreads()).isZero();
        assertThat(grown.fileDescriptors()).as("file descriptors: %s", grown).isLessThanOrEqualTo(5);
        assertThat(grown.heapAfterGc()).as("heap: %s", grown).isLessThan(4L << 20);
        // the JDK's count moves by a MiB or two with its per-thread buffer caches and when cleaners run; one leaked
        // buffer per announce would add a hundred MiB here
        assertThat(grown.jdkDirect()).as("direct memory: %s", grown).isLessThanOrEqualTo(4L << 20);
        if (result.before().nettyDirect() >= 0) { // Netty counts only the direct memory it allocates without cleaners
            // Netty's allocator takes memory in chunks of 2 MiB (the steps in the lines printed above) and keeps them:
            // a run whose peak the warm-up did not reach may keep one chunk more (it did once in a full CI run on
            // io_uring, whose UDP reads hold 16 buffers each); one leaked buffer per announce would add far more
            assertThat(grown.nettyDirect()).as("Netty's direct memory: %s", grown).isLessThanOrEqualTo(2L << 20);
        }
    }
}
