package io.github.bttracker.it.bt;

import io.github.bttracker.bt.BtTrackerModule;
import bt.Bt;
import bt.data.file.FileSystemStorage;
import bt.runtime.BtClient;
import bt.runtime.BtRuntime;
import bt.runtime.BtRuntimeBuilder;
import bt.runtime.Config;
import bt.service.IdentityService;
import io.github.bttracker.it.process.LoopbackPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A real Bt runtime on loopback for end-to-end tests: its own acceptor port, no peer exchange, no local service
 * discovery and no DHT (bt-dht is not on the classpath), so the only way it can find peers is a tracker.
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

    private final BtRuntime runtime;
    private final int port;
    private BtClient client;

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

    /** @param options the plugin's options, used with {@link Trackers#PLUGIN_EXPLICIT} */
    public static BtPeer start(Trackers trackers, Consumer<Config> configurer,
                               io.github.bttracker.options.TrackerClientOptions options) {
        int port = freePort();
        Config config = new Config();
        config.setAcceptorAddress(InetAddress.getLoopbackAddress());
        config.setAcceptorPort(port);
        config.setPeerDiscoveryInterval(Duration.ofSeconds(1));
        config.setPeerConnectionRetryInterval(Duration.ofSeconds(1));
        config.setTrackerTimeout(Duration.ofSeconds(10));
        config.setNumOfHashingThreads(1);
        configurer.accept(config);
        BtRuntimeBuilder builder = BtRuntime.builder(config).disablePeerExchange().disableLocalServiceDiscovery()
                .disableAutomaticShutdown();
        switch (trackers) {
            case PLUGIN_AUTO_LOADED -> builder.autoLoadModules();
            case PLUGIN_EXPLICIT -> builder.module(new BtTrackerModule(options));
            case BUILT_IN -> builder.module(new bt.tracker.http.HttpTrackerModule());
            default -> throw new IllegalArgumentException(trackers.toString());
        }
        BtRuntime runtime = builder.build();
        try {
            runtime.startup();
            // Bt opens its listening socket on a thread of its own after startup: a peer that heard of this one from
            // a tracker before then would find nobody there
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> LoopbackPorts.acceptsTcp(port));
        } catch (RuntimeException | Error e) {
            runtime.shutdown();
            throw e;
        }
        return new BtPeer(runtime, port);
    }

    /** Starts seeding or downloading {@code torrent} with storage in {@code dir}. */
    public CompletableFuture<?> download(TestTorrent torrent, Path dir, boolean stopWhenDownloaded) {
        try {
            var builder = Bt.client(runtime).storage(new FileSystemStorage(dir))
                    .torrent(torrent.torrentFile().toUri().toURL());
            if (stopWhenDownloaded) {
                builder.stopWhenDownloaded();
            }
            client = builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return client.startAsync();
    }

    /**
     * Fetches the metadata of {@code magnetUri} from the peers its trackers list, then downloads the content into
     * {@code dir}; the future completes once it is downloaded and the client stopped.
     */
    public CompletableFuture<?> downloadMagnet(String magnetUri, Path dir) {
        client = Bt.client(runtime).storage(new FileSystemStorage(dir)).magnet(magnetUri).stopWhenDownloaded()
                .build();
        return client.startAsync();
    }

    /** @return the peer id this runtime sends in its handshakes and announces, 40 lower-case hex digits */
    public String peerIdHex() {
        return java.util.HexFormat.of().formatHex(runtime.service(IdentityService.class).getLocalPeerId().getBytes());
    }

    /**
     * Seeds {@code torrent} from one new runtime and downloads it with another, each made by {@code peers}, and
     * checks the downloaded file byte for byte. Both runtimes are shut down on return.
     */
    public static void seedAndDownload(TestTorrent torrent, Path dir, java.util.function.Supplier<BtPeer> peers)
            throws Exception {
        seedAndDownload(torrent, dir, peers, seeder -> { });
    }

    /**
     * As {@link #seedAndDownload(TestTorrent, Path, java.util.function.Supplier)}, calling {@code whileSeeding} with
     * the seeder once it has started and before the leecher does, e.g. to check what a tracker knows of it.
     */
    public static void seedAndDownload(TestTorrent torrent, Path dir, java.util.function.Supplier<BtPeer> peers,
                                       Consumer<BtPeer> whileSeeding) throws Exception {
        Path seederDir = java.nio.file.Files.createDirectory(dir.resolve("seeder"));
        Path leecherDir = java.nio.file.Files.createDirectory(dir.resolve("leecher"));
        torrent.writeContentTo(seederDir);
        try (BtPeer seeder = peers.get(); BtPeer leecher = peers.get()) {
            seeder.download(torrent, seederDir, false);
            whileSeeding.accept(seeder);
            leecher.download(torrent, leecherDir, true).get(120, java.util.concurrent.TimeUnit.SECONDS);
            org.assertj.core.api.Assertions.assertThat(java.nio.file.Files.readAllBytes(torrent.contentIn(leecherDir)))
                    .isEqualTo(torrent.content());
        }
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
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
