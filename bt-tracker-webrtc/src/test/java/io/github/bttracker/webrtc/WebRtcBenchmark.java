package io.github.bttracker.webrtc;

import bt.Bt;
import bt.data.file.FileSystemStorage;
import bt.metainfo.TorrentId;
import bt.runtime.BtClient;
import io.github.bttracker.bt.BtTrackerModule;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.it.bt.BtPeer;
import io.github.bttracker.it.bt.TestTorrent;
import io.github.bttracker.it.jstracker.JsTracker;
import io.github.bttracker.it.webtorrent.Namespace;
import io.github.bttracker.it.webtorrent.WebTorrentNode;
import io.github.bttracker.it.webtorrent.WebTorrentPeer;
import io.github.bttracker.spi.ConnectedPeer;
import io.github.bttracker.spi.WebRtc;
import io.github.bttracker.testing.EmbeddedTracker;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * WebRTC figures (issue 15), printed, not asserted: its name keeps it out of the default run, and it runs in this
 * module's network namespace like every test here. Run it with
 * <pre>
 * mvn -B -q -ntp -o install -DskipTests -Dfuzz.skip=true -Dhostile.skip=true
 * mvn -B -ntp -o -pl bt-tracker-webrtc -am test -Dtest=WebRtcBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dfuzz.skip=true -Dhostile.skip=true
 * </pre>
 * Sections ({@code -Dbench.webrtc.sections=connections,first-piece,throughput}, all by default, in this order):
 * <ul>
 *   <li>{@code first-piece}: a fresh Bt runtime (plugin and WebRTC module) starts a torrent whose only seeder is
 *       WebTorrent in Node, behind the reference JavaScript tracker's WebSocket side; time from
 *       {@code BtClient.startAsync()} to Bt's first verified piece, with the steps in between. Beside it the same
 *       torrent from a Bt seeder over TCP, through an HTTP tracker (the embedded one). Several repetitions, each with
 *       a new runtime;</li>
 *   <li>{@code throughput}: one Bt seeder, one Bt leecher, one file, over WebRTC only (the torrent lists a WebSocket
 *       tracker only) and over TCP only (an HTTP tracker only); and a WebTorrent seeder in Node to a Bt leecher;</li>
 *   <li>{@code connections}: N peer connections opened between two {@link NativeWebRtc}s signalling to each other
 *       directly; threads, heap after GC, resident memory and file descriptors before and after.</li>
 * </ul>
 * Options: {@code -Dbench.webrtc.reps} (5), {@code -Dbench.webrtc.first.size} (4, MiB),
 * {@code -Dbench.webrtc.size} (64, MiB), {@code -Dbench.webrtc.node=false} (no Node seeder in the throughput
 * section), {@code -Dbench.webrtc.connections} (50). The tables are Markdown, printed to stdout and written to
 * {@code target/webrtc-benchmark.md}.
 */
public class WebRtcBenchmark {

    static final Duration TIMEOUT = Duration.ofSeconds(180);
    static final int MIB = 1024 * 1024;

    @Test
    void benchmark() throws Exception {
        Report report;
        java.io.ByteArrayOutputStream copy = new java.io.ByteArrayOutputStream();
        try (PrintStream both = new PrintStream(new TeeStream(System.out, copy), true, StandardCharsets.UTF_8)) {
            report = run(Settings.fromSystemProperties(), both);
        }
        Path out = Path.of("target", "webrtc-benchmark.md");
        Files.createDirectories(out.getParent());
        Files.write(out, copy.toByteArray());
        System.out.println("(written to " + out.toAbsolutePath() + "; " + report.rows.size() + " figures)");
    }

    /** What to run, and how big. */
    record Settings(Set<String> sections, int reps, int firstPieceBytes, int throughputBytes, boolean nodeThroughput,
                    int connections) {

        static Settings fromSystemProperties() {
            return new Settings(
                    new LinkedHashSet<>(List.of(System.getProperty("bench.webrtc.sections",
                            "first-piece,throughput,connections").split(","))),
                    Integer.getInteger("bench.webrtc.reps", 5),
                    Integer.getInteger("bench.webrtc.first.size", 4) * MIB,
                    Integer.getInteger("bench.webrtc.size", 64) * MIB,
                    Boolean.parseBoolean(System.getProperty("bench.webrtc.node", "true")),
                    Integer.getInteger("bench.webrtc.connections", 50));
        }
    }

