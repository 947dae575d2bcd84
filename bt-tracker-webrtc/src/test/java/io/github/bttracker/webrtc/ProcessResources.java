package io.github.bttracker.webrtc;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What this process holds, as the kernel sees it: its threads, Java's and native ones, and its file descriptors. */
final class ProcessResources {

    /** Threads webrtc-java 0.14.0 leaves behind, idle, for each {@link NativeWebRtc} closed: its audio module's. */
    static final List<String> LEAKED_BY_LIBWEBRTC = List.of("AudioDeviceBuff", "rtc-low-prio");

    private ProcessResources() {
    }

    /** The names of this process's threads. */
    static List<String> threads() throws IOException {
        List<String> names = new ArrayList<>();
        for (String task : Objects.requireNonNull(new File("/proc/self/task").list())) {
            try {
                names.add(Files.readString(Path.of("/proc/self/task", task, "comm")).strip());
            } catch (NoSuchFileException e) {
                // ended meanwhile
            }
        }
        return names;
    }

    /** How many file descriptors this process has open: sockets, pipes, eventfds and files. */
    static int openFileDescriptors() {
        return Objects.requireNonNull(new File("/proc/self/fd").list()).length;
    }

    /** The names in {@code after} that were not in {@code before}, as many times as they were added. */
    static List<String> added(List<String> before, List<String> after) {
        List<String> added = new ArrayList<>(after);
        before.forEach(added::remove);
        return added;
    }
}
