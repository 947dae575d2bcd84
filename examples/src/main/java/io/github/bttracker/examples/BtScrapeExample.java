package io.github.bttracker.examples;

import bt.Bt;
import bt.data.file.FileSystemStorage;
import bt.metainfo.Torrent;
import bt.runtime.BtClient;
import bt.runtime.BtRuntime;
import bt.runtime.Config;
import io.github.bttracker.bt.BtTrackerModule;
import io.github.bttracker.bt.TrackerScrapeService;
import io.github.bttracker.bt.TrackerStatusService;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.ScrapeResult;
import io.github.bttracker.core.TrackerStatus;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What Bt itself cannot tell you about a torrent's trackers, through the services the plugin adds to a Bt runtime:
 * {@link TrackerStatusService} (per tracker: state, announces, counts, next announce, last error) and
 * {@link TrackerScrapeService} (BEP 48 scrape). It downloads a torrent file into a directory; once the torrent has
 * announced, it prints the status of its trackers and scrapes each of them; then it finishes the download.
 *
 * <pre>
 * java -cp examples/target/bt-tracker.jar io.github.bttracker.examples.BtScrapeExample my.torrent downloads/
 * </pre>
 */
public final class BtScrapeExample {

    /** What the example printed: the trackers' status once the torrent announced, and their scrape counts. */
    public record Report(List<TrackerStatus> trackers, Map<String, ScrapeResult> counts) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: BtScrapeExample TORRENT-FILE DIRECTORY");
            System.exit(2);
        }
        // Bt's defaults: besides the trackers, local service discovery and peer exchange (TRACKERS_ONLY turns them off)
        run(Path.of(args[0]), Path.of(args[1]), new Config(), PeerSources.TRACKERS_LAN_AND_PEER_EXCHANGE, System.out);
    }

    /**
     * Downloads the torrent into {@code dir}, printing what its trackers say to {@code out} once it announced.
     *
     * @param peerSources whether Bt also finds peers on the LAN and through peer exchange
     */
    public static Report run(Path torrentFile, Path dir, Config config, PeerSources peerSources, PrintStream out)
            throws Exception {
        BtRuntime runtime = peerSources.applyTo(BtRuntime.builder(config)).module(new BtTrackerModule())
                .disableAutomaticShutdown().build();
        try {
            TrackerStatusService statusService = runtime.service(TrackerStatusService.class);
            TrackerScrapeService scrapeService = runtime.service(TrackerScrapeService.class);
            AtomicReference<Torrent> torrent = new AtomicReference<>();
            BtClient client = Bt.client(runtime).storage(new FileSystemStorage(dir))
                    .torrent(torrentFile.toUri().toURL()).afterTorrentFetched(torrent::set).build();

            // Bt calls this every half second: complete 'announced' once a tracker has answered (or failed)
            CompletableFuture<List<TrackerStatus>> announced = new CompletableFuture<>();
            CompletableFuture<Void> downloaded = new CompletableFuture<>();
            client.startAsync(state -> {
                Torrent fetched = torrent.get();
                List<TrackerStatus> trackers = fetched == null ? List.of() : statusService.status(fetched.getTorrentId());
                if (trackers.stream().anyMatch(t -> t.lastAnnounce().isPresent())) {
                    announced.complete(trackers);
                }
                if (state.getPiecesTotal() > 0 && state.getPiecesRemaining() == 0) {
                    downloaded.complete(null);
                }
            }, 500).exceptionally(e -> {                        // the torrent failed: stop waiting
                announced.completeExceptionally(e);
                downloaded.completeExceptionally(e);
                return null;
            });

            List<TrackerStatus> trackers = announced.get();
            trackers.forEach(t -> out.println(t.trackerUrl() + ": " + t.state() + ", " + t.successes()
                    + " announce(s) answered, " + t.seeders().map(String::valueOf).orElse("?") + " seeders, "
                    + t.leechers().map(String::valueOf).orElse("?") + " leechers"
                    + t.lastError().map(e -> ", last error: " + e).orElse("")));

            InfoHash infoHash = TrackerScrapeService.infoHash(torrent.get().getTorrentId());
            Map<String, ScrapeResult> counts = new LinkedHashMap<>();
            for (TrackerStatus t : trackers) {
                try {
                    ScrapeResult r = scrapeService.scrape(t.trackerUrl(), infoHash).get().get(infoHash);
                    out.println("scrape of " + t.trackerUrl() + ": " + (r == null ? "torrent not reported"
                            : r.complete() + " seeders, " + r.incomplete() + " leechers, " + r.downloaded()
                            + " downloads"));
                    if (r != null) {
                        counts.put(t.trackerUrl(), r);
                    }
                } catch (ExecutionException e) {        // e.g. a tracker without scrape: SCRAPE_NOT_SUPPORTED
                    out.println("scrape of " + t.trackerUrl() + " failed: " + e.getCause().getMessage());
                }
            }

            downloaded.get();
            out.println("Downloaded " + torrent.get().getName() + " into " + dir);
            client.stop();
            return new Report(trackers, counts);
        } finally {
            runtime.shutdown();                                 // the plugin announces 'stopped' to the trackers
        }
    }
}
