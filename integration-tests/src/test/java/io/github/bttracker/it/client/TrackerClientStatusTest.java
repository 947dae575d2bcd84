package io.github.bttracker.it.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.bttracker.TrackerClient;
import io.github.bttracker.TrackerRuntime;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.core.TrackerStatus;
import io.github.bttracker.options.ConnectionOptions;
import io.github.bttracker.options.TrackerClientOptions;
import io.github.bttracker.testing.EmbeddedTracker;
import io.github.bttracker.testing.TrackerBehaviour;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link TrackerClient#status()}: what a user reads about each tracker while the client runs. */
class TrackerClientStatusTest {

    static final InfoHash HASH = InfoHash.fromHex("0123456789abcdef0123456789abcdef01234567");

    EmbeddedTracker tracker;
    TrackerRuntime runtime;

    @BeforeEach
    void start() {
        tracker = EmbeddedTracker.start();
        runtime = TrackerRuntime.create(TrackerClientOptions.defaults()
                .withConnection(ConnectionOptions.defaults().withRequestTimeout(Duration.ofSeconds(2))));
    }

    @AfterEach
    void stop() {
        runtime.close();
        tracker.close();
    }

    @Test
    void eachTrackersStatusCanBeReadAtAnyTime() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        String dead = "http://127.0.0.1:" + deadPort + "/announce";
        TrackerClient client = TrackerClient.builder(HASH, PeerId.random("-TC0001-"))
                .announce(tracker.httpAnnounceUrl(), dead).port(6881).runtime(runtime).build();
        assertThat(client.status()).extracting(TrackerStatus::trackerUrl, TrackerStatus::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(tracker.httpAnnounceUrl(), TrackerStatus.State.NEW),
                        org.assertj.core.groups.Tuple.tuple(dead, TrackerStatus.State.NEW));

        Instant before = Instant.now();
        client.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> client.status().stream()
                .noneMatch(s -> s.state() == TrackerStatus.State.NEW));

        TrackerStatus working = client.status().get(0);
        assertThat(working.state()).isEqualTo(TrackerStatus.State.OK);
        assertThat(working.successes()).isEqualTo(1);
        assertThat(working.leechers()).hasValue(1L);
        assertThat(working.lastAnnounce()).hasValueSatisfying(t -> assertThat(t).isAfterOrEqualTo(before));
        assertThat(working.nextAnnounce()).hasValueSatisfying(t -> assertThat(t)
                .isAfter(before.plusSeconds((long) (tracker.interval() * 0.9) - 1)));

        TrackerStatus failing = client.status().get(1);
        assertThat(failing.state()).isEqualTo(TrackerStatus.State.FAILING);
        assertThat(failing.failures()).isEqualTo(1);
        assertThat(failing.lastError()).hasValueSatisfying(e -> assertThat(e).contains("could not connect"));
        assertThat(failing.nextAnnounce()).as("after the back-off").isPresent();

        tracker.http().enqueue(TrackerBehaviour.failure("maintenance"));
        client.update();
        await().atMost(Duration.ofSeconds(10)).until(() -> client.status().get(0).failures() == 1);
        assertThat(client.status().get(0).lastError()).hasValue("the tracker refused the announce: maintenance");
        assertThat(client.status().get(0).state()).isEqualTo(TrackerStatus.State.FAILING);

        client.stop().get(10, TimeUnit.SECONDS);
        assertThat(client.status().get(0).state()).isEqualTo(TrackerStatus.State.STOPPED);
        assertThat(client.status().get(0).nextAnnounce()).isEmpty();
        client.destroy();
    }

    @Test
    void closeAfterStopSendsNoSecondStopped() throws Exception {
        TrackerClient client = TrackerClient.builder(HASH, PeerId.random("-TC0001-"))
                .announce(tracker.httpAnnounceUrl()).port(6881).runtime(runtime).build();
        client.start();
        client.stop().get(10, TimeUnit.SECONDS);
        client.close();
        assertThat(tracker.http().take().param("event")).hasValue("started");
        assertThat(tracker.http().take().param("event")).hasValue("stopped");
        assertThat(tracker.http().count()).isEqualTo(2);
        // and a warning names the tracker once, not twice
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        String dead = "http://127.0.0.1:" + deadPort + "/announce";
        java.util.List<io.github.bttracker.TrackerClientListener.TrackerWarning> warnings =
                new java.util.concurrent.CopyOnWriteArrayList<>();
        TrackerClient other = TrackerClient.builder(HASH, PeerId.random("-TC0001-")).announce(dead).port(6881)
                .runtime(runtime).build();
        other.addListener(new io.github.bttracker.TrackerClientListener() {
            @Override
            public void onWarning(TrackerWarning warning, java.util.Optional<Duration> next) {
                warnings.add(warning);
            }
        });
        other.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> !warnings.isEmpty());
        assertThat(warnings.get(0).message()).startsWith("could not connect").doesNotContain(dead);
        other.destroy();
    }

    @Test
    void anAbsurdIntervalIsAWarningAndTheNextAnnounceComesWithinADay() throws Exception {
        tracker.http().enqueue(TrackerBehaviour.extraFields(java.util.Map.of("interval", 1L << 40)));
        java.util.List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.List<java.util.Optional<Duration>> next = new java.util.concurrent.CopyOnWriteArrayList<>();
        TrackerClient client = TrackerClient.builder(HASH, PeerId.random("-TC0001-"))
                .announce(tracker.httpAnnounceUrl()).port(6881).runtime(runtime).build();
        client.addListener(new io.github.bttracker.TrackerClientListener() {
            @Override
            public void onUpdate(io.github.bttracker.core.AnnounceResponse response,
                                 java.util.Optional<Duration> nextAnnounceIn) {
                next.add(nextAnnounceIn);
            }

            @Override
            public void onWarning(TrackerWarning warning, java.util.Optional<Duration> nextAnnounceIn) {
                warnings.add(warning.message());
            }
        });
        client.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> !warnings.isEmpty());
        assertThat(warnings.get(0)).contains("interval of 1099511627776 s").contains("within 24 h");
        assertThat(next.get(0)).hasValue(Duration.ofDays(1));
        client.destroy();
    }
}
