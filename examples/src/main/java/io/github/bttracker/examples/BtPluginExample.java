package io.github.bttracker.examples;

import bt.Bt;
import bt.data.file.FileSystemStorage;
import bt.metainfo.Torrent;
import bt.runtime.BtClient;
import bt.runtime.BtRuntime;
import bt.runtime.Config;
import io.github.bttracker.bt.BtTrackerModule;
import io.github.bttracker.options.ConnectionOptions;
import io.github.bttracker.options.HttpOptions;
import io.github.bttracker.options.TrackerClientOptions;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Bt client whose trackers are served by bt-tracker, with the plugin's module passed explicitly so that its options
 * can be chosen: it downloads a torrent file or a magnet link into a directory and stops once downloaded.
 *
 * <pre>
 * java -cp examples/target/bt-tracker.jar io.github.bttracker.examples.BtPluginExample my.torrent downloads/
 * java -cp examples/target/bt-tracker.jar io.github.bttracker.examples.BtPluginExample \
 *     'magnet:?xt=urn:btih:...&amp;tr=udp%3A%2F%2Ftracker.example%3A6969%2Fannounce' downloads/
 * </pre>
 */
public final class BtPluginExample {

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: BtPluginExample TORRENT-FILE|MAGNET-URI DIRECTORY");
            System.exit(2);
        }
        Config config = new Config();
        config.setAcceptorPort(6891);                           // where peers connect to us
        // Bt's defaults: besides the trackers, local service discovery and peer exchange (TRACKERS_ONLY turns them off)
        download(args[0], Path.of(args[1]), config, PeerSources.TRACKERS_LAN_AND_PEER_EXCHANGE, System.out);
    }

    /**
     * Downloads {@code source} (a .torrent file or a magnet URI) into {@code dir}, printing progress to {@code out}.
     *
     * @param peerSources whether Bt also finds peers on the LAN and through peer exchange
     * @return the torrent's metadata (from the file, or fetched from peers for a magnet link)
     */
    public static Torrent download(String source, Path dir, Config config, PeerSources peerSources, PrintStream out)
            throws Exception {
        BtRuntime runtime = peerSources.applyTo(BtRuntime.builder(config))
                .module(new BtTrackerModule(TrackerClientOptions.defaults()
                        // the User-Agent of HTTP(S) and WebSocket trackers
                        .withHttp(HttpOptions.defaults().withUserAgent("my-client/1.0"))
                        // unless Config.setTrackerTimeout says otherwise
                        .withConnection(ConnectionOptions.defaults().withRequestTimeout(Duration.ofSeconds(20)))))
                .disableAutomaticShutdown()                     // we shut it down ourselves, below
                .build();
        try {
            Files.createDirectories(dir);
            AtomicReference<Torrent> torrent = new AtomicReference<>();
            var builder = Bt.client(runtime)
                    .storage(new FileSystemStorage(dir))
                    .afterTorrentFetched(torrent::set)
                    .stopWhenDownloaded();                      // a download only: no seeding afterwards
            if (source.startsWith("magnet:")) {
                builder.magnet(source);
            } else {
                builder.torrent(Path.of(source).toUri().toURL());
            }
            BtClient client = builder.build();
            client.startAsync(state -> {                        // called every second, on a thread of Bt's
                if (state.getPiecesRemaining() > 0) {
                    out.println(state.getPiecesComplete() + "/" + state.getPiecesTotal() + " pieces, "
                            + state.getConnectedPeers().size() + " peer(s)");
                }
            }, 1000).get();                                     // until downloaded (stopWhenDownloaded)
            out.println("Downloaded " + torrent.get().getName() + " into " + dir);
            return torrent.get();
        } finally {
            runtime.shutdown();                                 // the plugin announces 'stopped' to the trackers
        }
    }
}
