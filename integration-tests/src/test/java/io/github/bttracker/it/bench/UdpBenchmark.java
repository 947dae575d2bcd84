package io.github.bttracker.it.bench;

import bt.metainfo.TorrentId;
import bt.tracker.ITrackerService;
import io.github.bttracker.TrackerClientOptions;
import io.github.bttracker.core.AnnounceEvent;
import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.it.bt.BtPeer;
import io.github.bttracker.it.bt.SpiAnnounceLoad;
import io.github.bttracker.it.opentracker.OpenTracker;
import io.github.bttracker.transport.TrackerRuntime;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * Figures, not a pass/fail test (its name keeps it out of the default run): UDP announces against opentracker on
 * loopback, the plugin side by side with Bt's built-in UDP client in one run. Needs opentracker installed
 * ({@code apt-get install opentracker}). Run it with
 * {@code mvn -B -q -pl integration-tests test -Dtest=UdpBenchmark} after {@code mvn -B -q install -DskipTests}.
 * {@code -Dbench.torrents}, {@code -Dbench.threads}, {@code -Dbench.rounds}, {@code -Dbench.async} and
 * {@code -Dbench.wan.torrents} change the workload; {@code -Dbench.sections=spi,async,wan} picks the parts to run.
 */
class UdpBenchmark {

