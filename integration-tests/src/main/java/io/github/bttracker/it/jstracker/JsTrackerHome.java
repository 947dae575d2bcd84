package io.github.bttracker.it.jstracker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds a tracker package's directory (package.json, package-lock.json, server.mjs) and checks
 * that {@code npm ci --ignore-scripts} has been run in it, with the pinned tracker version.
 */
final class JsTrackerHome {
    static final String SERVER_SCRIPT = "server.mjs";

    private JsTrackerHome() {
    }

    /**
     * Surefire runs in the integration-tests module, where the directory is e.g. {@code js-tracker};
     * from the repository root it is {@code integration-tests/js-tracker}. The package's
     * {@linkplain JsTrackerPackage#directoryProperty() system property} overrides both.
     *
     * @return the directory, absolute, checked with {@link #verify(Path, JsTrackerPackage)}
     * @throws IllegalStateException if there is none, or its npm packages are not installed
     */
    static Path locate(JsTrackerPackage trackerPackage) {
        String override = System.getProperty(trackerPackage.directoryProperty());
        String name = trackerPackage.directoryName();
        List<Path> candidates = override != null
                ? List.of(Path.of(override))
                : List.of(Path.of(name), Path.of("integration-tests", name));
        List<String> tried = new ArrayList<>();
        for (Path candidate : candidates) {
            Path absolute = candidate.toAbsolutePath().normalize();
            if (Files.isRegularFile(absolute.resolve(SERVER_SCRIPT))) {
                return verify(absolute, trackerPackage);
            }
            tried.add(absolute.toString());
        }
        throw new IllegalStateException("cannot find the " + name + " directory (with " + SERVER_SCRIPT + "); tried "
                + tried + "; run the tests from the integration-tests module or the repository root, or set -D"
                + trackerPackage.directoryProperty() + "=<path>");
    }

    /**
     * @param directory      the package's directory
     * @param trackerPackage the package it must hold
     * @return {@code directory}, if its node_modules holds the package at its pinned version
     * @throws IllegalStateException if it does not; the message says what to run
     */
    static Path verify(Path directory, JsTrackerPackage trackerPackage) {
        String name = trackerPackage.npmName();
        Path manifest = directory.resolve(trackerPackage.installedManifest());
        if (!Files.isRegularFile(manifest)) {
            throw new IllegalStateException(name + " is not installed in " + directory
                    + ": run `npm ci --ignore-scripts` in that directory (Node.js 18.3 or later)");
        }
        String installed = installedVersion(manifest, directory);
        if (!trackerPackage.version().equals(installed)) {
            throw new IllegalStateException("node_modules in " + directory + " holds " + name + " " + installed
                    + ", not " + trackerPackage.version() + ": run `npm ci --ignore-scripts` in that directory again");
        }
        return directory;
    }

    private static String installedVersion(Path manifest, Path directory) {
        try {
            JsonNode version = new ObjectMapper().readTree(manifest.toFile()).path("version");
            return version.isTextual() ? version.asText() : "(no version)";
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + manifest + ": run `npm ci --ignore-scripts` in "
                    + directory + " again", e);
        }
    }
}
