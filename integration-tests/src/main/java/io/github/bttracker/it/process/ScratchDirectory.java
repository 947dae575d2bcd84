package io.github.bttracker.it.process;

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
 * The fresh temporary directory a test made for one child process: where it runs or what it needs, and the file it
 * prints to. Subclasses say how it is created and what it holds; {@link #delete()} removes it all.
 */
public class ScratchDirectory {
    /** How much of a log a failure message quotes: the start, where a process says why it could not start. */
    private static final int MAX_LOG_BYTES = 64 * 1024;

    private final Path path;

    protected ScratchDirectory(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /**
     * @param log       a file the process prints to
     * @param whenBlank what to return when it printed nothing (or only blanks), e.g. "(opentracker printed nothing)"
     * @param whenNone  what to return when there is no such file
     * @return what the process printed there so far (at most the first 64 KiB), or one of the notes
     */
    protected static String readHead(Path log, String whenBlank, String whenNone) {
        try (InputStream in = Files.newInputStream(log)) {
            String text = new String(in.readNBytes(MAX_LOG_BYTES), StandardCharsets.UTF_8);
            return text.isBlank() ? whenBlank : text;
        } catch (NoSuchFileException e) {
            return whenNone;
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** Deletes the directory and everything in it; a directory already gone is fine. */
    public void delete() {
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
