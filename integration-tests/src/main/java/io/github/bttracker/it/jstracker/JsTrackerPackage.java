package io.github.bttracker.it.jstracker;

import java.nio.file.Path;

/**
 * A JavaScript tracker package {@link JsTracker} can run: its npm name, the version its directory's
 * package.json pins, and that directory under {@code integration-tests}, which holds package.json,
 * the committed package-lock.json and server.mjs.
 */
public enum JsTrackerPackage {
    /** The reference tracker, the one WebTorrent uses. */
    BITTORRENT_TRACKER("bittorrent-tracker", "11.2.3", "js-tracker", "bttracker-it.jstracker.dir"),
    /** PeerTube's fork of the reference tracker, which keeps only its server. */
    PEERTUBE("@peertube/bittorrent-tracker-server", "11.1.2", "peertube-tracker", "bttracker-it.peertubetracker.dir");

    private final String npmName;
    private final String version;
    private final String directoryName;
    private final String directoryProperty;

    JsTrackerPackage(String npmName, String version, String directoryName, String directoryProperty) {
        this.npmName = npmName;
        this.version = version;
        this.directoryName = directoryName;
        this.directoryProperty = directoryProperty;
    }

    /** @return the package's name in the npm registry */
    public String npmName() {
        return npmName;
    }

    /** @return the version package.json pins; another one in node_modules means a stale install */
    public String version() {
        return version;
    }

    /** @return the directory's name, also the name of the tracker in messages and thread names */
    public String directoryName() {
        return directoryName;
    }

    /** @return the system property that overrides where the directory is, e.g. for a run from an IDE */
    String directoryProperty() {
        return directoryProperty;
    }

    /** @return where, under a package directory, npm puts the tracker package's own package.json */
    Path installedManifest() {
        return Path.of("node_modules").resolve(npmName).resolve("package.json");
    }

    @Override
    public String toString() {
        return npmName + " " + version;
    }
}
