package io.github.bttracker.it.libtorrent;

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
 * The fresh temporary directory of one driver process: the driver script, copied out of this module's resources,
 * and what the process writes to stderr (Python's tracebacks, libtorrent's own complaints).
 */
final class DriverDirectory {
    static final String SCRIPT = "peer.py";
    private static final String STDERR = "stderr.log";
    private static final int MAX_LOG_BYTES = 64 * 1024;

    private final Path path;

    private DriverDirectory(Path path) {
        this.path = path;
    }

    static DriverDirectory create() {
        Path path;
        try {
            path = Files.createTempDirectory("libtorrent-peer-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the libtorrent driver", e);
        }
        DriverDirectory directory = new DriverDirectory(path);
        try (InputStream script = DriverDirectory.class.getResourceAsStream(SCRIPT)) {
            if (script == null) {
                throw new IllegalStateException("the driver " + SCRIPT + " is not among the resources of "
                        + DriverDirectory.class.getPackageName());
            }
            Files.copy(script, directory.script());
            return directory;
        } catch (IOException | RuntimeException e) {
            directory.delete();
            throw e instanceof IOException io ? new UncheckedIOException("cannot copy " + SCRIPT, io)
                    : (RuntimeException) e;
        }
    }

    Path script() {
        return path.resolve(SCRIPT);
    }

    Path stderrFile() {
        return path.resolve(STDERR);
    }

    /** @return what the driver wrote to stderr so far (at most the first 64 KiB), or a note that there is nothing */
    String readStderr() {
        try (InputStream in = Files.newInputStream(stderrFile())) {
            String log = new String(in.readNBytes(MAX_LOG_BYTES), StandardCharsets.UTF_8);
            return log.isBlank() ? "(nothing on stderr)" : log;
        } catch (NoSuchFileException e) {
            return "(no stderr file)";
        } catch (IOException e) {
            return "(cannot read " + stderrFile() + ": " + e + ")";
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
