package io.github.bttracker.it.bench;

import bt.tracker.ITrackerService;
import io.github.bttracker.it.bt.BtPeer;
import io.github.bttracker.it.bt.SpiAnnounceLoad;
import io.github.bttracker.it.opentracker.OpenTracker;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Cold start: the first round of announces through Bt's SPI in a fresh JVM, of one client only, against opentracker
 * (printing figures, not a pass/fail test; its name keeps it out of the default run). {@link TrackerBenchmark} runs
 * the plugin and the built-in client in one JVM, the second warmed by the first; this runs one, so that each starts
 * from nothing. One Maven run is one fresh JVM:
 * <pre>
 * mvn -B -q -pl integration-tests test -Dtest=ColdStartBenchmark -Dbench.cold.client=plugin -Dbench.cold.protocol=udp
 * </pre>
 * {@code -Dbench.cold.client} plugin or built-in, {@code -Dbench.cold.protocol} udp or http, {@code
 * -Dbench.torrents} (20,000) and {@code -Dbench.threads} (64); {@code -Dbench.cold.primed=true} announces one other
 * torrent first, so that the round leaves out what a client starts on its first announce; {@code -Dbench.cold.rounds}
 * (3) is the number of rounds in all: after the cold first round, the same client announces further torrents in the
 * same JVM, so that each run prints its own warm rate beside its cold one (a client's cold ratio to another is then
 * read beside its warm ratio, which bounds it).
 */
public class ColdStartBenchmark {

    /**
     * One run.
     *
     * @param builtIn Bt's built-in client instead of the plugin
     * @param protocol {@code udp} or {@code http}
     * @param rounds rounds in all, the first the cold one; at least 1
     * @param primed one announce of another torrent before the first round
     * @param limit how long a round may take before its unfinished announces are counted as such
     */
    public record Settings(boolean builtIn, String protocol, int torrents, int threads, int rounds, boolean primed,
                           Duration limit) {
        public Settings {
            if (!protocol.equals("udp") && !protocol.equals("http")) {
                throw new IllegalArgumentException("bench.cold.protocol must be udp or http: " + protocol);
            }
            if (rounds < 1) {
                throw new IllegalArgumentException("bench.cold.rounds must be at least 1: " + rounds);
            }
        }

        static Settings fromSystemProperties() {
            return new Settings(System.getProperty("bench.cold.client", "plugin").equals("built-in"),
                    System.getProperty("bench.cold.protocol", "udp"), Integer.getInteger("bench.torrents", 20_000),
                    Integer.getInteger("bench.threads", 64), Integer.getInteger("bench.cold.rounds", 3),
                    Boolean.getBoolean("bench.cold.primed"),
                    Duration.ofSeconds(Integer.getInteger("bench.builtin.limit", 60)));
        }
    }

    @Test
    void firstRound() throws Exception {
        run(Settings.fromSystemProperties(), System.out);
    }

    /**
     * Starts opentracker and one Bt runtime with the client of {@code settings}, and runs its rounds.
     *
     * @return each round's result, the cold first round first
     */
    public static List<SpiAnnounceLoad.Result> run(Settings settings, PrintStream out) throws Exception {
        String client = settings.builtIn() ? "built-in" : "plugin";
        int torrents = settings.torrents();
        int salt = 7;
        int primeSalt = salt + settings.rounds();
        List<String> whitelist = new ArrayList<>(torrents * settings.rounds() + 1);
        for (int round = 0; round < settings.rounds(); round++) {
            for (int i = 0; i < torrents; i++) {
                whitelist.add(HexFormat.of().formatHex(SpiAnnounceLoad.torrentId(salt + round, i).getBytes()));
            }
        }
        whitelist.add(HexFormat.of().formatHex(SpiAnnounceLoad.torrentId(primeSalt, 0).getBytes()));
        List<SpiAnnounceLoad.Result> results = new ArrayList<>();
        try (OpenTracker tracker = OpenTracker.builder().whitelist(whitelist).startTimeout(Duration.ofSeconds(60))
                .start()) {
            String url = settings.protocol().equals("udp") ? tracker.udpAnnounceUrl() : tracker.httpAnnounceUrl();
            long classesBefore = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuBefore = os.getProcessCpuTime();
            long jitBefore = BenchSupport.jitMillis();
            long started = System.nanoTime();
            try (BtPeer peer = BtPeer.start(settings.builtIn() ? BtPeer.Trackers.BUILT_IN
                    : BtPeer.Trackers.PLUGIN_EXPLICIT)) {
                long runtimeStarted = System.nanoTime();
                ITrackerService service = peer.runtime().service(ITrackerService.class);
                if (settings.primed()) {
                    // one announce of a torrent outside the measured ones starts whatever a client starts on its
                    // first announce, so that the round measures the announces alone
                    out.printf(Locale.ROOT, "primed with one announce: %s%n", SpiAnnounceLoad.run(service, url,
                            1, 1, primeSalt, Duration.ofSeconds(60)));
                }
                SpiAnnounceLoad.Result result = SpiAnnounceLoad.run(service, url, torrents, settings.threads(), salt,
                        settings.limit());
                results.add(result);
                out.printf(Locale.ROOT, "cold %s %s SPI %,d torrents x %d threads: Bt runtime start %d ms, "
                                + "then %s; classes loaded %d; this JVM's CPU from runtime start to the end %.2f s; the"
                                + " JIT compilers compiled for %.2f s (their threads' time added up)%n"
                                + "  announces returned by: first %d ms, 1%% %d ms, 10%% %d ms, 50%% %d ms, 90%% %d ms,"
                                + " all %d ms%n",
                        client, settings.protocol(), torrents, settings.threads(),
                        (runtimeStarted - started) / 1_000_000, result,
                        ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount() - classesBefore,
                        (os.getProcessCpuTime() - cpuBefore) / 1e9, (BenchSupport.jitMillis() - jitBefore) / 1e3,
                        result.finishedBy(0).toMillis(),
                        result.finishedBy(1).toMillis(), result.finishedBy(10).toMillis(),
                        result.finishedBy(50).toMillis(), result.finishedBy(90).toMillis(),
                        result.finishedBy(100).toMillis());
                for (int round = 1; round < settings.rounds(); round++) {
                    // torrents new to the tracker each round, as in the first, so that only the JVM's warmth differs
                    SpiAnnounceLoad.Result warm = SpiAnnounceLoad.run(service, url, torrents, settings.threads(),
                            salt + round, settings.limit());
                    results.add(warm);
                    out.printf(Locale.ROOT, "round %d of the same %s %s JVM: %s (%.2fx its first round)%n",
                            round + 1, client, settings.protocol(), warm,
                            warm.announcesPerSecond() / result.announcesPerSecond());
                }
            }
        }
        return results;
    }
}
