package io.github.bttracker.it.webtorrent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the WebTorrent package's directory ({@code bt-tracker-webrtc/webtorrent}: package.json, the committed
 * package-lock.json, peer.mjs) and checks that {@code npm ci --ignore-scripts} has been run in it, with the pinned
 * versions.
 */
final class WebTorrentHome {
    static final String PEER_SCRIPT = "peer.mjs";

    /** The system property that overrides where the directory is, e.g. for a run from an IDE. */
    static final String DIRECTORY_PROPERTY = "bttracker-it.webtorrent.dir";

    private static final String DIRECTORY_NAME = "webtorrent";
    private static final String INSTALL = "npm ci --ignore-scripts --no-audit --no-fund";

    /**
     * The packages package.json pins and peer.mjs loads, with their versions: node-datachannel through webtorrent's
     * WebRTC polyfill (an override: 0.33.4 ships its native binary as an npm package, the 0.32 webtorrent asks for
     * downloads it at install time).
     */
    private static final Map<String, String> PINNED = Map.of(
            "webtorrent", "3.0.21",
            "node-datachannel", "0.33.4",
            "parse-torrent", "11.0.24");

    private WebTorrentHome() {
    }

    /**
     * Surefire runs in the bt-tracker-webrtc module, where the directory is {@code webtorrent}; from the repository
     * root it is {@code bt-tracker-webrtc/webtorrent}. {@value #DIRECTORY_PROPERTY} overrides both.
     *
     * @return the directory, absolute, with its packages installed
     * @throws IllegalStateException if there is none, or its npm packages are missing or stale (the message says
     *     what to run)
     */
    static Path locate() {
        String override = System.getProperty(DIRECTORY_PROPERTY);
        List<Path> candidates = override != null
                ? List.of(Path.of(override))
                : List.of(Path.of(DIRECTORY_NAME), Path.of("bt-tracker-webrtc", DIRECTORY_NAME));
        List<String> tried = new ArrayList<>();
        for (Path candidate : candidates) {
            Path absolute = candidate.toAbsolutePath().normalize();
            if (Files.isRegularFile(absolute.resolve(PEER_SCRIPT))) {
                return verify(absolute);
            }
            tried.add(absolute.toString());
        }
        throw new IllegalStateException("cannot find the " + DIRECTORY_NAME + " directory (with " + PEER_SCRIPT
                + "); tried " + tried + "; run the tests from the bt-tracker-webrtc module or the repository root, or"
                + " set -D" + DIRECTORY_PROPERTY + "=<path>");
    }

    private static Path verify(Path directory) {
        for (Map.Entry<String, String> pinned : PINNED.entrySet()) {
            String name = pinned.getKey();
            Path manifest = directory.resolve("node_modules").resolve(name).resolve("package.json");
            if (!Files.isRegularFile(manifest)) {
                throw new IllegalStateException(name + " is not installed in " + directory + ": run `" + INSTALL
                        + "` in that directory (Node.js 20 or later)");
            }
            String installed = installedVersion(manifest, directory);
            if (!pinned.getValue().equals(installed)) {
                throw new IllegalStateException("node_modules in " + directory + " holds " + name + " " + installed
                        + ", not " + pinned.getValue() + ": run `" + INSTALL + "` in that directory again");
            }
        }
        return directory;
    }

    private static String installedVersion(Path manifest, Path directory) {
        try {
            JsonNode version = new ObjectMapper().readTree(manifest.toFile()).path("version");
            return version.isTextual() ? version.asText() : "(no version)";
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + manifest + ": run `" + INSTALL + "` in " + directory
                    + " again", e);
        }
    }
}
