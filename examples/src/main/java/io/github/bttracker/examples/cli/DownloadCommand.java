package io.github.bttracker.examples.cli;

import bt.magnet.MagnetUri;
import bt.magnet.MagnetUriParser;
import bt.metainfo.MetadataService;
import bt.metainfo.Torrent;
import bt.protocol.crypto.EncryptionPolicy;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
                + "peers, and the table of trackers (protocol, state, seeders, leechers, kind of peers, next "
                + "announce, last error).",
            "The swarms of its ws:// and wss:// trackers are joined over WebRTC, as a WebTorrent peer: the progress "
                + "line then shows TCP and WebRTC peers apart.",
            "Ctrl-C stops gracefully: every tracker gets a 'stopped' announce.",
            "Exit code 0 once downloaded (or when stopped while seeding), 1 if the download failed (an unwritable "
                + "--dir included), 2 for bad arguments: a file Bt cannot read as a torrent, a torrent or magnet URI "
                + "that lists no tracker."})
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

    @Option(names = "--lsd", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = {"Bt's local service discovery (BEP 14): multicast announces to 239.192.152.143:6771 on the "
                + "local network, heard on 0.0.0.0:6771 (default: on, as in Bt)."})
    boolean localServiceDiscovery;

    @Option(names = "--pex", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Bt's peer exchange (BEP 11): peers tell each other of more peers (default: on, as in Bt).")
    boolean peerExchange;

    @Option(names = "--encryption", paramLabel = "POLICY", converter = Converters.EncryptionConverter.class,
            description = {"Message stream encryption: plaintext, prefer-plaintext, prefer-encrypted or "
                + "require-encrypted (default: Bt's, prefer-plaintext).",
                "Trackers are told: supportcrypto=1, or requirecrypto=1 for require-encrypted."})
    EncryptionPolicy encryption;

    @Option(names = "--webrtc", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = {"Join the swarms of the torrent's ws:// and wss:// trackers over WebRTC, as a WebTorrent "
                + "peer (default: on). Off, or with --encryption require-encrypted (WebTorrent peers speak "
                + "plaintext), or when libwebrtc cannot start here (Debian: apt-get install libpulse0), those "
                + "trackers are only scraped for counts, and one line says so."})
    boolean webRtc;

    /** How long the tracker table waits, after the download, for the answers to 'completed'. */
    static final Duration COMPLETED_ANSWER_WAIT = Duration.ofSeconds(5);

    @Override
    public Integer call() throws Exception {
        if (port < 1 || port > 65535) {
            throw usage("--port must be between 1 and 65535");
        }
        java.net.InetAddress acceptor = acceptorAddress();
        List<String> trackerUrls = checkSource();
        PrintWriter out = spec.commandLine().getOut();
        String unwritable = prepare(dir);
        if (unwritable != null) {
            out.println("Download failed: cannot write into " + Printable.text(dir.toAbsolutePath().toString()) + ": "
                    + Printable.text(unwritable));
            out.flush();
            return BtTrackerCommand.FAILED;
        }
        boolean terminal = System.console() != null;
        PeerNetwork network = new PeerNetwork(acceptor, port, localServiceDiscovery, peerExchange, encryption);
        WebRtcPeers webRtcPeers = WebRtcPeers.choose(webRtc, encryption, trackerUrls);
        BtSession session = new BtSession("download", source, dir, network, null, webRtcPeers);
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

        Watcher watcher = new Watcher(out, terminal, session, webRtcPeers);
        CompletableFuture<Void> downloaded = new CompletableFuture<>();
        CompletableFuture<?> done = session.start(s -> {
            watcher.update();
            if (s.isComplete()) {
                downloaded.complete(null);
            }
        });
        // Bt ends a torrent whose processing failed without failing this future: an end before the last piece is a
        // failure too
        done.whenComplete((ended, failure) -> downloaded.completeExceptionally(failure != null ? failure
                : new IllegalStateException("Bt ended the torrent before it was complete (its log says why: run "
                        + "java -Dorg.slf4j.simpleLogger.log.bt=warn -jar ...)")));
        out.println("Downloading " + describeSource() + " into " + Printable.text(dir.toAbsolutePath().toString())
                + (seed ? ", then seeding" : ""));
        webRtcPeers.offNotice().ifPresent(out::println);
        out.flush();
        try {
            downloaded.get();
        } catch (java.util.concurrent.ExecutionException e) {
            return failed(out, hook, finished, session, "Download failed: ", e);
        }
        java.time.Instant completedAt = java.time.Instant.now();
        watcher.tellWebRtcFailure();
        out.println(terminal ? "" : session.progressLine());
        out.println("Download complete: " + Printable.text(dir.toAbsolutePath().toString()));
        // the counts of the answer to 'completed', not those of 'started'
        session.printTrackers(out, session.awaitAnswersToCompleted(completedAt, COMPLETED_ANSWER_WAIT));
        if (seed) {
            out.println("Seeding until Ctrl-C.");
            out.flush();
            try {
                done.get();
            } catch (java.util.concurrent.ExecutionException e) {
                return failed(out, hook, finished, session, "Seeding failed: ", e);
            }
        }
        if (!removeHook(hook)) {
            finished.await(10, TimeUnit.SECONDS); // stopped by Ctrl-C: the hook is shutting down
            return 0;
        }
        session.close();
        out.flush();
        return 0;
    }

    private int failed(PrintWriter out, Thread hook, CountDownLatch finished, BtSession session, String what,
                       java.util.concurrent.ExecutionException e) throws InterruptedException {
        if (!removeHook(hook)) {
            finished.await(10, TimeUnit.SECONDS); // stopped by Ctrl-C: the hook is shutting down
            return 0;
        }
        session.close();
        out.println();
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        out.println(what + Printable.text(Objects.toString(cause.getMessage(), cause.toString())));
        out.flush();
        return BtTrackerCommand.FAILED;
    }

    private java.net.InetAddress acceptorAddress() {
        try {
            java.net.InetAddress acceptor = address == null ? null : java.net.InetAddress.getByName(address);
            if (acceptor != null && !acceptor.isAnyLocalAddress()
                    && java.net.NetworkInterface.getByInetAddress(acceptor) == null) {
                throw usage("--address " + address + " is not an address of this host");
            }
            return acceptor;
        } catch (java.net.UnknownHostException e) {
            throw usage("--address: unknown host '" + address + "'");
        } catch (java.net.SocketException e) {
            throw usage("--address " + address + ": cannot list this host's addresses (" + e.getMessage() + ")");
        }
    }

    /**
     * Reads the torrent file or magnet URI with Bt's own parsers, as Bt will: what Bt cannot read, and what lists no
     * tracker (there is no DHT here to find peers without one), is a usage error, not a download that never starts.
     *
     * @return every tracker URL it lists
     */
    private List<String> checkSource() {
        if (source.startsWith("magnet:")) {
            MagnetUri magnet;
            try {
                magnet = MagnetUriParser.lenientParser().parse(source);
            } catch (RuntimeException e) {
                throw usage("Not a magnet URI that Bt can read: " + reason(e));
            }
            if (magnet.getTrackerUrls().isEmpty()) {
                throw usage("The magnet URI has no trackers (tr=): there is no DHT here, so nothing would find its "
                        + "peers");
            }
            return List.copyOf(magnet.getTrackerUrls());
        }
        Path file = Path.of(source);
        if (!Files.isRegularFile(file)) {
            throw usage("No such torrent file: " + source + " (give a .torrent file or a magnet: URI)");
        }
        Torrent torrent;
        try {
            if (Files.size(file) == 0) {
                throw usage(source + " is empty, not a torrent file");
            }
        } catch (java.io.IOException e) {
            throw usage("Cannot read " + source + ": " + reason(e));
        }
        try (var in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
            torrent = new MetadataService().fromInputStream(in);
        } catch (java.io.IOException e) {
            throw usage("Cannot read " + source + ": " + reason(e));
        } catch (RuntimeException e) {
            throw usage(source + " is not a torrent file: " + reason(e));
        }
        if (torrent.getAnnounceKey().isEmpty()) {
            throw usage(source + " lists no trackers: there is no DHT here, so nothing would find its peers");
        }
        bt.tracker.AnnounceKey key = torrent.getAnnounceKey().get();
        return key.isMultiKey() ? key.getTrackerUrls().stream().flatMap(List::stream).toList()
                : List.of(key.getTrackerUrl());
    }

    /**
     * The torrent file's name, or the magnet URI's info hash and name: not the URI itself, whose {@code tr=} trackers
     * are percent-encoded and would show a passkey that {@link Printable} cannot find there.
     */
    private String describeSource() {
        if (!source.startsWith("magnet:")) {
            return Printable.text(source);
        }
        MagnetUri magnet = MagnetUriParser.lenientParser().parse(source);
        return "the magnet link of " + magnet.getTorrentId() + magnet.getDisplayName().map(n -> " (" + n + ")")
                .map(Printable::text).orElse("") + ", with " + magnet.getTrackerUrls().size() + " tracker(s)";
    }

    /** The messages of an exception and its causes, as Bt words them, on one line. */
    private static String reason(Throwable e) {
        StringBuilder reason = new StringBuilder();
        for (Throwable t = e; t != null && reason.length() < 1000; t = t.getCause()) {
            String message = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
            if (reason.indexOf(message) < 0) {
                reason.append(reason.length() > 0 ? ": " : "").append(message.strip().replace("\n", " "));
            }
        }
        return reason.toString();
    }

    /**
     * Creates the directory if need be and writes a file into it, as Bt will, and removes it.
     *
     * @return why it cannot be written into, or null when it can
     */
    private static String prepare(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.delete(Files.createTempFile(dir, ".bt-tracker-", ".probe"));
            return null;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return e.getFile() + " exists and is not a directory";
        } catch (java.nio.file.AccessDeniedException e) {
            return "permission denied on " + e.getFile();
        } catch (java.nio.file.FileSystemException e) {
            return e.getFile() + ": " + (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName());
        } catch (java.io.IOException | RuntimeException e) {
            return reason(e);
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), Printable.text(message));
    }

    /** @return false if the JVM is already shutting down (Ctrl-C), so the hook runs or has run */
    private static boolean removeHook(Thread hook) {
        try {
            return Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return false;
        }
    }

    /**
     * Prints progress: redrawn in place on a terminal, otherwise a line every 5 s and whenever the peers change; the
     * tracker table on change; the line saying that libwebrtc could not start, once the plugin tried.
     */
    private static final class Watcher {
        private final PrintWriter out;
        private final boolean terminal;
        private final BtSession session;
        private final WebRtcPeers webRtcPeers;
        private long lastLine;
        private String lastPeers = "";
        private List<String> lastTrackers = List.of();

        Watcher(PrintWriter out, boolean terminal, BtSession session, WebRtcPeers webRtcPeers) {
            this.out = out;
            this.terminal = terminal;
            this.session = session;
            this.webRtcPeers = webRtcPeers;
        }

        synchronized void tellWebRtcFailure() {
            webRtcPeers.takeFailureNotice().ifPresent(notice -> {
                if (terminal) {
                    out.println();
                }
                out.println(notice);
                out.flush();
            });
        }

        synchronized void update() {
            tellWebRtcFailure();
            List<io.github.bttracker.core.TrackerStatus> statuses = session.trackers();
            List<String> trackers = statuses.stream()
                    .map(t -> t.trackerUrl() + t.state() + t.lastEvent() + t.lastError().orElse("")).toList();
            if (!trackers.equals(lastTrackers)) {
                lastTrackers = trackers;
                if (terminal) {
                    out.println();
                }
                session.printTrackers(out, statuses);
            }
            long now = System.nanoTime();
            String peers = session.peersNow();
            if (terminal) {
                out.print("\r" + session.progressLine() + "   ");
            } else if (now - lastLine > TimeUnit.SECONDS.toNanos(5) || !peers.equals(lastPeers)) {
                lastLine = now;
                out.println(session.progressLine());
            }
            lastPeers = peers;
            out.flush();
        }
    }
}
