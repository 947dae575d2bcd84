package io.github.bttracker.it.leaks;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Figures, not a pass/fail test (its name keeps it out of the default run): 10,000 torrents on HTTP, UDP and
 * WebSocket trackers re-announcing on accelerated intervals for ten minutes, then stopped; the footprint before,
 * during and after. Run it with
 * {@code mvn -B -q -pl integration-tests test -Dtest=LongRunLeakBenchmark} ({@code -Dleak.torrents},
 * {@code -Dleak.minutes}, {@code -Dleak.interval.seconds} change it).
 */
class LongRunLeakBenchmark {

    @Test
    void tenThousandTorrentsForTenMinutes() throws Exception {
        int torrents = Integer.getInteger("leak.torrents", 10_000);
        Duration length = Duration.ofMinutes(Integer.getInteger("leak.minutes", 10));
        Duration interval = Duration.ofSeconds(Integer.getInteger("leak.interval.seconds", 10));
        LongRun.run(torrents, Duration.ofSeconds(10), interval, System.out); // warm-up at full size
        System.out.printf("%,d torrents x 3 trackers, re-announcing every %d s for %d min:%n", torrents,
                interval.toSeconds(), length.toMinutes());
        LongRun.Result result = LongRun.run(torrents, length, interval, System.out);
        System.out.println("before:  " + result.before());
        System.out.println("after:   " + result.after());
        System.out.println("growth:  " + result.after().minus(result.before()));
        System.out.printf("%,d updates, %,d warnings%n", result.updates(), result.warnings());
    }
}