    private static final int TORRENTS = Integer.getInteger("bench.torrents", 20_000);
    private static final int THREADS = Integer.getInteger("bench.threads", 64);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 2);
    private static final int ASYNC = Integer.getInteger("bench.async", 100_000);
    private static final int WAN_TORRENTS = Integer.getInteger("bench.wan.torrents", 1_000);
    private static final Duration BUILT_IN_LIMIT = Duration.ofSeconds(60);
    /** Which parts to run: any of spi, async, wan; all by default. */
    private static final String SECTIONS = System.getProperty("bench.sections", "spi,async,wan");

    @Test
    void udpAgainstOpentracker() throws Exception {
        int salts = 2 * ROUNDS + 3;
        List<String> whitelist = new ArrayList<>();
        for (int salt = 1; salt <= salts; salt++) {
            for (int i = 0; i < TORRENTS; i++) {
                whitelist.add(HexFormat.of().formatHex(SpiAnnounceLoad.torrentId(salt, i).getBytes()));
            }
        }
        try (OpenTracker opentracker = OpenTracker.start(whitelist)) {
            String url = opentracker.udpAnnounceUrl();
            System.out.printf("opentracker at %s, %d torrents whitelisted; %d cores, Java %s%n", url,
                    whitelist.size(), Runtime.getRuntime().availableProcessors(), Runtime.version());
            if (SECTIONS.contains("spi")) {
                try (Profile profile = Profile.start("spi")) {
                    spiSideBySide(url, opentracker.pid());
                }
            }
            if (SECTIONS.contains("async")) {
                try (Profile profile = Profile.start("async")) {
                    asyncApi(url, opentracker.pid());
                }
            }
            if (SECTIONS.contains("wan")) {
                wan(opentracker, salts - 1);
            }
        }
    }

    /**
     * 64 threads x 20,000 torrents through Bt's SPI, plugin and built-in alternating, after one unreported warm-up
     * round each, full size, so that neither is measured while the JIT compiles it (as JMH warms up).
     */
    private static void spiSideBySide(String url, long trackerPid) throws Exception {
        for (BtPeer.Trackers trackers : new BtPeer.Trackers[] {
                BtPeer.Trackers.PLUGIN_EXPLICIT, BtPeer.Trackers.BUILT_IN}) {
            try (BtPeer peer = BtPeer.start(trackers)) {
                SpiAnnounceLoad.run(peer.runtime().service(ITrackerService.class), url, TORRENTS, THREADS,
                        2 * ROUNDS + 1, BUILT_IN_LIMIT);
            }
        }
        int salt = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            for (BtPeer.Trackers trackers : new BtPeer.Trackers[] {
                    BtPeer.Trackers.PLUGIN_EXPLICIT, BtPeer.Trackers.BUILT_IN}) {
                salt++;
                try (BtPeer peer = BtPeer.start(trackers)) {
                    ITrackerService service = peer.runtime().service(ITrackerService.class);
                    long heapBefore = usedHeapAfterGc();
                    ThreadSampler threads = ThreadSampler.start();
                    CpuTimes cpuBefore = CpuTimes.read(trackerPid);
                    SpiAnnounceLoad.Result result = SpiAnnounceLoad.run(service, url, TORRENTS, THREADS, salt,
                            trackers == BtPeer.Trackers.BUILT_IN ? BUILT_IN_LIMIT : Duration.ofMinutes(5));
                    int maxThreads = threads.stop();
                    CpuTimes cpu = CpuTimes.read(trackerPid).minus(cpuBefore);
                    long heapAfter = usedHeapAfterGc();
                    System.out.printf("SPI round %d %-16s %d threads x %d torrents: %s; JVM threads max %d; heap "
                                    + "used after GC %.1f MiB -> %.1f MiB (%+.0f bytes/torrent)%n", round, trackers,
                            THREADS, TORRENTS, result, maxThreads, heapBefore / 1048576.0, heapAfter / 1048576.0,
                            (heapAfter - heapBefore) / (double) TORRENTS);
                    System.out.printf("  CPU: %s%n", cpu);
                }
            }
        }
    }

    /** The plugin's asynchronous API at full speed: every announce issued at once, flow control does the rest. */
    private static void asyncApi(String url, long trackerPid) throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            TrackerClientOptions.Builder options = TrackerClientOptions.builder();
            if (Integer.getInteger("bench.inflight") != null) {
                options.udpMaxInFlightPerTracker(Integer.getInteger("bench.inflight"));
            }
            try (TrackerRuntime runtime = TrackerRuntime.create(options.build())) {
                // warm the connection id and the JIT first, full size (unreported)
                announceAll(runtime, url, ASYNC, 1);
                long[] udpBefore = kernelUdpCounters();
                CpuTimes cpuBefore = CpuTimes.read(trackerPid);
                long start = System.nanoTime();
                int[] outcome = announceAll(runtime, url, ASYNC, round + 1);
                double seconds = (System.nanoTime() - start) / 1e9;
                CpuTimes cpu = CpuTimes.read(trackerPid).minus(cpuBefore);
                System.out.printf("async round %d: %d announces issued at once: %d succeeded, %d failed in %.2f s:"
                        + " %.0f announces/s; CPU: %s%n", round, ASYNC, outcome[0], outcome[1], seconds,
                        outcome[0] / seconds, cpu);
                long[] udpAfter = kernelUdpCounters();
                System.out.printf("  kernel UDP counters during the round: %d datagrams received, %d receive buffer"
                        + " errors (drops)%n", udpAfter[0] - udpBefore[0], udpAfter[1] - udpBefore[1]);
            }
        }
    }

    /** @return {succeeded, failed} */
    private static int[] announceAll(TrackerRuntime runtime, String url, int count, int peerSalt) throws Exception {
        List<CompletableFuture<AnnounceResponse>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            TorrentId torrent = SpiAnnounceLoad.torrentId(1 + (i / TORRENTS) % 2, i % TORRENTS);
            byte[] peer = new byte[20];
            peer[0] = (byte) peerSalt;
            peer[1] = (byte) (i >> 16);
            peer[2] = (byte) (i >> 8);
            peer[3] = (byte) i;
            futures.add(runtime.announce(url, AnnounceRequest.builder(InfoHash.of(torrent.getBytes()),
                            PeerId.of(peer), 1024 + (i % 60_000)).event(AnnounceEvent.STARTED).left(1).numWant(50)
                    .build(), Duration.ofSeconds(30)));
        }
        int ok = 0;
        int failed = 0;
        java.util.Map<String, Integer> reasons = new java.util.TreeMap<>();
        for (CompletableFuture<AnnounceResponse> f : futures) {
            try {
                AnnounceResponse response = f.get(60, TimeUnit.SECONDS);
                if (response.isSuccess()) {
                    ok++;
                } else {
                    failed++;
                    reasons.merge(response.failureReason().orElse("?"), 1, Integer::sum);
                }
            } catch (Exception e) {
                failed++;
                reasons.merge(String.valueOf(e.getCause() == null ? e : e.getCause().getMessage())
                        .replaceAll("[0-9]+", "N"), 1, Integer::sum);
            }
        }
        if (!reasons.isEmpty()) {
            System.out.println("  failures by reason: " + reasons);
        }
        return new int[] {ok, failed};
    }

    /** 100 ms round trip, 2% loss each way, 1,000 torrents through Bt's SPI. */
    private static void wan(OpenTracker opentracker, int salt) throws Exception {
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", opentracker.udpPort());
        for (double loss : new double[] {0.02, 0.0}) {
            for (BtPeer.Trackers trackers : new BtPeer.Trackers[] {
                    BtPeer.Trackers.PLUGIN_EXPLICIT, BtPeer.Trackers.BUILT_IN}) {
                if (trackers == BtPeer.Trackers.PLUGIN_EXPLICIT && loss == 0.0) {
                    continue;
                }
                try (WanUdpProxy proxy = WanUdpProxy.start(target, Duration.ofMillis(100), loss, 42);
                     BtPeer peer = BtPeer.start(trackers)) {
                    String url = "udp://127.0.0.1:" + proxy.address().getPort() + "/announce";
                    ITrackerService service = peer.runtime().service(ITrackerService.class);
                    SpiAnnounceLoad.Result result = SpiAnnounceLoad.run(service, url, WAN_TORRENTS, THREADS,
                            salt + (trackers == BtPeer.Trackers.BUILT_IN ? 1 : 0),
                            trackers == BtPeer.Trackers.BUILT_IN ? Duration.ofSeconds(30) : Duration.ofMinutes(2));
                    System.out.printf("WAN 100 ms RTT, %.0f%% loss each way, %-16s %d torrents, %d threads: %s%n",
                            loss * 100, trackers, WAN_TORRENTS, THREADS, result);
                }
            }
        }
    }

    /** CPU time of opentracker, of the tracker client's event loop threads and of every other JVM thread. */
    private record CpuTimes(double opentracker, double eventLoops, double otherJvmThreads) {
        static CpuTimes read(long pid) throws Exception {
            String[] stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"))
                    .replaceAll("^.*\\) ", "").split(" ");
            // fields 14 and 15 of /proc/PID/stat (utime, stime), counted here from field 3 on, in clock ticks
            double opentracker = (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) / 100.0;
            java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            double loops = 0;
            double others = 0;
            for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info == null) {
                    continue;
                }
                double seconds = threads.getThreadCpuTime(info.getThreadId()) / 1e9;
                if (info.getThreadName().startsWith(TrackerRuntime.THREAD_NAME_PREFIX)) {
                    loops += seconds;
                } else {
                    others += seconds;
                }
            }
            return new CpuTimes(opentracker, loops, others);
        }

        CpuTimes minus(CpuTimes o) {
            return new CpuTimes(opentracker - o.opentracker, eventLoops - o.eventLoops,
                    otherJvmThreads - o.otherJvmThreads);
        }

        @Override
        public String toString() {
            return String.format("opentracker %.2f s, bt-tracker event loops %.2f s, other JVM threads %.2f s",
                    opentracker, eventLoops, otherJvmThreads);
        }
    }

    /** A JFR recording of a section when {@code -Dbench.jfr=DIR} is set, dumped to DIR/section.jfr. */
    private static final class Profile implements AutoCloseable {
        private final jdk.jfr.Recording recording;
        private final String section;

        private Profile(jdk.jfr.Recording recording, String section) {
            this.recording = recording;
            this.section = section;
        }

        static Profile start(String section) throws Exception {
            if (System.getProperty("bench.jfr") == null) {
                return new Profile(null, section);
            }
            jdk.jfr.Recording recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            recording.start();
            return new Profile(recording, section);
        }

        @Override
        public void close() throws Exception {
            if (recording != null) {
                recording.stop();
                recording.dump(java.nio.file.Path.of(System.getProperty("bench.jfr"), section + ".jfr"));
                recording.close();
            }
        }
    }

    /** @return {InDatagrams, RcvbufErrors} of the host's UDP statistics (/proc/net/snmp) */
    private static long[] kernelUdpCounters() throws Exception {
        List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/net/snmp")).stream()
                .filter(l -> l.startsWith("Udp:")).toList();
        List<String> names = List.of(lines.get(0).split("\\s+"));
        String[] values = lines.get(1).split("\\s+");
        return new long[] {Long.parseLong(values[names.indexOf("InDatagrams")]),
            Long.parseLong(values[names.indexOf("RcvbufErrors")])};
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Samples the JVM's live thread count every 20 ms and keeps the highest. */
    private static final class ThreadSampler {
        private final AtomicInteger max = new AtomicInteger();
        private final LongAdder samples = new LongAdder();
        private volatile boolean running = true;
        private final Thread thread = new Thread(() -> {
            while (running) {
                max.accumulateAndGet(ManagementFactory.getThreadMXBean().getThreadCount(), Math::max);
                samples.increment();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "thread-sampler");

        static ThreadSampler start() {
            ThreadSampler sampler = new ThreadSampler();
            sampler.thread.setDaemon(true);
            sampler.thread.start();
            return sampler;
        }

        int stop() throws InterruptedException {
            running = false;
            thread.join();
            return max.get();
        }
    }
}
