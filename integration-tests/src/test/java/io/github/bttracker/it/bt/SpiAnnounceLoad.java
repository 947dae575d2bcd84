package io.github.bttracker.it.bt;

import bt.metainfo.TorrentId;
import bt.tracker.ITrackerService;
import bt.tracker.Tracker;
import bt.tracker.TrackerResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Many distinct torrents start-announced at once through Bt's tracker SPI, from many caller threads, the way a Bt
 * runtime's peer sources call it: each call blocks its thread until the tracker answers. A run ends when every
 * torrent has been announced or at its deadline, whichever comes first; announces still blocked then are counted as
 * unfinished (their daemon threads are left behind: a wedged client cannot be interrupted).
 */
public final class SpiAnnounceLoad {

    /**
     * @param succeeded announces that got a successful response
     * @param failures one line per failed announce: its error
     * @param unfinished announces not answered by the deadline
     * @param elapsed wall time of the run
     * @param callerCpu CPU time the caller threads used, in total
     * @param latencies how long each finished announce blocked its caller, in nanoseconds, sorted
     * @param finishedAt when each finished announce returned, in nanoseconds from the start of the run, sorted
     */
    public record Result(int succeeded, List<String> failures, int unfinished, Duration elapsed, Duration callerCpu,
                         long[] latencies, long[] finishedAt) {
        public double announcesPerSecond() {
            return succeeded / (elapsed.toNanos() / 1e9);
        }

        /**
         * @return when the given share (0-100) of the finished announces had returned, from the start of the run,
         *     or zero if none finished
         */
        public Duration finishedBy(double percentile) {
            return percentile(finishedAt, percentile);
        }

        /** @return the given percentile (0-100) of the announces' latencies, or zero if none finished */
        public Duration latencyPercentile(double percentile) {
            return percentile(latencies, percentile);
        }

        private static Duration percentile(long[] sorted, double percentile) {
            if (sorted.length == 0) {
                return Duration.ZERO;
            }
            int index = (int) Math.min(sorted.length - 1, Math.ceil(percentile / 100 * sorted.length) - 1);
            return Duration.ofNanos(sorted[Math.max(0, index)]);
        }

        @Override
        public String toString() {
            return String.format("%d succeeded, %d failed, %d unfinished in %d ms: %.0f successful announces/s; "
                            + "latency p50 %.2f ms, p99 %.2f ms; caller threads' CPU %.2f s%s",
                    succeeded, failures.size(), unfinished, elapsed.toMillis(), announcesPerSecond(),
                    latencyPercentile(50).toNanos() / 1e6, latencyPercentile(99).toNanos() / 1e6,
                    callerCpu.toNanos() / 1e9,
                    failures.isEmpty() ? "" : "; first failure: " + failures.get(0));
        }
    }

    private SpiAnnounceLoad() {
    }

    public static Result run(ITrackerService service, String trackerUrl, int torrents, int threads, int salt)
            throws InterruptedException {
        return run(service, trackerUrl, torrents, threads, salt, Duration.ofMinutes(10));
    }

    public static Result run(ITrackerService service, String trackerUrl, int torrents, int threads, int salt,
                             Duration limit) throws InterruptedException {
        Tracker tracker = service.getTracker(trackerUrl);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger succeeded = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(threads);
        java.util.concurrent.atomic.LongAdder cpuNanos = new java.util.concurrent.atomic.LongAdder();
        AtomicLongArray latencies = new AtomicLongArray(torrents);
        long[] deadline = new long[1];
        long[] start = new long[1];
        AtomicLongArray finishedAt = new AtomicLongArray(torrents);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                ready.countDown();
                awaitQuietly(go);
                for (int i = next.getAndIncrement(); i < torrents && System.nanoTime() < deadline[0];
                        i = next.getAndIncrement()) {
                    TrackerResponse response;
                    long began = System.nanoTime();
                    try {
                        response = tracker.request(torrentId(salt, i)).start();
                        long now = System.nanoTime();
                        latencies.set(i, Math.max(1, now - began));
                        finishedAt.set(i, Math.max(1, now - start[0]));
                    } catch (RuntimeException e) {
                        // Bt's built-in HTTP client throws under concurrency instead of returning a failure
                        response = TrackerResponse.exceptional(e);
                    }
                    if (response.isSuccess()) {
                        succeeded.incrementAndGet();
                    } else {
                        failures.add(response.getError().map(Throwable::toString).orElse(response.getErrorMessage()));
                    }
                }
                cpuNanos.add(java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
                finished.countDown();
            }, "spi-load-" + t);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
        ready.await();
        start[0] = System.nanoTime();
        deadline[0] = start[0] + limit.toNanos();
        go.countDown();
        finished.await(limit.toNanos() + Duration.ofSeconds(1).toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start[0]);
        int done = succeeded.get() + failures.size();
        return new Result(succeeded.get(), List.copyOf(failures), Math.max(0, torrents - done), elapsed,
                Duration.ofNanos(cpuNanos.sum()), setSorted(latencies), setSorted(finishedAt));
    }

    /** @return the values of the announces that finished (those set, above zero), sorted */
    private static long[] setSorted(AtomicLongArray values) {
        return java.util.stream.IntStream.range(0, values.length()).mapToLong(values::get).filter(n -> n > 0)
                .sorted().toArray();
    }

    public static TorrentId torrentId(int salt, int i) {
        byte[] bytes = new byte[20];
        bytes[0] = (byte) salt;
        bytes[1] = (byte) (i >> 24);
        bytes[2] = (byte) (i >> 16);
        bytes[3] = (byte) (i >> 8);
        bytes[4] = (byte) i;
        bytes[19] = 0x42;
        return TorrentId.fromBytes(bytes);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
