package io.github.bttracker.webrtc;

import bt.Bt;
import bt.data.file.FileSystemStorage;
import bt.runtime.BtClient;
import bt.runtime.BtRuntime;
import bt.runtime.BtRuntimeBuilder;
import bt.runtime.Config;
import io.github.bttracker.it.bt.TestTorrent;
import io.github.bttracker.it.process.LoopbackPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A real Bt runtime for the WebRTC tests, inside the test's network namespace: the plugin and {@link BtWebRtcModule}
 * auto-loaded (both are on the classpath, as a user would have them), its acceptor on loopback, no peer exchange, no
 * local service discovery and no DHT, so its peers come from trackers only.
 */
final class BtWebRtcPeer implements AutoCloseable {

    private final BtRuntime runtime;
    private final int port;
    private BtClient client;

    private BtWebRtcPeer(BtRuntime runtime, int port) {
        this.runtime = runtime;
        this.port = port;
    }

    static BtWebRtcPeer start() {
        return start(config -> { });
    }

    static BtWebRtcPeer start(Consumer<Config> configurer) {
        return start(null, configurer);
    }

    /** @param modules the modules to use instead of the auto-loaded ones, or null to auto-load them */
    static BtWebRtcPeer start(java.util.List<com.google.inject.Module> modules, Consumer<Config> configurer) {
        int port = LoopbackPorts.reserve(java.util.List.of(LoopbackPorts.IPV4));
        Config config = new Config();
        config.setAcceptorAddress(InetAddress.getLoopbackAddress());
        config.setAcceptorPort(port);
        config.setPeerDiscoveryInterval(Duration.ofSeconds(1));
        config.setPeerConnectionRetryInterval(Duration.ofSeconds(1));
        config.setTrackerQueryInterval(Duration.ofSeconds(5));
        config.setNumOfHashingThreads(1);
        configurer.accept(config);
        BtRuntimeBuilder builder = BtRuntime.builder(config).disablePeerExchange().disableLocalServiceDiscovery()
                .disableAutomaticShutdown();
        if (modules == null) {
            builder.autoLoadModules();
        } else {
            modules.forEach(builder::module);
        }
        BtRuntime runtime = builder.build();
        try {
            runtime.startup();
            // Bt opens its listening socket on a thread of its own after startup
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> LoopbackPorts.acceptsTcp(port));
        } catch (RuntimeException | Error e) {
            runtime.shutdown();
            LoopbackPorts.release(port);
            throw e;
        }
        return new BtWebRtcPeer(runtime, port);
    }

    /** Starts seeding or downloading {@code torrent} with storage in {@code dir}. */
    CompletableFuture<?> download(TestTorrent torrent, Path dir, boolean stopWhenDownloaded) {
        return download(torrent.torrentFile(), dir, stopWhenDownloaded);
    }

    /** Starts seeding or downloading the torrent of {@code torrentFile} with storage in {@code dir}. */
    CompletableFuture<?> download(Path torrentFile, Path dir, boolean stopWhenDownloaded) {
        try {
            var builder = Bt.client(runtime).storage(new FileSystemStorage(dir))
                    .torrent(torrentFile.toUri().toURL());
            if (stopWhenDownloaded) {
                builder.stopWhenDownloaded();
            }
            client = builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return client.startAsync();
    }

    BtRuntime runtime() {
        return runtime;
    }

    int port() {
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
