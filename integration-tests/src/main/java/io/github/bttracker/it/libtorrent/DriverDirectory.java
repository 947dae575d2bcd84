package io.github.bttracker.it.libtorrent;

import io.github.bttracker.it.process.ScratchDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The fresh temporary directory of one driver process: the driver script, copied out of this module's resources,
 * and what the process writes to stderr (Python's tracebacks, libtorrent's own complaints).
 */
final class DriverDirectory extends ScratchDirectory {
    static final String SCRIPT = "peer.py";
    private static final String STDERR = "stderr.log";

    private DriverDirectory(Path path) {
        super(path);
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
        return path().resolve(SCRIPT);
    }

    Path stderrFile() {
        return path().resolve(STDERR);
    }

    /** @return what the driver wrote to stderr so far (at most the first 64 KiB), or a note that there is nothing */
    String readStderr() {
        return readHead(stderrFile(), "(nothing on stderr)", "(no stderr file)");
    }
}
