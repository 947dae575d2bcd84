package io.github.bttracker.it.ws;

import io.github.bttracker.TrackerRuntime;
import io.github.bttracker.core.AnnounceEvent;
import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.options.TrackerClientOptions;
import io.github.bttracker.options.WebSocketOptions;
import io.github.bttracker.testing.EmbeddedTracker;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Figures, not a pass/fail test (its name keeps it out of the default run): 1,000 torrents announcing (with a fake
 * WebRTC implementation, one offer each) and then scraping on one shared WebSocket tracker connection, next to the
 * same work through 1,000 separate connections (1,000 distinct URLs of the same embedded tracker). Run it with
 * {@code mvn -B -q -pl integration-tests test -Dtest=WsBenchmark} after {@code mvn -B -q install -DskipTests}.
 */
class WsBenchmark {

    private static final int TORRENTS = Integer.getInteger("bench.torrents", 1_000);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

    @Test
    void oneSharedConnectionAgainstOneConnectionPerTorrent() throws Exception {
        try (EmbeddedTracker tracker = EmbeddedTracker.start()) {
            for (int round = 1; round <= ROUNDS; round++) {
                run("one shared connection      ", tracker, i -> tracker.wsAnnounceUrl(), round);
                run("one connection per torrent ", tracker, i -> tracker.wsAnnounceUrl() + "/?c=" + i, round);
            }
        }
    }

    private static void run(String label, EmbeddedTracker tracker, IntFunction<String> url, int round)
            throws Exception {
        long heapBefore = usedHeapAfterGc();
        int connectionsBefore = tracker.ws().connectionCount();
        try (TrackerRuntime runtime = TrackerRuntime.create(TrackerClientOptions.defaults()
                .withWebSocket(WebSocketOptions.defaults().withWebRtc(new FakeWebRtc("bench"))))) {
            PeerId peer = PeerId.random("-BE0001-");
            long start = System.nanoTime();
            List<CompletableFuture<AnnounceResponse>> announces = new ArrayList<>();
            for (int i = 0; i < TORRENTS; i++) {
                announces.add(runtime.announce(url.apply(i), AnnounceRequest.builder(hash(round, i), peer, 0)
                        .event(AnnounceEvent.STARTED).left(1).numWant(1).build(), Duration.ofSeconds(60)));
            }
            int ok = 0;
            for (CompletableFuture<AnnounceResponse> f : announces) {
                ok += f.get(120, TimeUnit.SECONDS).isSuccess() ? 1 : 0;
            }
            double announceSeconds = (System.nanoTime() - start) / 1e9;
            long scrapeStart = System.nanoTime();
            List<CompletableFuture<?>> scrapes = new ArrayList<>();
            for (int i = 0; i < TORRENTS; i++) {
                scrapes.add(runtime.scrape(url.apply(i), List.of(hash(round, i)), Duration.ofSeconds(60)));
            }
            for (CompletableFuture<?> f : scrapes) {
                f.get(120, TimeUnit.SECONDS);
            }
            double scrapeSeconds = (System.nanoTime() - scrapeStart) / 1e9;
            long heapActive = usedHeapAfterGc();
            System.out.printf("round %d, %s: %d/%d announces ok in %.2f s, %d scrapes in %.2f s, %d connections,"
                            + " heap with all torrents active %+.1f MiB (%.0f bytes per torrent), JVM threads %d%n",
                    round, label, ok, TORRENTS, announceSeconds, TORRENTS, scrapeSeconds,
                    tracker.ws().connectionCount() - connectionsBefore, (heapActive - heapBefore) / 1048576.0,
                    (heapActive - heapBefore) / (double) TORRENTS,
                    ManagementFactory.getThreadMXBean().getThreadCount());
        }
    }

    private static InfoHash hash(int round, int i) {
        byte[] b = new byte[20];
        b[0] = (byte) round;
        b[1] = (byte) (i >> 8);
        b[2] = (byte) i;
        b[19] = 0x33;
        return InfoHash.of(b);
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
