package io.github.bttracker.internal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The meters, in Micrometer's global registry ({@link Metrics#globalRegistry}: add your registry to it, as Micrometer
 * advises libraries and applications to do):
 * <ul>
 *   <li>{@code bttracker.announces} and {@code bttracker.scrapes}: timers with a latency histogram, tagged
 *       {@code protocol} (http, https, udp, ws, wss) and {@code outcome} (success, refused, or the kind of failure:
 *       timeout, connect, dns, ...);</li>
 *   <li>{@code bttracker.requests.in.flight}: a gauge, tagged {@code operation} (announce, scrape) and
 *       {@code protocol};</li>
 *   <li>{@code bttracker.udp.retransmissions}: a counter of UDP requests sent again for want of an answer;</li>
 *   <li>{@code bttracker.connections.open}: a gauge, tagged {@code protocol} (http for HTTP and HTTPS connections,
 *       ws for WebSocket connections, udp for UDP sockets).</li>
 * </ul>
 * The gauges count for every runtime of the JVM together (one state per tag set, shared), so that several Bt runtimes
 * show as one process. Only loaded when metrics are on: this class is the plugin's only reference to Micrometer,
 * an optional dependency.
 */
final class MicrometerMeters implements Meters {

    private static final ConcurrentMap<Tags, AtomicLong> IN_FLIGHT = new ConcurrentHashMap<>();
    private static final ConcurrentMap<Tags, AtomicLong> OPEN = new ConcurrentHashMap<>();

    private final MeterRegistry registry;
    private final ConcurrentMap<Tags, Timer> timers = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> retransmissions = new ConcurrentHashMap<>();

    MicrometerMeters() {
        this.registry = Metrics.globalRegistry;
    }

    @Override
    public void started(Operation operation, String protocol) {
        inFlight(operation, protocol).incrementAndGet();
    }

    @Override
    public void finished(Operation operation, String protocol, String outcome, long nanos) {
        inFlight(operation, protocol).decrementAndGet();
        Tags tags = Tags.of("operation", operation.tag(), "protocol", protocol, "outcome", outcome);
        timers.computeIfAbsent(tags, t -> Timer.builder("bttracker." + operation.tag() + "s")
                .description(operation == Operation.ANNOUNCE ? "Announces to trackers, by outcome"
                        : "Scrapes of trackers, by outcome")
                .tags(Tags.of("protocol", protocol, "outcome", outcome))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(1))
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void retransmitted(String protocol) {
        retransmissions.computeIfAbsent(protocol, p -> Counter.builder("bttracker.udp.retransmissions")
                .description("UDP tracker requests sent again for want of an answer")
                .register(registry)).increment();
    }

    @Override
    public void connectionOpened(String protocol) {
        open(protocol).incrementAndGet();
    }

    @Override
    public void connectionClosed(String protocol) {
        open(protocol).decrementAndGet();
    }

    private AtomicLong inFlight(Operation operation, String protocol) {
        Tags tags = Tags.of("operation", operation.tag(), "protocol", protocol);
        AtomicLong count = IN_FLIGHT.get(tags);
        return count != null ? count : IN_FLIGHT.computeIfAbsent(tags, t -> gauge("bttracker.requests.in.flight",
                "Tracker requests sent and not yet answered", t));
    }

    private AtomicLong open(String protocol) {
        Tags tags = Tags.of("protocol", protocol);
        AtomicLong count = OPEN.get(tags);
        return count != null ? count : OPEN.computeIfAbsent(tags, t -> gauge("bttracker.connections.open",
                "Open tracker connections (HTTP, WebSocket) and UDP sockets", t));
    }

    private AtomicLong gauge(String name, String description, Tags tags) {
        AtomicLong count = new AtomicLong();
        Gauge.builder(name, count, AtomicLong::get).description(description).tags(tags).strongReference(true)
                .register(registry);
        return count;
    }
}
