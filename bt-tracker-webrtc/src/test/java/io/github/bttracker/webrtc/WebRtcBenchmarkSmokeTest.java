package io.github.bttracker.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link WebRtcBenchmark} still works: every section, tiny. Not a measurement; it checks that each section completes
 * and prints its figures.
 */
class WebRtcBenchmarkSmokeTest {

    @Test
    void everySectionProducesItsFigures() throws Exception {
        WebRtcBenchmark.Settings settings = new WebRtcBenchmark.Settings(
                Set.of("first-piece", "throughput", "connections"), 1, 256 * 1024, 1024 * 1024, true, 3);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        WebRtcBenchmark.Report report;
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            report = WebRtcBenchmark.run(settings, out);
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        System.out.println(text);

        assertThat(report.rows("first-piece")).extracting(WebRtcBenchmark.Row::workload)
                .contains("WebTorrent seeder in Node, WebSocket tracker, WebRTC", "Bt seeder, HTTP tracker, TCP");
        assertThat(report.rows("first-piece")).filteredOn(row -> row.figure().startsWith("first piece verified"))
                .hasSize(2).allSatisfy(row -> assertThat(row.value()).as(row.toString()).isPositive());
        assertThat(report.rows("first-piece")).extracting(WebRtcBenchmark.Row::figure)
                .contains("data channel open median ms");
        assertThat(report.rows("throughput")).filteredOn(row -> row.figure().equals("MB/s start to complete"))
                .extracting(WebRtcBenchmark.Row::workload).hasSize(3)
                .anyMatch(w -> w.startsWith("WebRTC (Bt")).anyMatch(w -> w.startsWith("TCP"))
                .anyMatch(w -> w.contains("Node"));
        assertThat(report.rows("throughput")).filteredOn(row -> row.figure().equals("MB/s start to complete"))
                .allSatisfy(row -> assertThat(row.value()).as(row.toString()).isPositive());
        assertThat(report.rows("connections")).extracting(WebRtcBenchmark.Row::workload)
                .contains("threads (kernel tasks)", "heap after GC (KiB)", "resident memory, VmRSS (KiB)", "open");
        for (String heading : List.of("## Time from start()", "## Throughput of one peer", "peer connections open")) {
            assertThat(text).contains(heading);
        }
    }
}
