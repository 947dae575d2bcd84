package io.github.bttracker.it.bt;

import bt.Bt;
import bt.data.file.FileSystemStorage;
import bt.runtime.BtClient;
import bt.runtime.BtRuntime;
import bt.runtime.BtRuntimeBuilder;
import bt.runtime.Config;
import bt.service.IdentityService;
import bt.torrent.TorrentSessionState;
import com.google.inject.Module;
import io.github.bttracker.bt.BtTrackerModule;
import io.github.bttracker.it.process.LoopbackPorts;
import io.github.bttracker.it.process.StartAttempts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A real Bt runtime on loopback for end-to-end tests, here and in bt-tracker-webrtc: its own acceptor port, no peer
 * exchange, no local service discovery and no DHT (bt-dht is not on the classpath), so the only way it can find peers
 * is a tracker. Its peer-connection selector is {@link PeerWireSelectorModule}'s, which works around a Bt 1.10 defect
 * that could leave a new peer connection unread under load.
 */
public final class BtPeer implements AutoCloseable {

    /** How the runtime gets its tracker clients. */
    public enum Trackers {
        /** The plugin found by {@code autoLoadModules()} through ServiceLoader. */
        PLUGIN_AUTO_LOADED,
        /** The plugin passed with {@code .module(new BtTrackerModule())}. */
        PLUGIN_EXPLICIT,
        /** Bt's built-in clients only, its HTTP one included (for comparisons): no auto-loading, no plugin. */
        BUILT_IN
    }

    /**
     * Asks the trackers again every 5 s rather than at the interval they answer, for tests whose peers find each
     * other only through later announces (WebRTC peers, through the offers of WebSocket announces).
     */
    public static final Consumer<Config> FREQUENT_TRACKER_QUERIES =
            config -> config.setTrackerQueryInterval(Duration.ofSeconds(5));

    /** How long a test download may take. */
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofSeconds(120);

    /** How long Bt may take to listen on its acceptor port after startup. */
    private static final Duration ACCEPTOR_TIMEOUT = Duration.ofSeconds(30);

    /** How often a started torrent's session state is kept for {@link #describe()}, in milliseconds. */
    private static final long STATE_PERIOD_MILLIS = 1000;

    private final BtRuntime runtime;
    private final int port;
    private BtClient client;
    private volatile TorrentSessionState state;

    private BtPeer(BtRuntime runtime, int port) {
        this.runtime = runtime;
        this.port = port;
    }

    public static BtPeer start(Trackers trackers) {
        return start(trackers, config -> { });
    }

    public static BtPeer start(Trackers trackers, Consumer<Config> configurer) {
        return start(trackers, configurer, io.github.bttracker.options.TrackerClientOptions.defaults());
    }

    /**
     * A runtime whose tracker requests Bt gives up after 10 s, then as {@code configurer} says.
     *
     * @param options the plugin's options, used with {@link Trackers#PLUGIN_EXPLICIT}
     */
    public static BtPeer start(Trackers trackers, Consumer<Config> configurer,
                               io.github.bttracker.options.TrackerClientOptions options) {
        Consumer<BtRuntimeBuilder> modules = switch (trackers) {
            case PLUGIN_AUTO_LOADED -> BtRuntimeBuilder::autoLoadModules;
            case PLUGIN_EXPLICIT -> builder -> builder.module(new BtTrackerModule(options));
            case BUILT_IN -> builder -> builder.module(new bt.tracker.http.HttpTrackerModule());
        };
        return start(modules, ((Consumer<Config>) config -> config.setTrackerTimeout(Duration.ofSeconds(10)))
                .andThen(configurer));
    }

    /**
     * A runtime with every module on the classpath auto-loaded (the plugin, and {@code BtWebRtcModule} where
     * bt-tracker-webrtc is there, as a user would have them), Bt's own tracker timeout, and the configuration as
     * {@code configurer} says.
     */
    public static BtPeer startAutoLoaded(Consumer<Config> configurer) {
        return start(BtRuntimeBuilder::autoLoadModules, configurer);
    }

    /** A runtime with exactly these modules, nothing auto-loaded, and the configuration as {@code configurer} says. */
    public static BtPeer start(List<Module> modules, Consumer<Config> configurer) {
        return start(builder -> modules.forEach(builder::module), configurer);
    }

    private static BtPeer start(Consumer<BtRuntimeBuilder> modules, Consumer<Config> configurer) {
        int port = LoopbackPorts.reserve(List.of(LoopbackPorts.IPV4));
        Config config = new Config();
        config.setAcceptorAddress(InetAddress.getLoopbackAddress());
        config.setAcceptorPort(port);
        config.setPeerDiscoveryInterval(Duration.ofSeconds(1));
        config.setPeerConnectionRetryInterval(Duration.ofSeconds(1));
        config.setNumOfHashingThreads(1);
        configurer.accept(config);
        BtRuntimeBuilder builder = BtRuntime.builder(config).disablePeerExchange().disableLocalServiceDiscovery()
                .disableAutomaticShutdown();
        modules.accept(builder);
        // Bt 1.10's own selector can starve a new connection's registration under load, which stalled downloads in CI
        builder.module(new PeerWireSelectorModule());
        BtRuntime runtime;
        try {
            runtime = builder.build();
        } catch (RuntimeException | Error e) {
            LoopbackPorts.release(port); // a module refused to start (a bad bttracker.* property, say)
            throw e;
        }
        try {
            runtime.startup();
            // Bt opens its listening socket on a thread of its own after startup: a peer that heard of this one from
            // a tracker before then would find nobody there
            awaitAcceptor(port);
        } catch (RuntimeException | Error e) {
            runtime.shutdown();
            LoopbackPorts.release(port);
            throw e;
        }
        return new BtPeer(runtime, port);
    }

