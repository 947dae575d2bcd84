package io.github.bttracker.it.bench;

import io.github.bttracker.TrackerRuntime;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Measuring tools the benchmarks share: CPU per thread group, JFR sections, kernel UDP counters, heap, threads. */
final class BenchSupport {

    private BenchSupport() {
    }

    /** CPU time of opentracker, of the tracker client's event loop threads and of every other JVM thread. */
    record CpuTimes(double opentracker, double eventLoops, double otherJvmThreads) {
        /** @param pid the tracker's process id, or 0 when the tracker runs in this JVM */
        static CpuTimes read(long pid) throws Exception {
            double opentracker = 0;
            if (pid > 0) {
                String[] stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"))
                        .replaceAll("^.*\\) ", "").split(" ");
                // fields 14 and 15 of /proc/PID/stat (utime, stime), counted here from field 3 on, in clock ticks
                opentracker = (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) / 100.0;
            }
            java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            double loops = 0;
            double others = 0;
            for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info == null) {
                    continue;
                }
                double seconds = threads.getThreadCpuTime(info.getThreadId()) / 1e9;
                if (info.getThreadName().startsWith(TrackerRuntime.THREAD_NAME_PREFIX)) {
                    loops += seconds;
                } else {
                    others += seconds;
                }
            }
            return new CpuTimes(opentracker, loops, others);
        }

        CpuTimes minus(CpuTimes o) {
            return new CpuTimes(opentracker - o.opentracker, eventLoops - o.eventLoops,
                    otherJvmThreads - o.otherJvmThreads);
        }

        /** "; event loops N µs/announce": the plugin's event loop CPU over the announces it answered. */
        String eventLoopsPerAnnounce(int announces) {
            return announces == 0 ? "" : String.format(Locale.ROOT, "; event loops %.1f µs/announce",
                    eventLoops * 1e6 / announces);
        }

        @Override
        public String toString() {
            // threads that ended between the two readings take their CPU time with them: "other" is then unknown
            return String.format(Locale.ROOT, "tracker process %.2f s, bt-tracker event loops %.2f s, other JVM threads %s",
                    opentracker, eventLoops, otherJvmThreads < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f s",
                            otherJvmThreads));
        }
    }

    /** @return how long this JVM's JIT compilers have compiled so far, in milliseconds (summed over its threads) */
    static long jitMillis() {
        return java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    /** A JFR recording of a section when {@code -Dbench.jfr=DIR} is set, dumped to DIR/section.jfr. */
    static final class Profile implements AutoCloseable {
        private final jdk.jfr.Recording recording;
        private final String section;

        private Profile(jdk.jfr.Recording recording, String section) {
            this.recording = recording;
            this.section = section;
        }

        static Profile start(String section) throws Exception {
            if (System.getProperty("bench.jfr") == null) {
                return new Profile(null, section);
            }
            jdk.jfr.Recording recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            recording.start();
            return new Profile(recording, section);
        }

        @Override
        public void close() throws Exception {
            if (recording != null) {
                recording.stop();
                recording.dump(java.nio.file.Path.of(System.getProperty("bench.jfr"), section + ".jfr"));
                recording.close();
            }
        }
    }

    /** @return {InDatagrams, RcvbufErrors} of the host's UDP statistics (/proc/net/snmp) */
    static long[] kernelUdpCounters() throws Exception {
        List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/net/snmp")).stream()
                .filter(l -> l.startsWith("Udp:")).toList();
        List<String> names = List.of(lines.get(0).split("\\s+"));
        String[] values = lines.get(1).split("\\s+");
        return new long[] {Long.parseLong(values[names.indexOf("InDatagrams")]),
            Long.parseLong(values[names.indexOf("RcvbufErrors")])};
    }

    /** At most this many TIME_WAIT sockets left by earlier rounds when a measured round starts. */
    private static final int QUIET_TIME_WAIT = 1_000;

    /**
     * Waits, at most 75 s, until the host has at most {@link #QUIET_TIME_WAIT} TCP connections in TIME_WAIT
     * ({@code tw} in /proc/net/sockstat). A tracker that closes each connection after its response (opentracker) keeps
     * each in TIME_WAIT for 60 s; on loopback that is this host, and when they expire the kernel's work is charged to
     * whatever runs then. Measured on 2026-12-04 (2-core VM): plugin rounds that started while a wrk ceiling's
     * TIME_WAIT connections expired (13,500 to 14,100 left at its end) spent 92 to 152 us of event-loop CPU per
     * announce, more round after round, and their callers up to twice their CPU; with TIME_WAIT capped at 1,024
     * (sysctl net.ipv4.tcp_max_tw_buckets) 94-96 us in every round, while wrk's rate moved 3%. A real client never
     * carries its tracker's TIME_WAIT; so every measured round, and every ceiling, starts once those of the rounds
     * before it are gone.
     *
     * @param wait false to return at once (the smoke test, which measures nothing)
     * @return what was waited for, for the round's line ("" if nothing was, or the host has no /proc/net/sockstat)
     */
    static String awaitTimeWaitExpired(boolean wait) throws InterruptedException {
        if (!wait) {
            return "";
        }
        long started = System.nanoTime();
        int first = timeWaitSockets();
        if (first <= QUIET_TIME_WAIT) {
            return "";
        }
        long deadline = started + java.util.concurrent.TimeUnit.SECONDS.toNanos(75);
        int now = first;
        while (now > QUIET_TIME_WAIT && System.nanoTime() - deadline < 0) {
            Thread.sleep(500);
            now = timeWaitSockets();
        }
        return String.format(Locale.ROOT, "; started after %.0f s, when %,d of the %,d TCP connections earlier rounds"
                + " left in TIME_WAIT had expired", (System.nanoTime() - started) / 1e9, first - now, first);
    }

    /** @return the host's TCP connections in TIME_WAIT, or 0 if it does not say */
    private static int timeWaitSockets() {
        try {
            return timeWaitSockets(java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/net/sockstat")));
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /** @return the count after {@code tw} on the {@code TCP:} line of /proc/net/sockstat, or 0 if there is none */
    static int timeWaitSockets(List<String> sockstat) {
        for (String line : sockstat) {
            String[] words = line.trim().split("\\s+");
            if (!words[0].equals("TCP:")) {
                continue;
            }
            // "TCP: inuse 5 orphan 0 tw 14114 alloc 8 mem 1": names and counts in pairs
            for (int i = 1; i + 1 < words.length; i += 2) {
                if (words[i].equals("tw")) {
                    return words[i + 1].matches("[0-9]{1,9}") ? Integer.parseInt(words[i + 1]) : 0;
                }
            }
        }
        return 0;
    }

    static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Samples the JVM's live thread count every 20 ms and keeps the highest. */
    static final class ThreadSampler {
        private final AtomicInteger max = new AtomicInteger();
        private final LongAdder samples = new LongAdder();
        private volatile boolean running = true;
        private final Thread thread = new Thread(() -> {
            while (running) {
                max.accumulateAndGet(ManagementFactory.getThreadMXBean().getThreadCount(), Math::max);
                samples.increment();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "thread-sampler");

        static ThreadSampler start() {
            ThreadSampler sampler = new ThreadSampler();
            sampler.thread.setDaemon(true);
            sampler.thread.start();
            return sampler;
        }

        int stop() throws InterruptedException {
            running = false;
            thread.join();
            return max.get();
        }
    }
}
