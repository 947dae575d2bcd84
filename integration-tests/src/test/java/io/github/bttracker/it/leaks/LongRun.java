package io.github.bttracker.it.leaks;

import io.github.bttracker.AnnounceOptions;
import io.github.bttracker.TrackerClient;
import io.github.bttracker.TrackerClientListener;
import io.github.bttracker.TrackerRuntime;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.options.TrackerClientOptions;
import io.github.bttracker.testing.EmbeddedTracker;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A standalone runtime carrying many torrents for a long time on accelerated intervals, against the embedded tracker
 * over HTTP, UDP and WebSocket; then everything stopped and closed. Reports the footprint before, during and after.
 */
final class LongRun {

    /** What a run saw. */
    record Result(Footprint before, Footprint after, long updates, long warnings, List<String> samples) {
    }

    private LongRun() {
    }

    static Result run(int torrents, Duration length, Duration interval, PrintStream out) throws Exception {
        Footprint before = Footprint.now();
        AtomicLong updates = new AtomicLong();
        AtomicLong warnings = new AtomicLong();
        List<String> samples = new ArrayList<>();
        // the tracker counts what it receives but keeps none of it: a long run would fill the heap with recordings
        try (EmbeddedTracker tracker = EmbeddedTracker.builder().keepRecordings(false).start()) {
            TrackerRuntime runtime = TrackerRuntime.create(TrackerClientOptions.defaults());
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
            List<TrackerClient> clients = new ArrayList<>(torrents);
            for (int i = 0; i < torrents; i++) {
                byte[] hash = new byte[20];
                hash[0] = 0x1e;
                hash[1] = (byte) (i >> 16);
                hash[2] = (byte) (i >> 8);
                hash[3] = (byte) i;
                TrackerClient client = TrackerClient.builder(InfoHash.of(hash), PeerId.random("-LR0001-"))
                        .announce(tracker.httpAnnounceUrl(), tracker.udpAnnounceUrl(), tracker.wsAnnounceUrl())
                        .port(6881).announceOptions(() -> AnnounceOptions.of(0, 0, 1000)).runtime(runtime).build();
                client.addListener(listener);
                client.setInterval(interval);
                clients.add(client);
                client.start();
            }
            long end = System.nanoTime() + length.toNanos();
            long nextSample = System.nanoTime();
            while (System.nanoTime() < end) {
                if (System.nanoTime() >= nextSample) {
                    String sample = String.format("  after %3d s: %,d updates, %,d warnings; %s",
                            length.minusNanos(end - System.nanoTime()).toSeconds(), updates.get(), warnings.get(),
                            Footprint.now());
                    samples.add(sample);
                    out.println(sample);
                    nextSample += Math.max(length.toNanos() / 10, TimeUnit.SECONDS.toNanos(1));
                }
                Thread.sleep(200); // a sampling period, not synchronization
            }
            List<CompletableFuture<Void>> stops = new ArrayList<>();
            clients.forEach(client -> stops.add(client.stop()));
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            clients.forEach(TrackerClient::destroy);
            clients.clear();
            runtime.close();
        }
        Footprint after = Footprint.now();
        return new Result(before, after, updates.get(), warnings.get(), samples);
    }
}