    /** One figure: its section, what was measured and over what, and its value. */
    record Row(String section, String workload, String figure, double value) {
    }

    /** Every figure of a run. */
    static final class Report {
        final List<Row> rows = new CopyOnWriteArrayList<>();

        void add(String section, String workload, String figure, double value) {
            rows.add(new Row(section, workload, figure, value));
        }

        List<Row> rows(String section) {
            return rows.stream().filter(r -> r.section.equals(section)).toList();
        }
    }

    static Report run(Settings settings, PrintStream out) throws Exception {
        Namespace.trackerAddress();
        Report report = new Report();
        out.printf(Locale.ROOT, "%nWebRtcBenchmark: %s, %d cores, Java %s, max heap %d MiB%n", settings,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() / MIB);
        Path dir = Files.createTempDirectory("webrtc-bench");
        try {
            // first, so that the resident memory it reads is not what the other sections left behind
            if (settings.sections.contains("connections")) {
                connections(settings, report, out);
            }
            if (settings.sections.contains("first-piece")) {
                firstPiece(settings, Files.createDirectory(dir.resolve("first-piece")), report, out);
            }
            if (settings.sections.contains("throughput")) {
                throughput(settings, Files.createDirectory(dir.resolve("throughput")), report, out);
            }
        } finally {
            deleteRecursively(dir);
        }
        return report;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // first piece

    private static void firstPiece(Settings settings, Path dir, Report report, PrintStream out) throws Exception {
        out.printf(Locale.ROOT, "%n## Time from start() to the first verified piece (%d MiB torrent, 32 KiB pieces, "
                + "%d repetitions, a new Bt runtime each)%n%n", settings.firstPieceBytes / MIB, settings.reps);
        List<Timeline> webRtc = new ArrayList<>();
        List<Timeline> tcp = new ArrayList<>();
        try (JsTracker jsTracker = JsTracker.start();
             EmbeddedTracker httpTracker = EmbeddedTracker.builder().start()) {
            String ws = jsTracker.wsAnnounceUrl();
            TestTorrent wsTorrent = TestTorrent.create(Files.createDirectory(dir.resolve("ws")),
                    settings.firstPieceBytes, 31, List.of(List.of(ws)));
            TestTorrent httpTorrent = TestTorrent.create(Files.createDirectory(dir.resolve("http")),
                    settings.firstPieceBytes, 31, List.of(List.of(httpTracker.httpAnnounceUrl())));
            Path seeded = Files.createDirectory(dir.resolve("seeded"));
            wsTorrent.writeContentTo(seeded);
            try (WebTorrentPeer nodeSeeder = WebTorrentNode.seedTorrent(wsTorrent.torrentFile(), seeded, List.of(ws))
                    .awaitReady();
                 BtNode btSeeder = BtNode.start()) {
                nodeSeeder.awaitAnnounced(TIMEOUT);
                btSeeder.seed(httpTorrent.torrentFile(), seeded);
                // alternating, so that both see the same machine
                for (int rep = 0; rep < settings.reps; rep++) {
                    webRtc.add(timeToFirstPiece(wsTorrent, Files.createDirectory(dir.resolve("rtc-" + rep))));
                    tcp.add(timeToFirstPiece(httpTorrent, Files.createDirectory(dir.resolve("tcp-" + rep))));
                }
                if (nodeSeeder.wires().stream().anyMatch(w -> !w.type().equals("webrtc"))) {
                    throw new IllegalStateException(nodeSeeder.describe("had a peer over something else"));
                }
            }
        }
        out.println("| swarm | step (ms after startAsync) | median | max | every repetition |");
        out.println("|---|---|---|---|---|");
        printSteps(out, report, "WebTorrent seeder in Node, WebSocket tracker, WebRTC", webRtc,
                List.of("offers created", "announce sent (offers complete)", "answer relayed", "relayed offer",
                        "data channel open", "Bt peer connected", "first piece verified"));
        printSteps(out, report, "Bt seeder, HTTP tracker, TCP", tcp,
                List.of("peer from the tracker", "Bt peer connected", "first piece verified"));
        out.println();
        out.println("\"offers created\": the plugin asked for the announce's offers; \"announce sent\": their ICE "
                + "gathering was over and the announce went out; \"answer relayed\": the seeder's answer to one of them "
                + "came back through the tracker; \"relayed offer\": an offer of the seeder's came (– when none did "
                + "before the first piece); \"data channel open\": the first WebRTC peer; "
                + "\"Bt peer connected\": Bt's PeerConnectedEvent (for WebRTC, through the bridge); \"peer from the "
                + "tracker\": Bt's PeerDiscoveredEvent.");
    }

    /** What happened when, in ms after {@code startAsync()}. */
    static final class Timeline {
        final long start = System.nanoTime();
        final Map<String, Long> marks = new ConcurrentHashMap<>();

        void mark(String step) {
            marks.putIfAbsent(step, System.nanoTime());
        }

        double ms(String step) {
            Long at = marks.get(step);
            return at == null ? Double.NaN : (at - start) / 1e6;
        }
    }

    private static Timeline timeToFirstPiece(TestTorrent torrent, Path storage) throws Exception {
        Marks marks = new Marks();
        try (BtNode leecher = BtNode.start(marks)) {
            TorrentId id = torrentId(torrent.infoHash());
            CompletableFuture<Void> firstPiece = new CompletableFuture<>();
            leecher.runtime.runtime().getEventSource()
                    .onPeerDiscovered(id, e -> marks.mark("peer from the tracker"))
                    .onPeerConnected(id, e -> marks.mark("Bt peer connected"))
                    .onPieceVerified(id, e -> {
                        marks.mark("first piece verified");
                        firstPiece.complete(null);
                    });
            BtClient client = leecher.client(torrent.torrentFile(), storage, true);
            Timeline timeline = marks.begin();
            CompletableFuture<?> downloaded = client.startAsync();
            firstPiece.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            // the rest of the download is not measured; a runtime shut down while a WebTorrent seeder still sends
            // to it crashed the next one's libwebrtc once (SIGABRT on its signalling thread)
            downloaded.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return timeline;
        }
    }

    private static void printSteps(PrintStream out, Report report, String swarm, List<Timeline> timelines,
                                   List<String> steps) {
        for (String step : steps) {
            double[] ms = timelines.stream().mapToDouble(t -> t.ms(step)).toArray();
            double[] sorted = Arrays.stream(ms).filter(v -> !Double.isNaN(v)).sorted().toArray();
            String median = sorted.length == 0 ? "–" : fmt(median(sorted));
            String max = sorted.length == 0 ? "–" : fmt(sorted[sorted.length - 1]);
            String all = String.join(", ", Arrays.stream(ms).mapToObj(v -> Double.isNaN(v) ? "–" : fmt(v)).toList());
            out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", swarm, step, median, max, all);
            if (sorted.length > 0) {
                report.add("first-piece", swarm, step + " median ms", median(sorted));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // throughput

    private static void throughput(Settings settings, Path dir, Report report, PrintStream out) throws Exception {
        int size = settings.throughputBytes;
        out.printf(Locale.ROOT, "%n## Throughput of one peer: one seeder, one Bt leecher, %d MiB, 32 KiB pieces%n%n",
                size / MIB);
        out.println("| transport | start to complete | MB/s | first to last piece | MB/s | process CPU (s) |");
        out.println("|---|---|---|---|---|---|");
        try (EmbeddedTracker tracker = EmbeddedTracker.builder().bindAddress(Namespace.trackerAddress()).start();
             EmbeddedTracker httpTracker = EmbeddedTracker.builder().start()) {
            TestTorrent ws = TestTorrent.create(Files.createDirectory(dir.resolve("ws")), size, 32,
                    List.of(List.of(tracker.wsUrl("/announce"))));
            TestTorrent http = TestTorrent.create(Files.createDirectory(dir.resolve("http")), size, 32,
                    List.of(List.of(httpTracker.httpAnnounceUrl())));
            Path seeded = Files.createDirectory(dir.resolve("seeded"));
            ws.writeContentTo(seeded);
            byte[] content = ws.content();
            try (BtNode seeder = BtNode.start()) {
                seeder.seed(ws.torrentFile(), seeded);
                transfer(report, out, "WebRTC (Bt → Bt, WebSocket tracker)", ws, content,
                        Files.createDirectory(dir.resolve("rtc")));
            }
            try (BtNode seeder = BtNode.start()) {
                seeder.seed(http.torrentFile(), seeded);
                transfer(report, out, "TCP (Bt → Bt, HTTP tracker)", http, content,
                        Files.createDirectory(dir.resolve("tcp")));
            }
            if (settings.nodeThroughput) {
                try (JsTracker jsTracker = JsTracker.start()) {
                    String url = jsTracker.wsAnnounceUrl();
                    TestTorrent node = TestTorrent.create(Files.createDirectory(dir.resolve("node")), size, 32,
                            List.of(List.of(url)));
                    try (WebTorrentPeer nodeSeeder = WebTorrentNode.seedTorrent(node.torrentFile(), seeded,
                            List.of(url)).awaitReady()) {
                        nodeSeeder.awaitAnnounced(TIMEOUT);
                        transfer(report, out, "WebRTC (WebTorrent in Node → Bt, reference JS tracker)", node,
                                content, Files.createDirectory(dir.resolve("node-leecher")));
                    }
                }
            }
        }
        out.println();
        out.println("Start to complete: from the leecher's startAsync() (its runtime already up) to its last verified "
                + "piece, announce and connection included. First to last piece: the pieces after the first one, "
                + "over the time between the first and the last verified piece. Process CPU: the whole JVM (seeder, "
                + "leecher, libwebrtc, trackers) during the download; a Node seeder's CPU is not in it.");
    }

    private static void transfer(Report report, PrintStream out, String transport, TestTorrent torrent,
                                 byte[] content, Path storage) throws Exception {
        TorrentId id = torrentId(torrent.infoHash());
        int pieces = (content.length + 32 * 1024 - 1) / (32 * 1024);
        AtomicInteger verified = new AtomicInteger();
        long[] firstAndLast = new long[2];
        CompletableFuture<Void> done = new CompletableFuture<>();
        try (BtNode leecher = BtNode.start()) {
            leecher.runtime.runtime().getEventSource().onPieceVerified(id, e -> {
                long now = System.nanoTime();
                int n = verified.incrementAndGet();
                if (n == 1) {
                    firstAndLast[0] = now;
                }
                if (n == pieces) {
                    firstAndLast[1] = now;
                    done.complete(null);
                }
            });
            BtClient client = leecher.client(torrent.torrentFile(), storage);
            double cpuBefore = processCpuSeconds();
            long start = System.nanoTime();
            client.startAsync();
            done.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            double cpu = processCpuSeconds() - cpuBefore;
            double total = (firstAndLast[1] - start) / 1e9;
            double pieceTime = (firstAndLast[1] - firstAndLast[0]) / 1e9;
            double mbps = content.length / 1e6 / total;
            double pieceMbps = pieces > 1 ? (content.length - 32 * 1024) / 1e6 / pieceTime : Double.NaN;
            client.stop();
            if (!Arrays.equals(Files.readAllBytes(torrent.contentIn(storage)), content)) {
                throw new IllegalStateException(transport + ": the leecher has other bytes than the seeder");
            }
            out.printf(Locale.ROOT, "| %s | %.2f s | %.1f | %.2f s | %.1f | %.1f |%n", transport, total, mbps,
                    pieceTime, pieceMbps, cpu);
            report.add("throughput", transport, "MB/s start to complete", mbps);
            report.add("throughput", transport, "MB/s first to last piece", pieceMbps);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // connections

    static final InfoHash HASH = InfoHash.fromHex("b3e1c0d9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3");

    private static void connections(Settings settings, Report report, PrintStream out) throws Exception {
        int n = settings.connections;
        out.printf(Locale.ROOT, "%n## %d WebRTC peer connections open between two NativeWebRtc in this JVM "
                + "(both ends here: 2 x %d data channels)%n%n", n, n);
        List<WebRtcPeer> peersOfA = new CopyOnWriteArrayList<>();
        List<WebRtcPeer> peersOfB = new CopyOnWriteArrayList<>();
        try (NativeWebRtc a = NativeWebRtc.builder().maxConnections(n + 1).maxConnectionsPerTorrent(n + 1)
                .listener(peersOfA::add).build();
             NativeWebRtc b = NativeWebRtc.builder().maxConnections(n + 1).maxConnectionsPerTorrent(n + 1)
                     .listener(peersOfB::add).build()) {
            // libwebrtc starts its threads and sockets with the first connection, and keeps them
            open(a, b, 1, peersOfA, peersOfB);
            closeAll(a, b, peersOfA, peersOfB);
            Resources before = Resources.read();
            long start = System.nanoTime();
            long offered = open(a, b, n, peersOfA, peersOfB);
            long opened = System.nanoTime();
            Resources open = Resources.read();
            closeAll(a, b, peersOfA, peersOfB);
            Resources closed = Resources.read();

            out.println("| | before (1 opened and closed) | with " + n + " open | per connection (both ends) "
                    + "| after closing them |");
            out.println("|---|---|---|---|---|");
            row(out, report, "threads (kernel tasks)", before.tasks, open.tasks, closed.tasks, n);
            row(out, report, "JVM threads", before.jvmThreads, open.jvmThreads, closed.jvmThreads, n);
            row(out, report, "file descriptors", before.fds, open.fds, closed.fds, n);
            row(out, report, "heap after GC (KiB)", before.heapKib, open.heapKib, closed.heapKib, n);
            row(out, report, "resident memory, VmRSS (KiB)", before.rssKib, open.rssKib, closed.rssKib, n);
            out.println();
            out.printf(Locale.ROOT, "Opening them: %d offers created (ICE gathering included) in %.0f ms, all %d "
                    + "data channels open %.0f ms after the start (answers applied one by one).%n", n,
                    (offered - start) / 1e6, n, (opened - start) / 1e6);
            report.add("connections", "open", "ms", (opened - start) / 1e6);
        }
    }

    private static void row(PrintStream out, Report report, String what, long before, long open, long closed, int n) {
        double per = (open - before) / (double) n;
        out.printf(Locale.ROOT, "| %s | %,d | %,d | %+.1f | %,d |%n", what, before, open, per, closed);
        report.add("connections", what, "per connection", per);
    }

    /**
     * Opens {@code count} connections from A to B, each between two peer ids of its own (one pair of peers gets one
     * connection); returns when the offers were created (nanoTime).
     */
    private static long open(NativeWebRtc a, NativeWebRtc b, int count,
                             List<WebRtcPeer> peersOfA, List<WebRtcPeer> peersOfB) throws Exception {
        List<WebRtc.Offer> offers = a.createOffers(HASH, count).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        long offered = System.nanoTime();
        if (offers.size() != count) {
            throw new IllegalStateException("asked for " + count + " offers, got " + offers.size());
        }
        for (WebRtc.Offer offer : offers) {
            WebRtc.Signal answer = b.answer(HASH, PeerId.random("-BW0001-"), offer.offerId(), offer.offer())
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            a.answered(HASH, PeerId.random("-BW0001-"), offer.offerId(), answer);
        }
        Awaitility.await().atMost(TIMEOUT).pollInSameThread().pollInterval(Duration.ofMillis(10))
                .until(() -> peersOfA.size() == count && peersOfB.size() == count);
        return offered;
    }

    private static void closeAll(NativeWebRtc a, NativeWebRtc b, List<WebRtcPeer> peersOfA,
                                 List<WebRtcPeer> peersOfB) {
        peersOfA.forEach(WebRtcPeer::close);
        Awaitility.await().atMost(TIMEOUT).pollInSameThread()
                .until(() -> a.connectionCount() == 0 && b.connectionCount() == 0);
        peersOfA.clear();
        peersOfB.clear();
    }

    /** What the process holds: kernel tasks, JVM threads, file descriptors, heap after GC, resident memory. */
    record Resources(long tasks, long jvmThreads, long fds, long heapKib, long rssKib) {
        static Resources read() throws IOException {
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024;
            long rss = Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
                    .findFirst().orElse(-1);
            return new Resources(ProcessResources.threads().size(), ManagementFactory.getThreadMXBean()
                    .getThreadCount(), ProcessResources.openFileDescriptors(), heap, rss);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // support

    /**
     * A Bt runtime with the plugin and this module, as auto-loading gives them, but passed explicitly so that the
     * WebRTC implementation is timed ({@link Marks}); LSD and PEX off, no DHT.
     */
    static final class BtNode implements AutoCloseable {
        final BtPeer runtime;
        private final List<BtClient> clients = new ArrayList<>();

        private BtNode(BtPeer runtime) {
            this.runtime = runtime;
        }

        static BtNode start() {
            return start(new Marks());
        }

        static BtNode start(Marks marks) {
            return new BtNode(BtPeer.start(List.of(new BtTrackerModule(),
                    new BtWebRtcModule(() -> new TimedWebRtc(NativeWebRtc.builder().build(), marks))),
                    BtPeer.FREQUENT_TRACKER_QUERIES));
        }

        BtClient client(Path torrentFile, Path storage) throws IOException {
            return client(torrentFile, storage, false);
        }

        BtClient client(Path torrentFile, Path storage, boolean stopWhenDownloaded) throws IOException {
            URL url = torrentFile.toUri().toURL();
            var builder = Bt.client(runtime.runtime()).storage(new FileSystemStorage(storage)).torrent(url);
            if (stopWhenDownloaded) {
                builder.stopWhenDownloaded();
            }
            BtClient client = builder.build();
            clients.add(client);
            return client;
        }

        /** Starts seeding and returns once every piece is verified. */
        void seed(Path torrentFile, Path storage) throws Exception {
            CompletableFuture<Void> ready = new CompletableFuture<>();
            client(torrentFile, storage).startAsync(state -> {
                if (state.getPiecesTotal() > 0 && state.getPiecesRemaining() == 0) {
                    ready.complete(null);
                }
            }, 100);
            ready.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            for (BtClient client : clients) {
                if (client.isStarted()) {
                    client.stop();
                }
            }
            runtime.close();
        }
    }

    /** The time of each step's first occurrence, for the timeline that {@link #begin} starts. */
    static final class Marks {
        private volatile Timeline timeline;

        Timeline begin() {
            timeline = new Timeline();
            return timeline;
        }

        void mark(String step) {
            Timeline current = timeline;
            if (current != null) {
                current.mark(step);
            }
        }
    }

    /** {@link NativeWebRtc}, with the time of its first offers and of its first open data channel marked. */
    static final class TimedWebRtc implements WebRtc, AutoCloseable {
        private final NativeWebRtc delegate;
        private final Marks marks;

        TimedWebRtc(NativeWebRtc delegate, Marks marks) {
            this.delegate = delegate;
            this.marks = marks;
        }

        @Override
        public CompletableFuture<List<Offer>> createOffers(InfoHash infoHash, int count) {
            marks.mark("offers created");
            return delegate.createOffers(infoHash, count).whenComplete((offers, e) -> {
                if (offers != null && !offers.isEmpty()) {
                    marks.mark("announce sent (offers complete)");
                }
            });
        }

        @Override
        public CompletableFuture<Signal> answer(InfoHash infoHash, PeerId remotePeer, String offerId, Signal offer) {
            marks.mark("relayed offer");
            return delegate.answer(infoHash, remotePeer, offerId, offer);
        }

        @Override
        public void answered(InfoHash infoHash, PeerId remotePeer, String offerId, Signal answer) {
            marks.mark("answer relayed");
            delegate.answered(infoHash, remotePeer, offerId, answer);
        }

        @Override
        public void connectedPeers(Consumer<ConnectedPeer> sink) {
            delegate.connectedPeers(peer -> {
                marks.mark("data channel open");
                sink.accept(peer);
            });
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    static TorrentId torrentId(InfoHash infoHash) {
        return TorrentId.fromBytes(HexFormat.of().parseHex(infoHash.toHex()));
    }

    static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static String fmt(double ms) {
        return String.format(Locale.ROOT, "%.0f", ms);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Writes to two streams. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }

        @Override
        public void flush() throws IOException {
            a.flush();
            b.flush();
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
