package io.github.bttracker.examples;

import io.github.bttracker.TrackerClient;
import io.github.bttracker.TrackerRuntime;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.ScrapeResult;
import io.github.bttracker.core.TrackerException;
import io.github.bttracker.options.TrackerClientOptions;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Multi-scrape: the counts of many torrents from one tracker, in as few requests as its protocol allows (one HTTP
 * request, or UDP packets of up to 74 hashes), with {@link TrackerClient#scrape(TrackerRuntime, String, List,
 * Duration)}.
 *
 * <pre>
 * java -cp examples/target/bt-tracker.jar io.github.bttracker.examples.MultiScrapeExample \
 *     udp://tracker.example:6969/announce d2474e86c95b19b8bcfdb92bc12c9d44667cfa36 0123456789abcdef0123456789abcdef01234567
 * </pre>
 */
public final class MultiScrapeExample {

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: MultiScrapeExample TRACKER-URL INFO-HASH-HEX...");
            System.exit(2);
        }
        List<InfoHash> infoHashes = Arrays.stream(args).skip(1).map(InfoHash::fromHex).toList();
        try {
            scrape(args[0], infoHashes, System.out);
        } catch (ExecutionException e) {
            // the tracker refused, timed out, has no scrape...: a TrackerException naming the tracker and the cause
            System.err.println("scrape failed: " + e.getCause().getMessage());
            System.exit(1);
        }
    }

    /**
     * Scrapes the torrents from the tracker and prints one line per torrent to {@code out}.
     *
     * @return the counts by info hash; a torrent the tracker did not report is absent
     * @throws ExecutionException if the scrape failed; its cause is a {@link TrackerException}
     */
    public static Map<InfoHash, ScrapeResult> scrape(String trackerUrl, List<InfoHash> infoHashes, PrintStream out)
            throws Exception {
        // the runtime holds the event loop, the DNS resolver and the connections; share one across scrapes
        try (TrackerRuntime runtime = TrackerRuntime.create(TrackerClientOptions.defaults())) {
            Map<InfoHash, ScrapeResult> results =
                    TrackerClient.scrape(runtime, trackerUrl, infoHashes, Duration.ofSeconds(15)).get();
            for (InfoHash infoHash : infoHashes) {
                ScrapeResult r = results.get(infoHash);
                out.println(infoHash + ": " + (r == null ? "not reported by the tracker"
                        : r.complete() + " seeders, " + r.incomplete() + " leechers, " + r.downloaded() + " downloads"));
            }
            return results;
        }
    }
}
