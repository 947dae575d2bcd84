package io.github.bttracker.it.bench;

import bt.Bt;
import bt.data.file.FileSystemStorage;
import bt.metainfo.TorrentId;
import bt.runtime.BtClient;
import bt.tracker.ITrackerService;
import io.github.bttracker.TrackerClient;
import io.github.bttracker.TrackerRuntime;
import io.github.bttracker.core.AnnounceEvent;
import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.core.ScrapeResult;
import io.github.bttracker.it.bt.BtPeer;
import io.github.bttracker.it.bt.SpiAnnounceLoad;
import io.github.bttracker.it.bt.TestTorrent;
import io.github.bttracker.it.opentracker.OpenTracker;
import io.github.bttracker.it.opentracker.OpenTrackerStats;
import io.github.bttracker.options.TrackerClientOptions;
import io.github.bttracker.testing.EmbeddedTracker;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The benchmark suite: the plugin against Bt's built-in tracker clients, side by side in one run, and beside both the
 * tracker's ceiling, measured in the same run against the same tracker process, printing figures (not a pass/fail
 * test; its name keeps it out of the default run). Needs opentracker and wrk ({@code apt-get install opentracker
 * wrk}). Run it with
 * <pre>
 * mvn -B -q install -DskipTests
 * mvn -B -pl integration-tests test -Pbenchmark -Dtest=TrackerBenchmark
 * </pre>
 * The {@code benchmark} profile runs it with the plugin logging at INFO, the level a user runs it at (the module's
 * other tests log it at DEBUG, which costs several per cent per announce); the benchmark checks the level in its JVM
 * and refuses to run at any other.
 * <p>
 * Sections ({@code -Dbench.sections=spi,async,scrape,wan,runtime}, all by default):
 * <ul>
 *   <li>{@code spi}: N distinct torrents start-announced through Bt's SPI with C caller threads, the plugin's
 *       rounds and then the built-in client's, over UDP and HTTP, against opentracker and the embedded tracker, each
 *       client after warm-up rounds of its own (announcing the same N torrents again), at least {@code
 *       -Dbench.warmup.rounds} (4) and then until the JIT compilers compiled for less than a tenth of a warm-up
 *       round, {@code -Dbench.warmup.max} (12) at most; after each
 *       measured round of the plugin, the ceiling at the same concurrency. One warm-up round is not "warm": on 2 cores
 *       with 64 callers, the plugin's rate against opentracker over HTTP grew round after round (7,000, 12,400,
 *       16,600, 25,100, 23,300, 29,200, ... 32,600/s in 12 rounds on 2026-12-02) while the compilers were busy for
 *       all of the first rounds and still for a third of rounds 6 to 8; a fresh JVM's first round is
 *       {@link ColdStartBenchmark}'s;</li>
 *   <li>{@code async}: the plugin's asynchronous API at full speed, UDP and HTTP, and after each round the ceiling
 *       at the plugin's own concurrency limits (128 announces in flight per UDP tracker, 16 connections per HTTP
 *       origin);</li>
 *   <li>{@code scrape}: multi-scrape of 100,000 info hashes, UDP and HTTP;</li>
 *   <li>{@code wan}: 100 ms round trip (and 2% datagram loss each way for UDP) through a forwarding proxy,
 *       1,000 torrents through the SPI;</li>
 *   <li>{@code runtime}: torrents added to one Bt runtime until each has announced once.</li>
 * </ul>
 * The ceiling is what the tracker answers a bare client for {@code -Dbench.ceiling.seconds} (10): over HTTP
 * {@link WrkCeiling wrk} with C connections, over UDP a {@link UdpCeiling raw pipelined BEP 15 client} with C
 * announces in flight, each announcing N distinct torrents round and round. Each round prints the plugin's rate,
 * the built-in's, the ceiling's, plugin/built-in and plugin/ceiling, and so does the summary; the plugin's rows also
 * give its event loops' CPU time per announce. Each measured round and each ceiling starts once the connections the
 * rounds before it left in TIME_WAIT have expired ({@link BenchSupport#awaitTimeWaitExpired}; up to a minute each
 * against opentracker over HTTP), and says how long it waited.
 * <p>
 * Workload: {@code -Dbench.torrents} (20,000), {@code -Dbench.threads} (1,64), {@code -Dbench.rounds} (2),
 * {@code -Dbench.warmup.rounds} (4) and {@code -Dbench.warmup.max} (12) (the SPI section's),
 * {@code -Dbench.protocols} (udp,http), {@code -Dbench.trackers} (opentracker,embedded), {@code -Dbench.async}
 * (100,000), {@code -Dbench.async.http} (20,000), {@code -Dbench.scrape} (100,000), {@code -Dbench.wan.torrents}
 * (1,000), {@code -Dbench.runtime.torrents} (10,000); {@code -Dbench.jfr=DIR} records a JFR profile per section.
 */
public class TrackerBenchmark {

    @Test
    void benchmark() throws Exception {
        if (!logLevel().equals("INFO")) {
            throw new IllegalStateException("the plugin logs at " + logLevel() + " in this JVM, but a user runs it at "
                    + "INFO: run the benchmark with -Pbenchmark");
        }
        Report report = run(Settings.fromSystemProperties(), System.out);
        report.printSummary(System.out);
    }

    /** The level the plugin's loggers log at in this JVM: TRACE, DEBUG, INFO, WARN, ERROR or OFF. */
    public static String logLevel() {
        org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger(TrackerRuntime.class);
        return logger.isTraceEnabled() ? "TRACE" : logger.isDebugEnabled() ? "DEBUG" : logger.isInfoEnabled() ? "INFO"
                : logger.isWarnEnabled() ? "WARN" : logger.isErrorEnabled() ? "ERROR" : "OFF";
    }

    /** What to run, and how big. */
    public record Settings(int torrents, List<Integer> threads, int warmUpRounds, int maxWarmUpRounds, int rounds,
                    List<String> protocols, List<String> trackers,
                    int asyncUdp, int asyncHttp, int scrapeHashes, int wanTorrents, int runtimeTorrents,
                    Set<String> sections, Duration builtInLimit, Duration ceilingDuration, boolean awaitTimeWait) {

        public static Settings fromSystemProperties() {
            return new Settings(Integer.getInteger("bench.torrents", 20_000),
                    Arrays.stream(System.getProperty("bench.threads", "1,64").split(",")).map(Integer::valueOf)
                            .toList(),
                    Math.max(1, Integer.getInteger("bench.warmup.rounds", 4)),
                    Math.max(1, Integer.getInteger("bench.warmup.max", 12)), Integer.getInteger("bench.rounds", 2),
                    List.of(System.getProperty("bench.protocols", "udp,http").split(",")),
                    List.of(System.getProperty("bench.trackers", "opentracker,embedded").split(",")),
                    Integer.getInteger("bench.async", 100_000), Integer.getInteger("bench.async.http", 20_000),
                    Integer.getInteger("bench.scrape", 100_000), Integer.getInteger("bench.wan.torrents", 1_000),
                    Integer.getInteger("bench.runtime.torrents", 10_000),
                    new LinkedHashSet<>(List.of(System.getProperty("bench.sections", "spi,async,scrape,wan,runtime")
                            .split(","))),
                    Duration.ofSeconds(Integer.getInteger("bench.builtin.limit", 60)),
                    Duration.ofSeconds(Integer.getInteger("bench.ceiling.seconds", 10)), true);
        }
    }

    /** One figure of the run, for the summary (and the smoke test). */
    public record Row(String section, String workload, String client, int succeeded, int failed, int unfinished,
               double perSecond, String detail) {

        static Row of(String section, String workload, Ceiling ceiling) {
            return new Row(section, workload, "ceiling", (int) Math.min(Integer.MAX_VALUE, ceiling.answered()),
                    (int) Math.min(Integer.MAX_VALUE, ceiling.failed()), 0, ceiling.perSecond(), ceiling.toString());
        }
    }

    /** Every figure of a run. */
    public static final class Report {
        final List<Row> rows = new ArrayList<>();

        void add(Row row) {
            rows.add(row);
        }

        public List<Row> rows(String section) {
            return rows.stream().filter(r -> r.section.equals(section)).toList();
        }

        /** Mean rates by workload and client, and the plugin's rate over the built-in's and over the ceiling. */
        public void printSummary(PrintStream out) {
            out.println();
            out.println("Summary (mean over measured rounds; ceiling = the tracker's rate with a bare client in the "
                    + "same run):");
            Map<String, Map<String, List<Row>>> byWorkload = new TreeMap<>();
            for (Row row : rows) {
                byWorkload.computeIfAbsent(row.section + " " + row.workload, k -> new TreeMap<>())
                        .computeIfAbsent(row.client, k -> new ArrayList<>()).add(row);
            }
            byWorkload.forEach((workload, clients) -> {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-52s", workload));
                Map<String, Double> rates = new TreeMap<>();
                for (String client : CLIENTS) {
                    List<Row> rs = clients.get(client);
                    if (rs == null) {
                        continue;
                    }
                    rates.put(client, mean(rs));
                    line.append(String.format(Locale.ROOT, "  %s %,.0f/s (%d ok, %d failed, %d unfinished)", client,
                            mean(rs), rs.stream().mapToInt(Row::succeeded).sum(),
                            rs.stream().mapToInt(Row::failed).sum(), rs.stream().mapToInt(Row::unfinished).sum()));
                }
                String ratios = ratios(rates);
                out.println(ratios.isEmpty() ? line : line.append(";  ").append(ratios));
            });
        }

        /** The clients of a workload, in the order they are printed. */
        private static final List<String> CLIENTS = List.of("plugin", "built-in", "ceiling");

        /** "plugin X/s, built-in Y/s, ceiling Z/s; plugin/built-in Nx, plugin/ceiling Mx", for what was measured. */
        static String compare(Map<String, Double> rates) {
            StringBuilder line = new StringBuilder();
            for (String client : CLIENTS) {
                if (rates.containsKey(client)) {
                    line.append(line.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %,.0f/s",
                            client, rates.get(client)));
                }
            }
            String ratios = ratios(rates);
            return ratios.isEmpty() ? line.toString() : line + "; " + ratios;
        }

        private static String ratios(Map<String, Double> rates) {
            double plugin = rates.getOrDefault("plugin", 0.0);
            List<String> ratios = new ArrayList<>();
            for (String other : List.of("built-in", "ceiling")) {
                double rate = rates.getOrDefault(other, 0.0);
                if (plugin > 0 && rate > 0) {
                    ratios.add(String.format(Locale.ROOT, "plugin/%s %.2fx", other, plugin / rate));
                }
            }
            return String.join(", ", ratios);
        }

        private static double mean(List<Row> rows) {
            return rows == null ? 0 : rows.stream().mapToDouble(Row::perSecond).average().orElse(0);
        }
    }

    /** The tracker a section runs against. */
    private interface Target extends AutoCloseable {
        String name();

        String url(String protocol);

        long pid();

        @Override
        void close();
    }

    public static Report run(Settings settings, PrintStream out) throws Exception {
        Report report = new Report();
        // the I/O the plugin's runtimes choose with the default options (native transport preferred)
        out.printf(Locale.ROOT, "%d cores, Java %s, max heap %d MiB, the plugin on %s, logging at %s; ceilings for %d s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), Runtime.getRuntime().maxMemory() >> 20,
                io.github.bttracker.internal.transport.NettyIo.select(true), logLevel(),
                settings.ceilingDuration.toSeconds());
        Salts salts = new Salts();
        // per workload and client, one set of torrents for all its warm-up rounds and one per measured round
        int spiSaltsPerTracker = settings.protocols.size() * settings.threads.size() * (settings.rounds + 1) * 2;
        for (String trackerName : settings.trackers) {
            if (!trackerName.equals("opentracker") && !trackerName.equals("embedded")) {
                continue; // e.g. -Dbench.trackers=none, to run only the runtime section
            }
            boolean opentracker = trackerName.equals("opentracker");
            // every torrent announced to opentracker must be on its whitelist, which is written once, up front
            List<Integer> spiSalts = salts.take(spiSaltsPerTracker);
            List<Integer> asyncSalts = salts.take(2);
            List<Integer> scrapeSalts = salts.take((settings.scrapeHashes + settings.torrents - 1)
                    / Math.max(1, settings.torrents));
            List<Integer> wanSalts = salts.take(6);
            // the ceilings' torrents, one set per protocol, announced round and round by wrk and the raw UDP client
            List<Integer> ceilingSalts = salts.take(settings.protocols.size());
            List<String> whitelist = new ArrayList<>();
            if (opentracker) {
                for (int salt : concat(spiSalts, asyncSalts, scrapeSalts, wanSalts, ceilingSalts)) {
                    int count = wanSalts.contains(salt) ? settings.wanTorrents : settings.torrents;
                    for (int i = 0; i < count; i++) {
                        whitelist.add(HexFormat.of().formatHex(SpiAnnounceLoad.torrentId(salt, i).getBytes()));
                    }
                }
            }
            try (Target target = opentracker ? openTracker(whitelist) : embeddedTracker()) {
                out.printf("%n== against %s (%s, %s)%n", target.name(), target.url("udp"), target.url("http"));
                if (settings.sections.contains("spi")) {
                    spi(settings, target, spiSalts, ceilingSalts, report, out);
                }
                if (settings.sections.contains("async")) {
                    async(settings, target, asyncSalts, ceilingSalts, report, out);
                }
                if (settings.sections.contains("scrape")) {
                    scrape(settings, target, scrapeSalts, report, out);
                }
                if (settings.sections.contains("wan") && opentracker) {
                    wan(settings, target, wanSalts, report, out);
                }
            }
        }
        if (settings.sections.contains("runtime")) {
            runtime(settings, report, out);
        }
        return report;
    }

    /**
     * N torrents, C caller threads, through Bt's SPI: the plugin's warm-up and measured rounds, each measured round
     * followed by the tracker's ceiling at the same concurrency (C connections or C announces in flight), then the
     * built-in client's. Each client runs its rounds in a block of its own, so that the other's code does not run in
     * between: when the two alternated round by round, each undid the type profiles the other's rounds built, and
     * the JIT compilers were still recompiling in measured rounds (484 deoptimizations in one run; compilation for
     * 749 ms of a 798 ms round).
     */
    private static void spi(Settings settings, Target target, List<Integer> salts, List<Integer> ceilingSalts,
                            Report report, PrintStream out) throws Exception {
        int next = 0;
        try (BenchSupport.Profile profile = BenchSupport.Profile.start("spi-" + target.name())) {
            for (String protocol : settings.protocols) {
                String url = target.url(protocol);
                int ceilingSalt = ceilingSalts.get(settings.protocols.indexOf(protocol));
                for (int threads : settings.threads) {
                    String workload = String.format(Locale.ROOT, "%s %s SPI %,d torrents x %d threads",
                            target.name(), protocol, settings.torrents, threads);
                    List<Map<String, Double>> rates = new ArrayList<>();
                    for (int round = 1; round <= settings.rounds; round++) {
                        rates.add(new TreeMap<>());
                    }
                    for (BtPeer.Trackers client : new BtPeer.Trackers[] {
                            BtPeer.Trackers.PLUGIN_EXPLICIT, BtPeer.Trackers.BUILT_IN}) {
                        boolean builtIn = client == BtPeer.Trackers.BUILT_IN;
                        String name = builtIn ? "built-in" : "plugin";
                        Duration limit = builtIn ? settings.builtInLimit : Duration.ofMinutes(5);
                        // the warm-up rounds all announce the same torrents: the whitelist stays small
                        int warmUpSalt = salts.get(next++);
                        for (int warmUps = 1; ; warmUps++) {
                            long jitBefore = BenchSupport.jitMillis();
                            long roundStarted = System.nanoTime();
                            SpiAnnounceLoad.Result result = spiRound(client, url, settings.torrents, threads,
                                    warmUpSalt, limit);
                            double jitBusy = (BenchSupport.jitMillis() - jitBefore) * 1e6
                                    / Math.max(1, System.nanoTime() - roundStarted);
                            out.printf(Locale.ROOT, "  %s, %s warm-up %d (not counted): %s; the JIT compilers"
                                    + " compiled for %.0f%% of it%n", workload, name, warmUps, result, 100 * jitBusy);
                            if (warmUps >= settings.warmUpRounds && jitBusy < JIT_QUIET
                                    || warmUps >= settings.maxWarmUpRounds) {
                                break;
                            }
                        }
                        for (int round = 1; round <= settings.rounds; round++) {
                            measuredSpiRound(client, target, url, settings, threads, salts.get(next++), limit,
                                    workload, round, rates.get(round - 1), report, out);
                            if (!builtIn) {
                                String waited = BenchSupport.awaitTimeWaitExpired(settings.awaitTimeWait());
                                Ceiling ceiling = ceiling(protocol, url, ceilingSalt, settings.torrents, threads,
                                        settings.ceilingDuration);
                                out.printf(Locale.ROOT, "  %s, round %d, ceiling : %s%s%n", workload, round, ceiling,
                                        waited);
                                report.add(Row.of("spi", workload, ceiling));
                                rates.get(round - 1).put("ceiling", ceiling.perSecond());
                            }
                        }
                    }
                    for (int round = 1; round <= settings.rounds; round++) {
                        out.printf(Locale.ROOT, "  %s, round %d: %s%n", workload, round,
                                Report.compare(rates.get(round - 1)));
                    }
                }
            }
        }
    }

    /** One round of {@link SpiAnnounceLoad} in a Bt runtime of its own with the given client. */
    private static SpiAnnounceLoad.Result spiRound(BtPeer.Trackers client, String url, int torrents, int threads,
                                                   int salt, Duration limit) throws Exception {
        try (BtPeer peer = BtPeer.start(client)) {
            return SpiAnnounceLoad.run(peer.runtime().service(ITrackerService.class), url, torrents, threads, salt,
                    limit);
        }
    }

    /** A measured SPI round: prints it with its latencies, threads, heap, CPU and JIT time, and records its rate. */
    private static void measuredSpiRound(BtPeer.Trackers client, Target target, String url, Settings settings,
                                         int threads, int salt, Duration limit, String workload, int round,
                                         Map<String, Double> rates, Report report, PrintStream out) throws Exception {
        boolean builtIn = client == BtPeer.Trackers.BUILT_IN;
        String name = builtIn ? "built-in" : "plugin";
        String waited = BenchSupport.awaitTimeWaitExpired(settings.awaitTimeWait());
        try (BtPeer peer = BtPeer.start(client)) {
            ITrackerService service = peer.runtime().service(ITrackerService.class);
            long heapBefore = BenchSupport.usedHeapAfterGc();
            BenchSupport.ThreadSampler sampler = BenchSupport.ThreadSampler.start();
            BenchSupport.CpuTimes cpuBefore = BenchSupport.CpuTimes.read(target.pid());
            long jitBefore = BenchSupport.jitMillis();
            SpiAnnounceLoad.Result result = SpiAnnounceLoad.run(service, url, settings.torrents, threads, salt, limit);
            long jitDuringRun = BenchSupport.jitMillis() - jitBefore;
            BenchSupport.CpuTimes cpu = BenchSupport.CpuTimes.read(target.pid()).minus(cpuBefore);
            int maxThreads = sampler.stop();
            long heapAfter = BenchSupport.usedHeapAfterGc();
            String detail = String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms, JVM threads max %d, heap after GC"
                            + " %+.0f bytes/torrent, CPU: %s%s; JIT compiling %d ms%s",
                    result.latencyPercentile(50).toNanos() / 1e6, result.latencyPercentile(99).toNanos() / 1e6,
                    maxThreads, (heapAfter - heapBefore) / (double) settings.torrents, cpu,
                    builtIn ? "" : cpu.eventLoopsPerAnnounce(result.succeeded()), jitDuringRun, waited);
            out.printf(Locale.ROOT, "  %s, round %d, %-8s: %s%n      %s%n", workload, round, name, result, detail);
            report.add(new Row("spi", workload, name, result.succeeded(), result.failures().size(),
                    result.unfinished(), result.announcesPerSecond(), detail));
            rates.put(name, result.announcesPerSecond());
        }
    }

    /**
     * A warm-up round after which the JIT compilers compiled for less than this share of the round's time ends the
     * SPI section's warm-up (after at least {@code -Dbench.warmup.rounds}).
     */
    private static final double JIT_QUIET = 0.10;

    /** The tracker's own limit at this concurrency: wrk with that many connections, or as many UDP announces in flight. */
    private static Ceiling ceiling(String protocol, String url, int salt, int torrents, int concurrency,
                                   Duration duration) throws Exception {
        if (protocol.equals("udp")) {
            return UdpCeiling.measure(url, salt, torrents, concurrency, duration);
        }
        // wrk resets the connections still open when its time is up, and the embedded tracker warns of each reset
        // with a stack trace: not while wrk runs
        java.util.logging.Level level = EMBEDDED_HTTP_LOG.getLevel();
        EMBEDDED_HTTP_LOG.setLevel(java.util.logging.Level.SEVERE);
        try {
            return WrkCeiling.measure(url, salt, torrents, concurrency, duration);
        } finally {
            EMBEDDED_HTTP_LOG.setLevel(level);
        }
    }

    /** The embedded tracker's HTTP connections' logger (System.Logger, so java.util.logging); held, or it is lost. */
    private static final java.util.logging.Logger EMBEDDED_HTTP_LOG = java.util.logging.Logger.getLogger(
            "io.github.bttracker.testing.HttpTrackerHandler");

    /**
     * The plugin's asynchronous API at full speed: every announce issued at once, flow control does the rest; after
     * each round the tracker's ceiling at the plugin's own concurrency limit (announces in flight per UDP tracker,
     * connections per HTTP origin).
     */
    private static void async(Settings settings, Target target, List<Integer> salts, List<Integer> ceilingSalts,
                              Report report, PrintStream out) throws Exception {
        TrackerClientOptions options = TrackerClientOptions.defaults();
        for (String protocol : settings.protocols) {
            int count = protocol.equals("udp") ? settings.asyncUdp : settings.asyncHttp;
            int concurrency = protocol.equals("udp") ? options.udp().maxInFlightPerTracker()
                    : options.http().maxConnectionsPerOrigin();
            String workload = String.format(Locale.ROOT, "%s %s async %,d announces", target.name(), protocol, count);
            try (TrackerRuntime runtime = TrackerRuntime.create(options);
                 BenchSupport.Profile profile = BenchSupport.Profile.start("async-" + protocol + "-"
                         + target.name())) {
                announceAll(runtime, target.url(protocol), count, settings.torrents, salts, 1); // warm-up
                for (int round = 1; round <= settings.rounds; round++) {
                    String waited = BenchSupport.awaitTimeWaitExpired(settings.awaitTimeWait());
                    long[] udpBefore = BenchSupport.kernelUdpCounters();
                    BenchSupport.CpuTimes cpuBefore = BenchSupport.CpuTimes.read(target.pid());
                    long start = System.nanoTime();
                    int[] outcome = announceAll(runtime, target.url(protocol), count, settings.torrents, salts,
                            round + 1);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    BenchSupport.CpuTimes cpu = BenchSupport.CpuTimes.read(target.pid()).minus(cpuBefore);
                    long[] udpAfter = BenchSupport.kernelUdpCounters();
                    String detail = String.format(Locale.ROOT,
                            "%.2f s; kernel UDP receive-buffer drops %d; CPU: %s%s%s", seconds,
                            udpAfter[1] - udpBefore[1], cpu, cpu.eventLoopsPerAnnounce(outcome[0]), waited);
                    out.printf(Locale.ROOT, "  %s, round %d: %d succeeded, %d failed: %,.0f announces/s; %s%n",
                            workload, round, outcome[0], outcome[1], outcome[0] / seconds, detail);
                    report.add(new Row("async", workload, "plugin", outcome[0], outcome[1], 0, outcome[0] / seconds,
                            detail));
                    String ceilingWaited = BenchSupport.awaitTimeWaitExpired(settings.awaitTimeWait());
                    Ceiling ceiling = ceiling(protocol, target.url(protocol),
                            ceilingSalts.get(settings.protocols.indexOf(protocol)), settings.torrents, concurrency,
                            settings.ceilingDuration);
                    out.printf(Locale.ROOT, "  %s, round %d, ceiling: %s%s%n", workload, round, ceiling,
                            ceilingWaited);
                    report.add(Row.of("async", workload, ceiling));
                    out.printf(Locale.ROOT, "  %s, round %d: %s%n", workload, round, Report.compare(Map.of(
                            "plugin", outcome[0] / seconds, "ceiling", ceiling.perSecond())));
                }
            }
        }
    }

    /** @return {succeeded, failed} */
    private static int[] announceAll(TrackerRuntime runtime, String url, int count, int torrents,
                                     List<Integer> salts, int peerSalt) throws Exception {
        List<CompletableFuture<AnnounceResponse>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            TorrentId torrent = SpiAnnounceLoad.torrentId(salts.get((i / torrents) % salts.size()), i % torrents);
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
        Map<String, Integer> reasons = new TreeMap<>();
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
            System.out.println("    failures by reason: " + reasons);
        }
        return new int[] {ok, failed};
    }

    /** Multi-scrape: every hash from one tracker, through the standalone client's static scrape. */
    private static void scrape(Settings settings, Target target, List<Integer> salts, Report report, PrintStream out)
            throws Exception {
        List<InfoHash> hashes = new ArrayList<>(settings.scrapeHashes);
        for (int i = 0; i < settings.scrapeHashes; i++) {
            hashes.add(InfoHash.of(SpiAnnounceLoad.torrentId(salts.get(i / settings.torrents), i % settings.torrents)
                    .getBytes()));
        }
        for (String protocol : settings.protocols) {
            String workload = String.format(Locale.ROOT, "%s %s multi-scrape %,d hashes", target.name(), protocol,
                    settings.scrapeHashes);
            try (TrackerRuntime runtime = TrackerRuntime.create(TrackerClientOptions.defaults())) {
                TrackerClient.scrape(runtime, target.url(protocol), hashes.subList(0, Math.min(hashes.size(), 1000)),
                        Duration.ofSeconds(30)).get(60, TimeUnit.SECONDS); // warm-up
                for (int round = 1; round <= settings.rounds; round++) {
                    long start = System.nanoTime();
                    Map<InfoHash, ScrapeResult> results;
                    String failure = null;
                    try {
                        results = TrackerClient.scrape(runtime, target.url(protocol), hashes, Duration.ofSeconds(60))
                                .get(90, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        results = Map.of();
                        failure = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e);
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    // a tracker reports only the torrents it knows (opentracker over HTTP), or all of them (UDP)
                    String detail = String.format(Locale.ROOT, "%.2f s for %,d hashes (%,d reported by the tracker)%s",
                            seconds, hashes.size(), results.size(), failure == null ? "" : "; FAILED: " + failure);
                    out.printf(Locale.ROOT, "  %s, round %d: %s: %,.0f hashes/s%n", workload, round, detail,
                            failure == null ? hashes.size() / seconds : 0);
                    report.add(new Row("scrape", workload, "plugin", failure == null ? hashes.size() : 0,
                            failure == null ? 0 : hashes.size(), 0, failure == null ? hashes.size() / seconds : 0,
                            detail));
                }
            }
        }
    }

    /** 100 ms round trip (and 2% loss each way for UDP), 1,000 torrents through Bt's SPI with 64 threads. */
    private static void wan(Settings settings, Target target, List<Integer> salts, Report report, PrintStream out)
            throws Exception {
        int next = 0;
        for (String protocol : settings.protocols) {
            InetSocketAddress upstream = addressOf(target.url(protocol));
            List<Double> losses = protocol.equals("udp") ? List.of(0.02, 0.0) : List.of(0.0);
            for (double loss : losses) {
                for (BtPeer.Trackers client : new BtPeer.Trackers[] {
                        BtPeer.Trackers.PLUGIN_EXPLICIT, BtPeer.Trackers.BUILT_IN}) {
                    boolean builtIn = client == BtPeer.Trackers.BUILT_IN;
                    if (!builtIn && loss == 0.0 && protocol.equals("udp")) {
                        continue; // the plugin's lossless UDP figure says nothing the lossy one does not
                    }
                    String workload = String.format(Locale.ROOT, "%s %s WAN 100 ms RTT%s, %,d torrents x 64 threads",
                            target.name(), protocol, protocol.equals("udp") ? String.format(Locale.ROOT,
                                    ", %.0f%% loss each way", loss * 100) : "", settings.wanTorrents);
                    AutoCloseable proxy;
                    String url;
                    if (protocol.equals("udp")) {
                        WanUdpProxy udp = WanUdpProxy.start(upstream, Duration.ofMillis(100), loss, 42);
                        proxy = udp;
                        url = "udp://127.0.0.1:" + udp.address().getPort() + "/announce";
                    } else {
                        WanTcpProxy tcp = WanTcpProxy.start(upstream, Duration.ofMillis(100));
                        proxy = tcp;
                        url = "http://127.0.0.1:" + tcp.port() + "/announce";
                    }
                    try (proxy; BtPeer peer = BtPeer.start(client)) {
                        SpiAnnounceLoad.Result result = SpiAnnounceLoad.run(
                                peer.runtime().service(ITrackerService.class), url, settings.wanTorrents, 64,
                                salts.get(next++ % salts.size()), builtIn ? settings.builtInLimit
                                        : Duration.ofMinutes(2));
                        String name = builtIn ? "built-in" : "plugin";
                        out.printf(Locale.ROOT, "  %s, %-8s: %s%n", workload, name, result);
                        report.add(new Row("wan", workload, name, result.succeeded(), result.failures().size(),
                                result.unfinished(), result.announcesPerSecond(), String.format(Locale.ROOT,
                                "all done in %.2f s", result.elapsed().toNanos() / 1e9)));
                    }
                }
            }
        }
    }

    /**
     * Torrents added to one Bt runtime until each has announced once, over UDP to opentracker: plugin and built-in.
     * The heap the plugin adds per torrent is its runtime's heap growth minus the built-in's.
     */
    private static void runtime(Settings settings, Report report, PrintStream out) throws Exception {
        int count = settings.runtimeTorrents;
        Path dir = Files.createTempDirectory("bt-tracker-bench-");
        try {
            List<TestTorrent> torrents = new ArrayList<>(count);
            List<String> whitelist = new ArrayList<>(count);
            // the torrents need the tracker's URL and the tracker needs their hashes: start it, then whitelist them
            try (OpenTracker opentracker = OpenTracker.builder().start()) {
                for (int i = 0; i < count; i++) {
                    TestTorrent torrent = TestTorrent.create(Files.createDirectories(dir.resolve("t" + i)), 16, i,
                            List.of(List.of(opentracker.udpAnnounceUrl())));
                    torrents.add(torrent);
                    whitelist.add(torrent.infoHash().toHex());
                }
                opentracker.whitelist(whitelist);
                out.printf("%n== %,d torrents added to one Bt runtime, announcing over UDP to opentracker%n", count);
                int baselineThreads = java.lang.management.ManagementFactory.getThreadMXBean().getThreadCount();
                // built-in and plugin twice, alternating; the first pair warms the JVM up and is not counted
                BtPeer.Trackers[] order = {BtPeer.Trackers.BUILT_IN, BtPeer.Trackers.PLUGIN_EXPLICIT,
                    BtPeer.Trackers.BUILT_IN, BtPeer.Trackers.PLUGIN_EXPLICIT};
                for (int run = 0; run < order.length; run++) {
                    BtPeer.Trackers client = order[run];
                    boolean warmUp = run < 2;
                    String name = client == BtPeer.Trackers.BUILT_IN ? "built-in" : "plugin";
                    awaitQuiet(opentracker, baselineThreads);
                    long heapBefore = BenchSupport.usedHeapAfterGc();
                    BenchSupport.ThreadSampler sampler = BenchSupport.ThreadSampler.start();
                    long announcesBefore = opentracker.stats().udpAnnounces();
                    long start = System.nanoTime();
                    List<BtClient> clients = new ArrayList<>(count);
                    try (BtPeer peer = BtPeer.start(client, config -> config.setPeerDiscoveryInterval(
                            Duration.ofSeconds(1)))) {
                        for (TestTorrent torrent : torrents) {
                            BtClient c = Bt.client(peer.runtime())
                                    .storage(new FileSystemStorage(torrent.torrentFile().getParent()))
                                    .torrent(torrent.torrentFile().toUri().toURL()).build();
                            c.startAsync();
                            clients.add(c);
                        }
                        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
                        long announced;
                        do {
                            Thread.sleep(250);
                            announced = opentracker.stats().udpAnnounces() - announcesBefore;
                        } while (announced < count && System.nanoTime() < deadline);
                        double seconds = (System.nanoTime() - start) / 1e9;
                        int maxThreads = sampler.stop();
                        long heapAfter = BenchSupport.usedHeapAfterGc();
                        String detail = String.format(Locale.ROOT, "%,d announces in %.1f s; JVM threads max %d; "
                                        + "heap after GC %+.0f bytes/torrent (Bt's own state included)", announced,
                                seconds, maxThreads, (heapAfter - heapBefore) / (double) count);
                        out.printf(Locale.ROOT, "  %-8s%s: %s%n", name, warmUp ? " warm-up (not counted)" : "",
                                detail);
                        clients.forEach(BtClient::stop);
                        if (warmUp) {
                            continue;
                        }
                        report.add(new Row("runtime", String.format(Locale.ROOT, "%,d torrents in one Bt runtime",
                                count), name, (int) Math.min(announced, count), 0,
                                (int) Math.max(0, count - announced), announced / seconds, detail));
                    }
                }
            }
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Waits until the previous runtime is gone: its threads ended and its last announces (the {@code stopped} ones
     * at shutdown) reached the tracker, so that they count neither in the next run's announces nor in its heap.
     */
    private static void awaitQuiet(OpenTracker opentracker, int baselineThreads) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long last = -1;
        while (System.nanoTime() < deadline) {
            long announces = opentracker.stats().udpAnnounces();
            int threads = java.lang.management.ManagementFactory.getThreadMXBean().getThreadCount();
            if (announces == last && threads <= baselineThreads + 10) {
                return;
            }
            last = announces;
            Thread.sleep(1000);
        }
    }

    private static Target openTracker(List<String> whitelist) {
        OpenTracker opentracker = OpenTracker.builder().whitelist(whitelist).startTimeout(Duration.ofSeconds(60))
                .start();
        return new Target() {
            @Override
            public String name() {
                return "opentracker";
            }

            @Override
            public String url(String protocol) {
                return protocol.equals("udp") ? opentracker.udpAnnounceUrl() : opentracker.httpAnnounceUrl();
            }

            @Override
            public long pid() {
                return opentracker.pid();
            }

            @Override
            public void close() {
                opentracker.close();
            }
        };
    }

    private static Target embeddedTracker() {
        EmbeddedTracker tracker = EmbeddedTracker.builder().closeConnectionsAfterResponse(false).start();
        return new Target() {
            @Override
            public String name() {
                return "embedded";
            }

            @Override
            public String url(String protocol) {
                return protocol.equals("udp") ? tracker.udpAnnounceUrl() : tracker.httpAnnounceUrl();
            }

            @Override
            public long pid() {
                return 0;
            }

            @Override
            public void close() {
                tracker.close();
            }
        };
    }

    private static InetSocketAddress addressOf(String url) {
        java.net.URI uri = java.net.URI.create(url);
        return new InetSocketAddress(uri.getHost(), uri.getPort());
    }

    @SafeVarargs
    private static List<Integer> concat(List<Integer>... lists) {
        List<Integer> all = new ArrayList<>();
        for (List<Integer> list : lists) {
            all.addAll(list);
        }
        return all;
    }

    /** Hands out distinct torrent-id salts (one byte), so that no two runs announce the same torrents. */
    private static final class Salts {
        private int next = 1;

        List<Integer> take(int count) {
            List<Integer> taken = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                if (next > 255) {
                    throw new IllegalStateException("more runs than torrent-id salts; fewer rounds or threads");
                }
                taken.add(next++);
            }
            return taken;
        }
    }
}
