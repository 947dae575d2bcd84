package io.github.bttracker.jmh;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the codec micro-benchmarks with JMH: bencode decoding of a 200-peer response, compact peer parsing, query
 * encoding and response mapping, UDP packet encoding and decoding. Figures, not a pass/fail test (its name keeps it
 * out of the default run):
 * <pre>
 * mvn -B -q -pl bt-tracker-plugin test -Dtest=CodecBenchmarks
 * </pre>
 * {@code -Djmh.include=REGEX} picks benchmarks; each runs in a forked JVM, 3 warm-up and 5 measured iterations of
 * 1 s.
 */
class CodecBenchmarks {

    /** The benchmark classes, by the pattern JMH matches against their names. */
    static final String ALL = "io\\.github\\.bttracker\\..*Benchmark\\..*";

    @Test
    void run() throws Exception {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(System.getProperty("jmh.include", ALL))
                .forks(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(1))
                // the surefire JVM's class path, for the forked JVM
                .jvmArgsAppend("-cp", System.getProperty("java.class.path"));
        print(new Runner(options.build()).run());
    }

    static void print(Collection<RunResult> results) {
        System.out.println();
        for (RunResult result : results) {
            System.out.printf("%-75s %10.1f %s%n", result.getParams().getBenchmark(),
                    result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreUnit());
        }
    }
}