    private static void awaitAcceptor(int port) {
        Instant deadline = Instant.now().plus(ACCEPTOR_TIMEOUT);
        while (!LoopbackPorts.acceptsTcp(port)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Bt did not listen on port " + port + " within " + ACCEPTOR_TIMEOUT);
            }
            StartAttempts.pause("Bt's acceptor on port " + port);
        }
    }

    /** Starts seeding or downloading {@code torrent} with storage in {@code dir}. */
    public CompletableFuture<?> download(TestTorrent torrent, Path dir, boolean stopWhenDownloaded) {
        return download(torrent.torrentFile(), dir, stopWhenDownloaded);
    }

    /** Starts seeding or downloading the torrent of {@code torrentFile} with storage in {@code dir}. */
    public CompletableFuture<?> download(Path torrentFile, Path dir, boolean stopWhenDownloaded) {
        try {
            var builder = Bt.client(runtime).storage(new FileSystemStorage(dir)).torrent(torrentFile.toUri().toURL());
            if (stopWhenDownloaded) {
                builder.stopWhenDownloaded();
            }
            client = builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return client.startAsync(this::keep, STATE_PERIOD_MILLIS);
    }

    private void keep(TorrentSessionState current) {
        state = current;
    }

    /**
     * Fetches the metadata of {@code magnetUri} from the peers its trackers list, then downloads the content into
     * {@code dir}; the future completes once it is downloaded and the client stopped.
     */
    public CompletableFuture<?> downloadMagnet(String magnetUri, Path dir) {
        client = Bt.client(runtime).storage(new FileSystemStorage(dir)).magnet(magnetUri).stopWhenDownloaded()
                .build();
        return client.startAsync(this::keep, STATE_PERIOD_MILLIS);
    }

    /** @return the peer id this runtime sends in its handshakes and announces, 40 lower-case hex digits */
    public String peerIdHex() {
        return HexFormat.of().formatHex(runtime.service(IdentityService.class).getLocalPeerId().getBytes());
    }

    /**
     * Seeds {@code torrent} from one new runtime and downloads it with another, each made by {@code peers}, and
     * checks the downloaded file byte for byte. Both runtimes are shut down on return.
     *
     * <p>The leecher starts only once {@code untilTheTrackerListsTheSeeder} has returned, which must block until the
     * tracker lists the seeder (e.g. {@code SeederListed.in(tracker, torrent)} in the tests). Bt asks a tracker for
     * peers once per tracker query interval, 5 minutes by default: a leecher that asked before the seeder's
     * {@code started} announce reached the tracker would find nobody for that long. The seeder usually won that race
     * (it announces after hashing its file; the leecher has nothing to hash), but not on a loaded machine.
     *
     * @throws AssertionError if the downloaded file differs from the torrent's content
     */
    public static void seedAndDownload(TestTorrent torrent, Path dir, Supplier<BtPeer> peers,
                                       Consumer<BtPeer> untilTheTrackerListsTheSeeder) throws Exception {
        Path seederDir = Files.createDirectory(dir.resolve("seeder"));
        Path leecherDir = Files.createDirectory(dir.resolve("leecher"));
        torrent.writeContentTo(seederDir);
        try (BtPeer seeder = peers.get(); BtPeer leecher = peers.get()) {
            seeder.download(torrent, seederDir, false);
            untilTheTrackerListsTheSeeder.accept(seeder);
            awaitDownload(leecher.download(torrent, leecherDir, true), seeder, leecher);
            byte[] downloaded = Files.readAllBytes(torrent.contentIn(leecherDir));
            if (!Arrays.equals(downloaded, torrent.content())) {
                throw new AssertionError("the leecher's " + downloaded.length + " bytes differ from the torrent's "
                        + torrent.content().length);
            }
        }
    }

    /**
     * Waits up to 120 s for {@code download} to complete.
     *
     * @param peers the runtimes taking part, described in the failure
     * @throws AssertionError if it does not complete in time, with what each runtime's torrent session shows
     * @throws ExecutionException if the download failed
     */
    public static void awaitDownload(CompletableFuture<?> download, BtPeer... peers)
            throws InterruptedException, ExecutionException {
        try {
            download.get(DOWNLOAD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            StringBuilder why = new StringBuilder("not downloaded within " + DOWNLOAD_TIMEOUT.toSeconds() + " s");
            for (BtPeer peer : peers) {
                why.append("; ").append(peer.describe());
            }
            throw new AssertionError(why.toString(), e);
        }
    }

    /** What this runtime's torrent session showed at most a second ago: for failure messages. */
    public String describe() {
        TorrentSessionState current = state;
        String where = "Bt runtime on 127.0.0.1:" + port + ": ";
        if (current == null) {
            return where + "no torrent session yet";
        }
        return where + current.getPiecesComplete() + " of " + current.getPiecesTotal() + " pieces, "
                + current.getDownloaded() + " bytes downloaded, " + current.getUploaded() + " uploaded, connected to "
                + current.getConnectedPeers();
    }

    public BtRuntime runtime() {
        return runtime;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        if (client != null && client.isStarted()) {
            client.stop();
        }
        runtime.shutdown();
        LoopbackPorts.release(port);
    }
}
