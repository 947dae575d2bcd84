package io.github.bttracker.it.jstracker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The fresh temporary directory holding what one tracker process prints (stdout and stderr in one
 * file). The tracker itself runs in its package directory, which it must not write to.
 */
final class LogDirectory {
    private static final int MAX_LOG_BYTES = 64 * 1024;

    private final Path path;
    private final String logName;

    private LogDirectory(Path path, String logName) {
        this.path = path;
        this.logName = logName;
    }

    /** @param name the tracker's name, which names the directory and the log file */
    static LogDirectory create(String name) {
        try {
            return new LogDirectory(Files.createTempDirectory(name + "-"), name + ".log");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the " + name + " log", e);
        }
    }

    Path path() {
        return path;
    }

    Path logFile() {
        return path.resolve(logName);
    }

    /** @return what the tracker printed so far (at most the first 64 KiB), or a note that there is nothing */
    String readLog() {
        try (InputStream in = Files.newInputStream(logFile())) {
            String log = new String(in.readNBytes(MAX_LOG_BYTES), StandardCharsets.UTF_8);
            return log.isBlank() ? "(the tracker printed nothing)" : log;
        } catch (NoSuchFileException e) {
            return "(no log file)";
        } catch (IOException e) {
            return "(cannot read " + logFile() + ": " + e + ")";
        }
    }

    /** Deletes the directory and everything in it; a directory already gone is fine. */
    void delete() {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            List<Path> deepestFirst = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path p : deepestFirst) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }
}
