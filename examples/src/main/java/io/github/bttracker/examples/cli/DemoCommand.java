package io.github.bttracker.examples.cli;

import bt.metainfo.TorrentId;
import io.github.bttracker.TrackerClient;
import io.github.bttracker.TrackerRuntime;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.ScrapeResult;
import io.github.bttracker.it.bt.TestTorrent;
import io.github.bttracker.options.TrackerClientOptions;
import io.github.bttracker.testing.EmbeddedTracker;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code demo}: the whole thing on loopback, offline. An embedded tracker (HTTP, UDP, WebSocket), a Bt runtime that
 * seeds a generated file and announces over UDP, another that downloads it and announces over HTTP; they find each
 * other through the plugin, the file is checked byte for byte, then the tracker tables and a scrape of the swarm over
 * all three protocols.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run an offline demo on loopback: an embedded tracker (HTTP, UDP, WebSocket), a seeding and a "
                + "downloading Bt runtime that find each other through bt-tracker, the download checked byte for "
                + "byte, the tracker tables and a scrape of the swarm.",
            "Exit code 0 when the download completed and matched, 1 otherwise."})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--size", paramLabel = "MIB", defaultValue = "4",
            description = "Size of the generated file in MiB (default: ${DEFAULT-VALUE}).")
    int sizeMib;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long the download may take (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    static final int DEMO_INTERVAL_SECONDS = 5;

    @Override
    public Integer call() throws Exception {
        if (sizeMib < 1 || sizeMib > 1024) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--size must be between 1 and 1024 MiB");
        }
        if (timeoutSeconds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout must be at least 1 second");
        }
        PrintWriter out = spec.commandLine().getOut();
        long started = System.nanoTime();
        Path work = Files.createTempDirectory("bt-tracker-demo-");
        // a short interval, as a busy tracker may ask for: Bt tries a peer it heard of once, and tries it again only
        // when it hears of it again, so a connection between seeder and leecher that fails is retried within seconds
        try (EmbeddedTracker tracker = EmbeddedTracker.builder().interval(DEMO_INTERVAL_SECONDS).start()) {
            out.println("Embedded tracker on loopback (asking for an announce every " + DEMO_INTERVAL_SECONDS + " s):");
            out.println("  HTTP       " + Printable.url(tracker.httpAnnounceUrl()));
            out.println("  UDP        " + Printable.url(tracker.udpAnnounceUrl()));
            out.println("  WebSocket  " + Printable.url(tracker.wsAnnounceUrl()));
            out.flush();
            return run(out, tracker, work, started);
        } finally {
            deleteRecursively(work);
        }
    }

    private int run(PrintWriter out, EmbeddedTracker tracker, Path work, long started) throws Exception {
        Path seederDir = Files.createDirectories(work.resolve("seeder"));
        Path leecherDir = Files.createDirectories(work.resolve("leecher"));
        // the same content, so the same info hash, in two .torrent files that list different trackers: the seeder
        // announces over UDP, the leecher over HTTP, and the tracker's one swarm brings them together
        int size = sizeMib * 1024 * 1024;
        TestTorrent seederTorrent = TestTorrent.create(Files.createDirectories(work.resolve("udp")), size, 42,
                List.of(List.of(tracker.udpAnnounceUrl())));
        TestTorrent leecherTorrent = TestTorrent.create(Files.createDirectories(work.resolve("http")), size, 42,
                List.of(List.of(tracker.httpAnnounceUrl())));
        seederTorrent.writeContentTo(seederDir);
        InfoHash infoHash = seederTorrent.infoHash();
        TorrentId torrentId = TorrentId.fromBytes(infoHash.bytes());
        out.println();
        out.println("Generated a " + Units.bytes(size) + " file, info hash " + infoHash.toHex());
        out.flush();

        // loopback only, and trackers only: no local service discovery (multicast on the LAN), no peer exchange
        try (BtSession seeder = new BtSession("seeder", seederTorrent.torrentFile().toString(), seederDir,
                PeerNetwork.loopbackOnly(freePort()), torrentId);
             BtSession leecher = new BtSession("leecher", leecherTorrent.torrentFile().toString(), leecherDir,
                     PeerNetwork.loopbackOnly(freePort()), torrentId)) {
            out.println("Seeder (announces over UDP) and leecher (announces over HTTP) starting...");
            out.flush();
            seeder.start(s -> { });
            // the leecher keeps running once complete (it announces 'completed' and seeds), so that its trackers
            // can be shown; the first state with every piece in completes this future
            CompletableFuture<Void> complete = new CompletableFuture<>();
            long[] lastLine = {0};
            leecher.start(s -> {
                long now = System.nanoTime();
                if (leecher.isComplete()) {
                    complete.complete(null);
                } else if (now - lastLine[0] > TimeUnit.MILLISECONDS.toNanos(900)) {
                    lastLine[0] = now;
                    synchronized (out) {
                        out.println(leecher.progressLine());
                        out.flush();
                    }
                }
            });
            try {
                complete.get(timeoutSeconds, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                out.println("The download did not complete within " + timeoutSeconds + " s.");
                out.println(leecher.progressLine());
                seeder.printTrackers(out);
                leecher.printTrackers(out);
                return BtTrackerCommand.FAILED;
            }
            // Bt announces 'completed' right after the last piece: wait for it briefly, for the tables below
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < until && tracker.scrapeCounts(infoHash.bytes()).complete() < 2) {
                Thread.sleep(50);
            }
            out.println(leecher.progressLine());
            byte[] downloaded = Files.readAllBytes(leecherTorrent.contentIn(leecherDir));
            boolean same = Arrays.equals(downloaded, Files.readAllBytes(seederTorrent.contentIn(seederDir)));
            out.println();
            out.println(same ? "Download complete, and the file matches the seeder's byte for byte."
                    : "Download complete, but the file DIFFERS from the seeder's.");
            out.println();
            seeder.printTrackers(out);
            out.println();
            leecher.printTrackers(out);
            out.println();
            scrape(out, tracker, infoHash);
            out.println();
            out.printf(java.util.Locale.ROOT, "Demo finished in %.1f s.%n", (System.nanoTime() - started) / 1e9);
            out.flush();
            return same ? 0 : BtTrackerCommand.FAILED;
        }
    }

    /** The swarm as each protocol's scrape reports it, through the standalone client's multi-scrape. */
    private static void scrape(PrintWriter out, EmbeddedTracker tracker, InfoHash infoHash) throws Exception {
        out.println("Scrape of the swarm:");
        Table table = new Table("TRACKER", "PROTOCOL", ">SEEDERS", ">LEECHERS", ">DOWNLOADED");
        try (TrackerRuntime runtime = TrackerRuntime.create(TrackerClientOptions.defaults())) {
            for (String url : List.of(tracker.httpAnnounceUrl(), tracker.udpAnnounceUrl(), tracker.wsAnnounceUrl())) {
                try {
                    Map<InfoHash, ScrapeResult> results = TrackerClient.scrape(runtime, url, List.of(infoHash),
                            Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
                    ScrapeResult r = results.get(infoHash);
                    table.row(url, BtSession.protocol(url), r == null ? null : r.complete(),
                            r == null ? null : r.incomplete(), r == null ? null : r.downloaded());
                } catch (java.util.concurrent.ExecutionException e) {
                    table.row(url, BtSession.protocol(url), null, null, "failed: " + e.getCause().getMessage());
                }
            }
        }
        table.print(out);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is not worth failing the demo for
        }
    }
}
