package io.github.bttracker.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code download}: a Bt client with the plugin, showing progress and its trackers. */
@Command(name = "download", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Download a torrent with Bt, its trackers served by bt-tracker: a progress line with rate and "
                + "peers, and the table of trackers (protocol, state, seeders, leechers, next announce, last error).",
            "Ctrl-C stops gracefully: every tracker gets a 'stopped' announce.",
            "Exit code 0 once downloaded (or when stopped while seeding), 1 if the download failed, 2 for bad "
                + "arguments."})
final class DownloadCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TORRENT-FILE|MAGNET-URI",
            description = "A .torrent file, or a magnet URI (with tr= trackers: there is no DHT here).")
    String source;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".", description = "Where the files go (default: the current directory).")
    Path dir;

    @Option(names = "--seed", description = "Keep seeding after the download, until Ctrl-C.")
    boolean seed;

    @Option(names = "--port", paramLabel = "N", defaultValue = "6891", description = "The port to accept peers on (default: "
            + "${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--address", paramLabel = "ADDR", description = {"The local address to accept peers on; outgoing "
            + "peer connections leave from it too (default: Bt's choice, the host's first non-loopback IPv4 address).",
        "Peers and trackers on this host see the tool at 127.0.0.1: give --address 127.0.0.1 to be reachable there."})
    String address;

    @Override
    public Integer call() throws Exception {
        if (!source.startsWith("magnet:") && !Files.isRegularFile(Path.of(source))) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "No such torrent file: " + source + " (give a .torrent file or a magnet: URI)");
        }
        if (port < 1 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be between 1 and 65535");
        }
        java.net.InetAddress acceptor;
        try {
            acceptor = address == null ? null : java.net.InetAddress.getByName(address);
            if (acceptor != null && !acceptor.isAnyLocalAddress()
                    && java.net.NetworkInterface.getByInetAddress(acceptor) == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--address " + address + " is not an address of this host");
            }
        } catch (java.net.UnknownHostException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--address: unknown host '" + address + "'");
        } catch (java.net.SocketException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--address " + address + ": cannot list this host's addresses (" + e.getMessage() + ")");
        }
        Files.createDirectories(dir);
        PrintWriter out = spec.commandLine().getOut();
        boolean terminal = System.console() != null;
        BtSession session = new BtSession("download", source, dir, acceptor, port, !seed, null);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            // Ctrl-C: stop the torrent and shut the runtime down, which announces 'stopped' to every tracker
            out.println();
            out.println("Stopping: telling the trackers...");
            out.flush();
            session.close();
            out.println("Stopped.");
            out.flush();
            finished.countDown();
        }, "bt-tracker-cli-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        Watcher watcher = new Watcher(out, terminal, session);
        CompletableFuture<?> done = session.start(s -> watcher.update());
        out.println("Downloading " + source + " into " + dir.toAbsolutePath() + (seed ? ", then seeding" : ""));
        out.flush();
        try {
            done.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (!removeHook(hook)) {
                finished.await(10, TimeUnit.SECONDS); // stopped by Ctrl-C: the hook is shutting down
                return 0;
            }
            session.close();
            out.println();
            out.println("Download failed: " + Objects.toString(e.getCause() != null ? e.getCause().getMessage() : e));
            out.flush();
            return BtTrackerCommand.FAILED;
        }
        if (!removeHook(hook)) {
            finished.await(10, TimeUnit.SECONDS); // stopped by Ctrl-C: the hook is shutting down
            return 0;
        }
        out.println(terminal ? "" : session.progressLine());
        out.println("Download complete: " + dir.toAbsolutePath());
        session.printTrackers(out);
        session.close();
        out.flush();
        return 0;
    }

    /** @return false if the JVM is already shutting down (Ctrl-C), so the hook runs or has run */
    private static boolean removeHook(Thread hook) {
        try {
            return Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return false;
        }
    }

    /** Prints progress: redrawn in place on a terminal, a line every 5 s otherwise; the tracker table on change. */
    private static final class Watcher {
        private final PrintWriter out;
        private final boolean terminal;
        private final BtSession session;
        private long lastLine;
        private List<String> lastTrackers = List.of();

        Watcher(PrintWriter out, boolean terminal, BtSession session) {
            this.out = out;
            this.terminal = terminal;
            this.session = session;
        }

        synchronized void update() {
            List<io.github.bttracker.core.TrackerStatus> statuses = session.trackers();
            List<String> trackers = statuses.stream()
                    .map(t -> t.trackerUrl() + t.state() + t.lastError().orElse("")).toList();
            if (!trackers.equals(lastTrackers)) {
                lastTrackers = trackers;
                if (terminal) {
                    out.println();
                }
                session.printTrackers(out, statuses);
            }
            long now = System.nanoTime();
            if (terminal) {
                out.print("\r" + session.progressLine() + "   ");
            } else if (now - lastLine > TimeUnit.SECONDS.toNanos(5)) {
                lastLine = now;
                out.println(session.progressLine());
            }
            out.flush();
        }
    }
}
