package io.github.bttracker.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** The codec micro-benchmarks still build and run: one short iteration each, in this JVM. */
class CodecBenchmarksSmokeTest {

    @Test
    void everyBenchmarkRunsAndMeasuresSomething() throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(CodecBenchmarks.ALL)
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1).measurementTime(TimeValue.milliseconds(100))
                .build()).run();
        assertThat(results).extracting(r -> r.getParams().getBenchmark().replaceAll("^.*\\.([^.]+\\.[^.]+)$", "$1"))
                .containsExactlyInAnyOrderElementsOf(List.of(
                        "BencodeDecodeBenchmark.decode200PeerResponse",
                        "CompactPeersBenchmark.parse200Ipv4Peers",
                        "CompactPeersBenchmark.parse200Ipv6Peers",
                        "HttpCodecBenchmark.encodeAnnounceQuery",
                        "HttpCodecBenchmark.map200PeerResponse",
                        "UdpCodecBenchmark.encodeAnnounce",
                        "UdpCodecBenchmark.decodeAnnounceReplyWith200Peers"));
        assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
    }
}
