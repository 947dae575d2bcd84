package io.github.bttracker.it.jstracker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the {@code js-tracker} directory (package.json, package-lock.json, server.mjs) and checks
 * that {@code npm ci --ignore-scripts} has been run in it, with the pinned tracker version.
 */
final class JsTrackerHome {
    /** Overrides the search, e.g. for a run from an IDE whose working directory is elsewhere. */
    static final String DIRECTORY_PROPERTY = "bttracker.jstracker.dir";
    /** The version package.json pins; another one in node_modules means a stale install. */
    static final String TRACKER_VERSION = "11.2.3";

    static final String SERVER_SCRIPT = "server.mjs";
    private static final String TRACKER_PACKAGE = "node_modules/bittorrent-tracker/package.json";

    private JsTrackerHome() {
    }

    /**
     * Surefire runs in the integration-tests module, where the directory is {@code js-tracker};
     * from the repository root it is {@code integration-tests/js-tracker}.
     *
     * @return the directory, absolute, checked with {@link #verify(Path)}
     * @throws IllegalStateException if there is none, or its npm packages are not installed
     */
    static Path locate() {
        String override = System.getProperty(DIRECTORY_PROPERTY);
        List<Path> candidates = override != null
                ? List.of(Path.of(override))
                : List.of(Path.of("js-tracker"), Path.of("integration-tests", "js-tracker"));
        List<String> tried = new ArrayList<>();
        for (Path candidate : candidates) {
            Path absolute = candidate.toAbsolutePath().normalize();
            if (Files.isRegularFile(absolute.resolve(SERVER_SCRIPT))) {
                return verify(absolute);
            }
            tried.add(absolute.toString());
        }
        throw new IllegalStateException("cannot find the js-tracker directory (with " + SERVER_SCRIPT + "); tried "
                + tried + "; run the tests from the integration-tests module or the repository root, or set -D"
                + DIRECTORY_PROPERTY + "=<path>");
    }

    /**
     * @param directory a js-tracker directory
     * @return {@code directory}, if node_modules holds bittorrent-tracker {@value #TRACKER_VERSION}
     * @throws IllegalStateException if it does not; the message says what to run
     */
    static Path verify(Path directory) {
        Path trackerPackage = directory.resolve(TRACKER_PACKAGE);
        if (!Files.isRegularFile(trackerPackage)) {
            throw new IllegalStateException("bittorrent-tracker is not installed in " + directory
                    + ": run `npm ci --ignore-scripts` in that directory (Node.js 18.3 or later)");
        }
        String installed = installedVersion(trackerPackage);
        if (!TRACKER_VERSION.equals(installed)) {
            throw new IllegalStateException("node_modules in " + directory + " holds bittorrent-tracker " + installed
                    + ", not " + TRACKER_VERSION + ": run `npm ci --ignore-scripts` in that directory again");
        }
        return directory;
    }

    private static String installedVersion(Path trackerPackage) {
        try {
            JsonNode version = new ObjectMapper().readTree(trackerPackage.toFile()).path("version");
            return version.isTextual() ? version.asText() : "(no version)";
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + trackerPackage + ": run `npm ci --ignore-scripts` in "
                    + trackerPackage.getParent().getParent().getParent() + " again", e);
        }
    }
}
