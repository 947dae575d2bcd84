package io.github.bttracker.it.bench.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bttracker.it.bench.TrackerBenchmark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The benchmark suite still works: every section, small, against opentracker and the embedded tracker. Not a
 * measurement; it checks that the plugin's side of each workload completes and that figures are printed.
 */
class TrackerBenchmarkSmokeTest {

    @Test
    void everySectionRunsAndThePluginCompletesEveryWorkload() throws Exception {
        TrackerBenchmark.Settings settings = new TrackerBenchmark.Settings(300, List.of(1, 8), 1, 1, 1,
                List.of("udp", "http"), List.of("opentracker", "embedded"), 2_000, 500, 1_000, 50, 50,
                Set.of("spi", "async", "scrape", "wan", "runtime"), Duration.ofSeconds(5), Duration.ofSeconds(1),
                false); // no waiting out TIME_WAIT between rounds: nothing here is a measurement
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        TrackerBenchmark.Report report;
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            report = TrackerBenchmark.run(settings, out);
            report.printSummary(out);
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        System.out.println(text);

        for (String section : List.of("spi", "async", "scrape", "wan", "runtime")) {
            List<TrackerBenchmark.Row> plugin = report.rows(section).stream()
                    .filter(row -> row.client().equals("plugin")).toList();
            assertThat(plugin).as(section).isNotEmpty();
            assertThat(plugin).as(section).allSatisfy(row -> {
                assertThat(row.failed()).as(row.toString()).isZero();
                assertThat(row.unfinished()).as(row.toString()).isZero();
                assertThat(row.succeeded()).as(row.toString()).isPositive();
                assertThat(row.perSecond()).as(row.toString()).isPositive();
            });
        }
        // side by side: every SPI workload also ran with Bt's built-in clients
        assertThat(report.rows("spi")).extracting(TrackerBenchmark.Row::client).contains("built-in");
        // 2 trackers x 2 protocols x 2 thread counts
        assertThat(report.rows("spi").stream().map(TrackerBenchmark.Row::workload).distinct()).hasSize(8);
        assertThat(text).contains("Summary", "p50", "p99", "JVM threads max", "bytes/torrent", "µs/announce");
        // each client of every SPI workload warmed up (here one round, the minimum) before its measured rounds, and
        // says how busy the JIT compilers were; the plugin's rounds all come before the built-in client's
        for (String client : List.of("plugin", "built-in")) {
            assertThat(text.lines().filter(line -> line.contains(" SPI ")
                    && line.contains(", " + client + " warm-up 1 (not counted): ")))
                    .hasSize(8)
                    .allSatisfy(line -> assertThat(line)
                            .containsPattern("; the JIT compilers compiled for [0-9]+% of it$"));
        }
        String firstWorkload = "opentracker udp SPI 300 torrents x 1 threads";
        assertThat(text.indexOf(firstWorkload + ", round 1, plugin")).isPositive()
                .isLessThan(text.indexOf(firstWorkload + ", round 1, ceiling"))
                .isLessThan(text.indexOf(firstWorkload + ", built-in warm-up 1"));
        assertThat(text.indexOf(firstWorkload + ", built-in warm-up 1"))
                .isLessThan(text.indexOf(firstWorkload + ", round 1, built-in"));
        // beside the plugin, the tracker's ceiling in the same run: wrk for HTTP, a raw pipelined client for UDP, with
        // every announce answered; each round and the summary print the plugin's rate over the built-in's and over it
        for (String section : List.of("spi", "async")) {
            List<TrackerBenchmark.Row> ceilings = report.rows(section).stream()
                    .filter(row -> row.client().equals("ceiling")).toList();
            assertThat(ceilings.stream().map(TrackerBenchmark.Row::workload).distinct())
                    .as(section).hasSize(section.equals("spi") ? 8 : 4);
            assertThat(ceilings).as(section).allSatisfy(row -> {
                assertThat(row.failed()).as(row.toString()).isZero();
                assertThat(row.succeeded()).as(row.toString()).isPositive();
                assertThat(row.perSecond()).as(row.toString()).isPositive();
            });
        }
        assertThat(report.rows("spi")).filteredOn(row -> row.client().equals("ceiling"))
                .extracting(TrackerBenchmark.Row::detail)
                .anySatisfy(detail -> assertThat(detail).startsWith("wrk, 1 thread, 8 connections: "))
                .anySatisfy(detail -> assertThat(detail).startsWith("raw pipelined BEP 15 client, 8 in flight: "));
        assertThat(text.lines().filter(line -> line.contains("SPI") && line.contains(", round 1: plugin ")))
                .hasSize(8)
                .allSatisfy(line -> assertThat(line).containsPattern(
                        "plugin [0-9,]+/s, built-in [0-9,]+/s, ceiling [0-9,]+/s; (plugin/built-in [0-9.]+x, )?"
                                + "plugin/ceiling [0-9.]+x"));
        assertThat(text.lines().filter(line -> line.contains("async") && line.contains(", round 1: plugin ")))
                .hasSize(4)
                .allSatisfy(line -> assertThat(line).containsPattern("plugin [0-9,]+/s, ceiling [0-9,]+/s; "
                        + "plugin/ceiling [0-9.]+x"));
        String summary = text.substring(text.indexOf("Summary"));
        assertThat(summary.lines().filter(line -> line.contains(" SPI ")))
                .hasSize(8)
                .allSatisfy(line -> assertThat(line).contains("plugin/ceiling").containsPattern("ceiling [0-9,]+/s"));
    }
}
