package io.github.bttracker.it.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.bttracker.AnnounceOptions;
import io.github.bttracker.TrackerClient;
import io.github.bttracker.TrackerClientListener;
import io.github.bttracker.TrackerRuntime;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.core.TrackerStatus;
import io.github.bttracker.options.HttpOptions;
import io.github.bttracker.options.TrackerClientOptions;
import io.github.bttracker.testing.EmbeddedTracker;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Thousands of clients in one process share one runtime: one event loop group, one UDP channel, one WebSocket
 * connection per tracker URL, a few pooled HTTP connections, and no thread per client or tracker.
 */
class TrackerClientScaleTest {

    static final int CLIENTS = 2_000;

    @Test
    void twoThousandClientsShareOneRuntime() throws Exception {
        try (EmbeddedTracker tracker = EmbeddedTracker.start();
             TrackerRuntime runtime = TrackerRuntime.create(TrackerClientOptions.defaults()
                     .withHttp(HttpOptions.defaults().withMaxConnectionsPerOrigin(4)))) {
            AtomicInteger updates = new AtomicInteger();
            AtomicInteger warnings = new AtomicInteger();
            TrackerClientListener listener = new TrackerClientListener() {
                @Override
                public void onUpdate(AnnounceResponse response, Optional<Duration> nextAnnounceIn) {
                    updates.incrementAndGet();
                }

                @Override
                public void onWarning(TrackerWarning warning, Optional<Duration> nextAnnounceIn) {
                    warnings.incrementAndGet();
                }
            };
            int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            List<TrackerClient> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                byte[] hash = new byte[20];
                hash[0] = 0x5c;
                hash[1] = (byte) (i >> 8);
                hash[2] = (byte) i;
                TrackerClient client = TrackerClient.builder(InfoHash.of(hash), PeerId.random("-SC0001-"))
                        .announce(tracker.httpAnnounceUrl(), tracker.udpAnnounceUrl(), tracker.wsAnnounceUrl())
                        .port(6881).announceOptions(() -> AnnounceOptions.of(0, 0, 100)).runtime(runtime).build();
                client.addListener(listener);
                clients.add(client);
                client.start();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> updates.get() + warnings.get() >= 3 * CLIENTS);

            assertThat(warnings.get()).isZero();
            assertThat(updates.get()).isEqualTo(3 * CLIENTS);
            assertThat(tracker.ws().connectionCount()).as("one WebSocket connection for every client").isEqualTo(1);
            assertThat(tracker.udp().connectCount()).as("one UDP connection id shared by every client").isEqualTo(1);
            assertThat(tracker.http().connectionCount()).as("pooled HTTP connections").isBetween(1, 4);
            assertThat(ManagementFactory.getThreadMXBean().getThreadCount() - threadsBefore)
                    .as("no thread per client or tracker").isLessThanOrEqualTo(2);
            // each client's status, readable from this thread
            for (TrackerClient client : clients) {
                assertThat(client.status()).extracting(TrackerStatus::state)
                        .containsOnly(TrackerStatus.State.OK).hasSize(3);
            }
            List<CompletableFuture<Void>> stops = new ArrayList<>();
            clients.forEach(client -> stops.add(client.stop()));
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            clients.forEach(TrackerClient::destroy);
        }
    }
}
