package io.github.bttracker.examples;

import io.github.bttracker.AnnounceOptions;
import io.github.bttracker.TrackerClient;
import io.github.bttracker.TrackerClientListener;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerAddress;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.core.ScrapeResult;
import io.github.bttracker.options.HttpOptions;
import io.github.bttracker.options.TrackerClientOptions;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The standalone {@link TrackerClient}, as in the usage example of the JavaScript {@code bt-tracker-client}: one
 * client for one torrent announces to its trackers ({@code start}, then {@code update}), scrapes them, and leaves the
 * swarm gracefully ({@code stop}), printing every event it gets.
 *
 * <pre>
 * java -cp examples/target/bt-tracker.jar io.github.bttracker.examples.StandaloneClientExample \
 *     d2474e86c95b19b8bcfdb92bc12c9d44667cfa36 udp://tracker.example:6969/announce https://tracker.example/announce
 * </pre>
 */
public final class StandaloneClientExample {

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: StandaloneClientExample INFO-HASH-HEX TRACKER-URL...");
            System.exit(2);
        }
        run(InfoHash.fromHex(args[0]), Arrays.asList(args).subList(1, args.length), System.out);
    }

    /** Starts, updates, scrapes and stops one torrent on the given trackers, printing the events to {@code out}. */
    public static void run(InfoHash infoHash, List<String> trackerUrls, PrintStream out) throws Exception {
        AtomicLong downloaded = new AtomicLong();   // what our (pretend) download has done so far
        TrackerClient client = TrackerClient.builder(infoHash, PeerId.random("-BT0001-"))
                .announce(trackerUrls)
                .port(6881)                          // where peers would connect to us
                // asked before every announce, the timer-driven ones too; 'left' is unknown from a bare info hash
                .announceOptions(() -> new AnnounceOptions(0, downloaded.get(), OptionalLong.empty(),
                        OptionalInt.empty(), Map.of("customParam", "blah")))
                .options(TrackerClientOptions.defaults()
                        .withHttp(HttpOptions.defaults().withUserAgent("my-client/1.0")))
                .build();
        try {
            Semaphore answers = new Semaphore(0);    // one permit per answer (or failure) of a tracker
            client.addListener(new TrackerClientListener() {
                @Override
                public void onUpdate(AnnounceResponse response, Optional<Duration> nextAnnounceIn) {
                    out.println("update from " + response.trackerUrl() + ": " + count(response.complete())
                            + " seeders, " + count(response.incomplete()) + " leechers");
                    answers.release();
                }

                @Override
                public void onPeer(String trackerUrl, PeerAddress peer) {
                    out.println("peer from " + trackerUrl + ": " + peer);   // connect to peer.toSocketAddress()
                }

                @Override
                public void onScrape(String trackerUrl, ScrapeResult r) {
                    out.println("scrape from " + trackerUrl + ": " + r.complete() + " seeders, " + r.incomplete()
                            + " leechers, " + r.downloaded() + " downloads");
                }

                @Override
                public void onWarning(TrackerWarning warning, Optional<Duration> nextAnnounceIn) {
                    // a tracker was unavailable or sent bad data; the client goes on with the others
                    out.println("warning from " + warning.trackerUrl() + ": " + warning.message());
                    if (client.trackerUrls().contains(warning.trackerUrl())) {
                        answers.release();           // not for unusable URLs, which are never announced to
                    }
                }

                @Override
                public void onError(Throwable error) {
                    out.println("error: " + error);  // fatal: the client cannot go on
                }
            });

            client.start();                          // 'started': we join the swarm
            awaitAnswers(answers, client, out);

            downloaded.set(16 * 1024);
            client.update();                         // announce now, with fresh announce options
            awaitAnswers(answers, client, out);

            client.scrape().get();                   // the counts arrive as onScrape events too

            client.stop().get();                     // 'stopped': we leave the swarm gracefully
        } finally {
            // releases the client and its runtime, telling the trackers nothing more; close() instead would
            // announce 'stopped' (again), which suits a client that is still started
            client.destroy();
        }
    }

    /** Listeners run on the client's thread; here we simply wait until every tracker answered or failed. */
    private static void awaitAnswers(Semaphore answers, TrackerClient client, PrintStream out)
            throws InterruptedException {
        if (!answers.tryAcquire(client.trackerUrls().size(), 60, TimeUnit.SECONDS)) {
            out.println("not every tracker answered within 60 s");
        }
    }

    /** A count from a tracker's answer, "?" when the answer had none. */
    private static String count(OptionalLong n) {
        return n.isPresent() ? String.valueOf(n.getAsLong()) : "?";
    }
}
