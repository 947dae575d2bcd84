package io.github.bttracker.it.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.bttracker.TrackerRuntime;
import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.options.TrackerClientOptions;
import io.github.bttracker.options.UdpOptions;
import io.github.bttracker.testing.EmbeddedTracker;
import io.github.bttracker.testing.TrackerBehaviour;
import io.github.bttracker.testing.UdpBehaviour;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a Micrometer registry sees of a real run: announces and scrapes by protocol and outcome, and the rest. */
class MicrometerMetricsTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final InfoHash HASH = InfoHash.fromHex("0102030405060708090a0b0c0d0e0f1011121314");

    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    /** The meters that asked for a percentile histogram (a Prometheus registry publishes its buckets). */
    Set<String> histograms = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void addRegistry() {
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (Boolean.TRUE.equals(config.isPercentileHistogram())) {
                    histograms.add(id.getName());
                }
                return config;
            }
        });
        Metrics.addRegistry(registry);
    }

    @AfterEach
    void removeRegistry() {
        Metrics.removeRegistry(registry);
        registry.close();
    }

    @Test
    void aRegistrySeesTheCountsOfARealRun() throws Exception {
        AnnounceRequest request = AnnounceRequest.builder(HASH, PeerId.random("-BT0001-"), 6881).build();
        double openBefore = open("http") + open("ws") + open("udp");
        try (EmbeddedTracker tracker = EmbeddedTracker.start();
             TrackerRuntime runtime = TrackerRuntime.create(TrackerClientOptions.defaults().withMetrics(true)
                     .withUdp(UdpOptions.defaults().withInitialRetransmitTimeout(Duration.ofMillis(100))
                             .withMinRetransmitTimeout(Duration.ofMillis(100))))) {
            runtime.announce(tracker.httpAnnounceUrl(), request, TIMEOUT).get();
            runtime.announce(tracker.httpAnnounceUrl(), request, TIMEOUT).get();
            runtime.announce(tracker.udpAnnounceUrl(), request, TIMEOUT).get();
            runtime.announce(tracker.wsAnnounceUrl(), request, TIMEOUT).get();
            tracker.http().enqueue(TrackerBehaviour.failure("not registered"));
            runtime.announce(tracker.httpAnnounceUrl(), request, TIMEOUT).get();
            runtime.announce("http://127.0.0.1:1/announce", request, TIMEOUT).handle((r, e) -> null).get();
            // the tracker ignores the first announce datagram: the client sends it again
            tracker.udp().enqueue(UdpBehaviour.drop());
            runtime.announce(tracker.udpAnnounceUrl(), request, TIMEOUT).get();
            runtime.scrape(tracker.httpAnnounceUrl(), List.of(HASH), TIMEOUT).get();

            assertThat(announces("http", "success").count()).isEqualTo(2);
            assertThat(announces("udp", "success").count()).isEqualTo(2);
            assertThat(announces("ws", "success").count()).isEqualTo(1);
            assertThat(announces("http", "refused").count()).isEqualTo(1);
            assertThat(announces("http", "connect").count()).isEqualTo(1);
            assertThat(announces("http", "success").totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
            assertThat(histograms).as("latency histograms").contains("bttracker.announces", "bttracker.scrapes");
            assertThat(registry.get("bttracker.scrapes").tags("protocol", "http", "outcome", "success").timer()
                    .count()).isEqualTo(1);
            assertThat(registry.get("bttracker.udp.retransmissions").counter().count()).isGreaterThanOrEqualTo(1);
            assertThat(registry.get("bttracker.requests.in.flight").tags("operation", "announce", "protocol", "http")
                    .gauge().value()).isZero();
            assertThat(open("http")).as("the pooled HTTP connection").isPositive();
            assertThat(open("ws")).as("the WebSocket connection").isPositive();
            assertThat(open("udp")).as("the UDP socket").isPositive();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(open("http") + open("ws") + open("udp")).as("all closed with the runtime")
                        .isEqualTo(openBefore));
    }

    @Test
    void aRuntimeWithoutMetricsRecordsNothing() throws Exception {
        try (EmbeddedTracker tracker = EmbeddedTracker.start();
             TrackerRuntime runtime = TrackerRuntime.create(TrackerClientOptions.defaults())) {
            runtime.announce(tracker.httpAnnounceUrl(),
                    AnnounceRequest.builder(HASH, PeerId.random("-BT0001-"), 6881).build(), TIMEOUT).get();
        }
        assertThat(registry.find("bttracker.announces").timers()).allSatisfy(timer ->
                assertThat(timer.count()).as("only earlier runtimes with metrics count").isZero());
    }

    private Timer announces(String protocol, String outcome) {
        return registry.get("bttracker.announces").tags("protocol", protocol, "outcome", outcome).timer();
    }

    private double open(String protocol) {
        Gauge gauge = registry.find("bttracker.connections.open").tags("protocol", protocol).gauge();
        return gauge == null ? 0 : gauge.value();
    }
}
