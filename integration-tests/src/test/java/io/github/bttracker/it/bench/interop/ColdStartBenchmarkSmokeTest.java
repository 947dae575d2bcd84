package io.github.bttracker.it.bench.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bttracker.it.bench.ColdStartBenchmark;
import io.github.bttracker.it.bt.SpiAnnounceLoad;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The cold-start benchmark still works: each client over UDP, and the plugin over HTTP, small, against opentracker, in
 * this (warm) JVM. Not a measurement; it checks that every round of the run completes and is printed beside the first.
 */
class ColdStartBenchmarkSmokeTest {

    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({"plugin, udp", "built-in, udp", "plugin, http"})
    void everyRoundCompletesAndIsPrintedBesideTheFirst(String client, String protocol) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<SpiAnnounceLoad.Result> rounds;
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            rounds = ColdStartBenchmark.run(new ColdStartBenchmark.Settings(client.equals("built-in"), protocol, 200,
                    4, 3, true, Duration.ofSeconds(30)), out);
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        System.out.println(text);

        assertThat(rounds).hasSize(3).allSatisfy(round -> {
            assertThat(round.succeeded()).as(round.toString()).isEqualTo(200);
            assertThat(round.failures()).as(round.toString()).isEmpty();
            assertThat(round.unfinished()).as(round.toString()).isZero();
        });
        assertThat(text).contains("primed with one announce: 1 succeeded, 0 failed, 0 unfinished")
                .contains("cold " + client + " " + protocol + " SPI 200 torrents x 4 threads: Bt runtime start ")
                .contains("announces returned by: first ");
        for (int round = 2; round <= 3; round++) {
            assertThat(text).containsPattern("round " + round + " of the same " + client + " " + protocol
                    + " JVM: 200 succeeded, 0 failed, 0 unfinished in .* \\([0-9.]+x its first round\\)");
        }
    }

    @Test
    void aProtocolOtherThanUdpOrHttpOrNoRoundIsRefused() {
        assertThatThrownBy(() -> new ColdStartBenchmark.Settings(false, "wss", 1, 1, 1, false, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("udp or http");
        assertThatThrownBy(() -> new ColdStartBenchmark.Settings(false, "udp", 1, 1, 0, false, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }
}
