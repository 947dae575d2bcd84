package io.github.bttracker.it.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bttracker.TrackerRuntime;
import io.github.bttracker.core.AnnounceEvent;
import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.options.TrackerClientOptions;
import io.github.bttracker.testing.EmbeddedTracker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Closing a runtime closes every socket it opened, on whichever transport it runs (io_uring, epoll or NIO): its HTTP
 * connection, its UDP socket with reads outstanding, and its DNS resolver's socket. On io_uring a close completes in
 * a later turn of the event loop; closed right before the loops end, about half of those sockets stayed open
 * (NettyIo.closeChannels).
 */
class RuntimeCloseTest {

    private static final int CYCLES = 30;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void closingARuntimeClosesEverySocketItOpened() throws Exception {
        try (EmbeddedTracker tracker = EmbeddedTracker.start()) {
            cycle(tracker, 0); // warm-up: classes loaded, the JDK's own descriptors opened
            long before = sockets();

            for (int i = 1; i <= CYCLES; i++) {
                cycle(tracker, i);
            }

            long grown = sockets() - before;
            System.out.printf("sockets after %d runtimes closed: %d more than before%n", CYCLES, grown);
            // one socket left per runtime would be 30 or more
            assertThat(grown).as("sockets left open by %d closed runtimes", CYCLES).isLessThan(3);
            assertThat(tracker.http().count()).isEqualTo(CYCLES + 1);
            assertThat(tracker.udp().count() - tracker.udp().connectCount()).as("UDP announces").isEqualTo(CYCLES + 1);
        }
    }

    private static void cycle(EmbeddedTracker tracker, int i) throws Exception {
        try (TrackerRuntime runtime = TrackerRuntime.create(TrackerClientOptions.defaults())) {
            for (String url : List.of(tracker.httpAnnounceUrl(), tracker.udpAnnounceUrl())) {
                byte[] hash = new byte[20];
                hash[0] = (byte) i;
                AnnounceRequest request = AnnounceRequest.builder(InfoHash.of(hash), PeerId.random("-RC0001-"), 6881)
                        .event(AnnounceEvent.STARTED).left(1).build();
                assertThat(runtime.announce(url, request, TIMEOUT).get(20, TimeUnit.SECONDS).isSuccess()).isTrue();
            }
        }
    }

    private static long sockets() {
        Map<String, Long> open = Footprint.openFileDescriptorsByKind();
        return open.getOrDefault("socket:[N]", 0L);
    }
}
