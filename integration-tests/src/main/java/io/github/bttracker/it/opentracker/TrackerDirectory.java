package io.github.bttracker.it.opentracker;

import io.github.bttracker.it.process.ScratchDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.Set;

/**
 * The fresh directory one opentracker runs in: its chroot and working directory, its whitelist
 * and the log of what it printed.
 *
 * <p>opentracker reads the whitelist after {@code chroot}, so the file lives inside this directory
 * and is named by a relative path. When opentracker cannot chroot (not started as root) it stays in
 * its working directory, which is this directory too, so the same relative name works either way.
 */
final class TrackerDirectory extends ScratchDirectory {
    /** The whitelist's name, relative to the chroot (and working) directory. */
    static final String WHITELIST = "whitelist.txt";

    private static final String LOG = "opentracker.log";
    private static final Set<PosixFilePermission> WORLD_READABLE_DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> WORLD_READABLE_FILE = PosixFilePermissions.fromString("rw-r--r--");

    private TrackerDirectory(Path path) {
        super(path);
    }

    /**
     * Creates the directory, readable by every user because opentracker drops to its own user
     * ({@code _opentracker}) before it reads the whitelist.
     */
    static TrackerDirectory create() {
        try {
            Path dir = Files.createTempDirectory(parent(), "opentracker-");
            // set explicitly: createTempDirectory's attribute argument would still be narrowed by the umask
            Files.setPosixFilePermissions(dir, WORLD_READABLE_DIRECTORY);
            return new TrackerDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for opentracker", e);
        }
    }

    Path logFile() {
        return path().resolve(LOG);
    }

    /**
     * Replaces the whitelist with {@code hexes}, one per line. The new content goes to a side file
     * first and is renamed into place, so opentracker never reads a half-written list.
     */
    void writeWhitelist(Collection<String> hexes) {
        // every line needs its newline: opentracker ignores a last hash that is not followed by one
        StringBuilder content = new StringBuilder(41 * hexes.size());
        hexes.forEach(hex -> content.append(hex).append('\n'));
        Path target = path().resolve(WHITELIST);
        Path side = path().resolve(WHITELIST + ".new");
        try {
            Files.writeString(side, content, StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(side, WORLD_READABLE_FILE);
            Files.move(side, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the opentracker whitelist " + target, e);
        }
    }

    /** @return what opentracker printed so far (at most the first 64 KiB), or a note that there is nothing */
    String readLog() {
        return readHead(logFile(), "(opentracker printed nothing)", "(no log file)");
    }

    /**
     * The JVM's temp directory, unless other users cannot pass through it: when opentracker cannot
     * chroot, it opens files by their full path after dropping privileges, so then {@code /tmp}
     * (world-writable and sticky on every Unix) is the safer parent.
     */
    private static Path parent() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(tmp);
        if (permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
            return tmp;
        }
        return Path.of("/tmp");
    }
}
