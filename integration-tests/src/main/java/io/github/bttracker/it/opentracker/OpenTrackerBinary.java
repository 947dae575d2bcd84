package io.github.bttracker.it.opentracker;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the {@code opentracker} executable. */
final class OpenTrackerBinary {
    /** What to do about a missing binary; part of every "not installed" failure. */
    static final String INSTALL_HINT =
            "install it with: apt-get update && apt-get install -y opentracker (Debian/Ubuntu, as root or with sudo)";

    private static final String NAME = "opentracker";

    private OpenTrackerBinary() {
    }

    /** Looks on {@code PATH} first, then in {@code /usr/bin} and {@code /usr/sbin}, which a minimal PATH may lack. */
    static Optional<Path> locate() {
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                candidate(dir).ifPresent(candidates::add);
            }
        }
        candidates.add(Path.of("/usr/bin", NAME));
        candidates.add(Path.of("/usr/sbin", NAME));
        return candidates.stream().filter(OpenTrackerBinary::isExecutableFile).findFirst();
    }

    /** Returns {@code binary} if it can be run, else throws with the installation hint. */
    static Path require(Path binary) {
        if (!isExecutableFile(binary)) {
            throw new IllegalStateException(
                    "opentracker is not installed: " + binary + " is not an executable file; " + INSTALL_HINT);
        }
        return binary;
    }

    static Path require() {
        return locate().orElseThrow(() -> new IllegalStateException(
                "opentracker is not installed (looked on PATH, in /usr/bin and in /usr/sbin); " + INSTALL_HINT));
    }

    private static Optional<Path> candidate(String dir) {
        if (dir.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(dir, NAME));
        } catch (InvalidPathException ignored) {
            // a malformed PATH entry cannot hold the binary; the others still can
            return Optional.empty();
        }
    }

    private static boolean isExecutableFile(Path file) {
        return Files.isRegularFile(file) && Files.isExecutable(file);
    }
}
