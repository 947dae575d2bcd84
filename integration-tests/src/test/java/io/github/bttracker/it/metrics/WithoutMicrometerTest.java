package io.github.bttracker.it.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bttracker.TrackerRuntime;
import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.options.TrackerClientOptions;
import io.github.bttracker.testing.EmbeddedTracker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Runs in the surefire execution whose class path lacks Micrometer, the plugin's optional dependency: without
 * metrics the plugin works as ever; with metrics asked for, the runtime refuses to start and says what is missing.
 */
class WithoutMicrometerTest {

    @Test
    void micrometerIsReallyAbsent() {
        assertThatThrownBy(() -> Class.forName("io.micrometer.core.instrument.Metrics"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void withoutMetricsTheRuntimeAnnounces() throws Exception {
        try (EmbeddedTracker tracker = EmbeddedTracker.start();
             TrackerRuntime runtime = TrackerRuntime.create(TrackerClientOptions.defaults())) {
            assertThat(runtime.announce(tracker.httpAnnounceUrl(), AnnounceRequest.builder(
                    InfoHash.fromHex("0102030405060708090a0b0c0d0e0f1011121314"), PeerId.random("-BT0001-"), 6881)
                    .build(), Duration.ofSeconds(10)).get().isSuccess()).isTrue();
        }
    }

    @Test
    void withMetricsTheRuntimeRefusesToStartAndSaysWhatIsMissing() {
        assertThatThrownBy(() -> TrackerRuntime.create(TrackerClientOptions.defaults().withMetrics(true)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("metrics are on, but Micrometer is not on the class path: add "
                        + "io.micrometer:micrometer-core, or turn metrics off");
    }
}
