package io.github.bttracker.it.jstracker;

import io.github.bttracker.it.process.ScratchDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The fresh temporary directory holding what one tracker process prints (stdout and stderr in one
 * file). The tracker itself runs in its package directory, which it must not write to.
 */
final class LogDirectory extends ScratchDirectory {
    private final String logName;

    private LogDirectory(Path path, String logName) {
        super(path);
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

    Path logFile() {
        return path().resolve(logName);
    }

    /** @return what the tracker printed so far (at most the first 64 KiB), or a note that there is nothing */
    String readLog() {
        return readHead(logFile(), "(the tracker printed nothing)", "(no log file)");
    }
}
