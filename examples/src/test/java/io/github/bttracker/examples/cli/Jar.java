package io.github.bttracker.examples.cli;

import io.github.bttracker.it.process.LoopbackPorts;
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
    public static Seeder seed(io.github.bttracker.it.bt.TestTorrent torrent, Path dir) throws Exception {
        return seed(torrent, dir, freePort());
    }

    /**
     * Seeds the torrent from a Bt runtime in this JVM, accepting peers on 127.0.0.1:{@code port}, until closed; with
     * no local service discovery and no peer exchange.
     */
    public static Seeder seed(io.github.bttracker.it.bt.TestTorrent torrent, Path dir, int port) throws Exception {
        BtSession seeder = new BtSession("seeder", torrent.torrentFile().toString(), dir,
                PeerNetwork.loopbackOnly(port), bt.metainfo.TorrentId.fromBytes(torrent.infoHash().bytes()));
        try {
            seeder.start(s -> { });
            // Bt opens its listening socket on a thread of its own after startup: a downloader that heard of the
            // seeder from the tracker before then would find nobody there
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> LoopbackPorts.acceptsTcp(port));
        } catch (RuntimeException | Error e) {
            seeder.close();
            throw e;
        }
        return new Seeder(seeder, port);
    }


    /** A seeding runtime in this JVM, accepting peers on 127.0.0.1:{@code port}. */
    public record Seeder(BtSession session, int port) implements AutoCloseable {
        /** What the seeder's session shows now, and whether its port takes a TCP connection: for failure messages. */
        public String describe() {
            return "seeder on 127.0.0.1:" + port + (LoopbackPorts.acceptsTcp(port) ? " accepts TCP connections; "
                    : " does not accept TCP connections; ") + session.progressLine();
        }

        @Override
        public void close() {
            session.close();
        }
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

    /**
     * The arguments of a {@code download} run by a test: these, then {@code --no-lsd --no-pex}, as every Bt runtime of
     * the tests has (there is no DHT either: bt-dht is not in the jar), so that nothing leaves loopback.
     */
    public static String[] download(String... args) {
        List<String> all = new ArrayList<>(List.of("download"));
        all.addAll(List.of(args));
        all.addAll(List.of("--no-lsd", "--no-pex"));
        return all.toArray(String[]::new);
    }

    /** Runs the jar with these arguments and waits for it, at most {@code limit}. */
    public static Run run(Duration limit, String... args) throws Exception {
        return run(limit, List.of(), args);
    }

    /** Runs the jar with these JVM options (system properties, say) and arguments, and waits for it. */
    public static Run run(Duration limit, List<String> jvmOptions, String... args) throws Exception {
        Started started = start(jvmOptions, args);
        return started.await(limit);
    }

    /**
     * Runs the jar and waits for it; when it is still running at {@code limit} or exits with an error, the assertion
     * error also carries {@code context}: what the test knows about why.
     */
    public static Run runExplained(Duration limit, List<String> jvmOptions, java.util.concurrent.Callable<String> context,
                                   String... args) throws Exception {
        Run run;
        try {
            run = run(limit, jvmOptions, args);
        } catch (AssertionError stillRunning) {
            throw new AssertionError(stillRunning.getMessage() + context.call(), stillRunning);
        }
        if (run.exitCode() != 0) {
            throw new AssertionError(run + context.call());
        }
        return run;
    }

    /**
     * JVM options that keep Bt's connection log (which the tool keeps quiet) in a file, for the message of a failed
     * test. The rest of the log goes there too, instead of standard error: see {@link #errorsBesidesBt}.
     */
    public static List<String> btConnectionLog(Path file) {
        return List.of("-Dorg.slf4j.simpleLogger.logFile=" + file, "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.log.bt.net=debug", "-Dorg.slf4j.simpleLogger.log.bt.peer=debug");
    }

    /** The last lines of such a log. */
    public static String tail(Path log, int lines) throws IOException {
        if (!Files.exists(log)) {
            return "\n--- (no log at " + log + ")";
        }
        List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
        return "\n--- the last lines of " + log.getFileName() + "\n"
                + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /**
     * The errors logged to such a log by anything but Bt (whose log the tool keeps off): what a user would see on
     * standard error, where the tool prints errors only.
     */
    public static List<String> errorsBesidesBt(Path log) throws IOException {
        java.util.regex.Pattern error = java.util.regex.Pattern.compile("^\\d+ \\[[^\\]]*\\] ERROR (?!bt\\.)");
        return !Files.exists(log) ? List.of() : Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(line -> error.matcher(line).find()).toList();
    }

    public static Started start(String... args) throws IOException {
        return start(List.of(), args);
    }

    public static Started start(List<String> jvmOptions, String... args) throws IOException {
        return start(Path.of(System.getProperty("java.home")), jvmOptions, args);
    }

    /** Runs the jar on the Java installed at {@code javaHome}, and waits for it. */
    public static Run runOn(Path javaHome, Duration limit, String... args) throws Exception {
        if (!Files.isExecutable(javaHome.resolve("bin/java"))) {
            throw new IllegalStateException("no Java at " + javaHome + " to run the jar on");
        }
        return start(javaHome, List.of(), args).await(limit);
    }

    private static Started start(Path javaHome, List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin").resolve("java").toString());
        command.addAll(jvmOptions);
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

        /** Kills the process by its handle (its pid) if a failed test left it running. */
        public void stopIfAlive() throws InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
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
