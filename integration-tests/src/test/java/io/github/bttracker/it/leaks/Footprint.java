package io.github.bttracker.it.leaks;

import io.github.bttracker.TrackerRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a process holds at one moment, for leak checks: the plugin's threads, all threads, open file descriptors,
 * heap used after GC, and direct memory (the JDK's count, and Netty's own).
 *
 * @param pluginThreads live threads named {@code bt-tracker-*}
 */
public record Footprint(int pluginThreads, int threads, long fileDescriptors, long heapAfterGc, long jdkDirect,
                 long nettyDirect) {

    public static Footprint now() {
        // threads that just ended may still reach what they used; collect until the heap stops shrinking
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 20; i++) {
            System.gc();
            long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (now > used - (used >> 7)) {
                break;
            }
            used = now;
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int plugin = (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(TrackerRuntime.THREAD_NAME_PREFIX)).count();
        long fds;
        try (Stream<Path> list = Files.list(Path.of("/proc/self/fd"))) {
            fds = list.count();
        } catch (IOException e) {
            fds = -1;
        }
        long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
        return new Footprint(plugin, ManagementFactory.getThreadMXBean().getThreadCount(), fds,
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), direct,
                io.netty.util.internal.PlatformDependent.usedDirectMemory());
    }

    public Footprint minus(Footprint before) {
        return new Footprint(pluginThreads - before.pluginThreads, threads - before.threads,
                fileDescriptors - before.fileDescriptors, heapAfterGc - before.heapAfterGc, jdkDirect - before.jdkDirect,
                nettyDirect - before.nettyDirect);
    }

    /** How many descriptors this process has open, by kind ({@code socket:[N]}, {@code pipe:[N]}, a path...). */
    public static Map<String, Long> openFileDescriptorsByKind() {
        Path fdDir = Path.of("/proc/self/fd");
        try (Stream<Path> fds = Files.list(fdDir)) {
            return fds.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().replaceAll("\\d+", "N");
                } catch (IOException e) {
                    return "gone";
                }
            }).filter(target -> !target.equals("gone"))
                    .collect(Collectors.groupingBy(target -> target, TreeMap::new, Collectors.counting()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return String.format("plugin threads %d, threads %d, file descriptors %d, heap after GC %.1f MiB, direct "
                        + "memory %.1f MiB (JDK) / %.1f MiB (Netty)", pluginThreads, threads, fileDescriptors,
                heapAfterGc / 1048576.0, jdkDirect / 1048576.0, nettyDirect / 1048576.0);
    }
}
