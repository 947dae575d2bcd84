package io.github.bttracker.examples.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * bt-tracker.jar run as a user runs it: {@code java -jar} in its own process, output captured, stopped by its
 * process id if it outlives its time.
 */
public final class Jar {

    private Jar() {
    }

    /** What a finished run printed and returned. */
    public record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /** Seeds the torrent from a Bt runtime with the plugin in this JVM, on loopback, until closed. */
    public static AutoCloseable seed(io.github.bttracker.it.bt.TestTorrent torrent, Path dir) throws Exception {
        BtSession seeder = new BtSession("seeder", torrent.torrentFile().toString(), dir,
                java.net.InetAddress.getLoopbackAddress(), freePort(), false,
                bt.metainfo.TorrentId.fromBytes(torrent.infoHash().bytes()));
        seeder.start(s -> { });
        return seeder;
    }

    public static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static Path path() {
        String jar = System.getProperty("bt-tracker.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("bt-tracker.jar not found (" + jar + "): run these tests with "
                    + "mvn verify, which packages it first");
        }
        return Path.of(jar);
    }

    /** Runs the jar with these arguments and waits for it, at most {@code limit}. */
    public static Run run(Duration limit, String... args) throws Exception {
        Started started = start(args);
        return started.await(limit);
    }

    public static Started start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(path().toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("bt-tracker-out", ".txt");
        Path err = Files.createTempFile("bt-tracker-err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new Started(process, out, err);
    }

    /** A run in progress. */
    public record Started(Process process, Path out, Path err) {
        public String outSoFar() throws IOException {
            return Files.readString(out, StandardCharsets.UTF_8);
        }

        /** SIGTERM, as Ctrl-C or a service manager stops it: the JVM runs its shutdown hooks. */
        public void terminate() {
            process.destroy();
        }

        public Run await(Duration limit) throws Exception {
            try {
                if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new AssertionError("bt-tracker.jar still running after " + limit + ":\n"
                            + new Run(-1, outSoFar(), Files.readString(err)));
                }
                return new Run(process.exitValue(), outSoFar(), Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                if (process.isAlive()) {
                    process.destroyForcibly(); // by this process's handle (its pid), never by name
                    process.waitFor(10, TimeUnit.SECONDS);
                }
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        }
    }
}
