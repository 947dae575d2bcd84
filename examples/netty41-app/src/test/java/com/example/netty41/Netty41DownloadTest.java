package com.example.netty41;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bt.Bt;
import bt.data.file.FileSystemStorage;
import bt.runtime.BtClient;
import bt.runtime.BtRuntime;
import bt.runtime.Config;
import io.github.bttracker.testing.BencodeEncoder;
import io.github.bttracker.testing.EmbeddedTracker;
import io.netty.util.Version;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bt with the bt-tracker plugin, auto-loaded, in an application whose Netty is 4.1 (its BOM imported): a leecher
 * downloads a torrent from a seeder that it finds only through an HTTP tracker on loopback. bt-core has no HTTP
 * tracker client of its own (that is bt-http-tracker-client, not a dependency here), so the plugin is what finds the
 * seeder. Both Bt runtimes have local service discovery and peer exchange off, and no DHT (bt-dht is not here).
 */
class Netty41DownloadTest {

    private static final int PIECE_LENGTH = 64 * 1024;

    @Test
    void nettyOnTheClassPathIs41() {
        assertThat(Version.identify().get("netty-transport").artifactVersion()).startsWith("4.1.");
        assertThatThrownBy(() -> Class.forName("io.netty.channel.MultiThreadIoEventLoopGroup"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void leecherDownloadsFromASeederFoundThroughThePlugin(@TempDir Path dir) throws Exception {
        byte[] content = new byte[1024 * 1024];
        new Random(41).nextBytes(content);
        Path seederDir = Files.createDirectory(dir.resolve("seeder"));
        Path leecherDir = Files.createDirectory(dir.resolve("leecher"));
        Files.write(seederDir.resolve("content.bin"), content);

        try (EmbeddedTracker tracker = EmbeddedTracker.start()) {
            Path torrent = writeTorrent(dir.resolve("content.torrent"), "content.bin", content,
                    tracker.httpAnnounceUrl());
            BtRuntime seeder = startBt();
            BtRuntime leecher = startBt();
            try {
                BtClient seeding = Bt.client(seeder).storage(new FileSystemStorage(seederDir))
                        .torrent(torrent.toUri().toURL()).build();
                seeding.startAsync();
                Bt.client(leecher).storage(new FileSystemStorage(leecherDir)).torrent(torrent.toUri().toURL())
                        .stopWhenDownloaded().build()
                        .startAsync().get(120, TimeUnit.SECONDS);
                seeding.stop();
            } finally {
                leecher.shutdown();
                seeder.shutdown();
            }
        }

        assertThat(Files.readAllBytes(leecherDir.resolve("content.bin"))).isEqualTo(content);
    }

    /** A Bt runtime on loopback with the plugin auto-loaded, as an application would build it, once it listens. */
    private static BtRuntime startBt() {
        int port = freePort();
        Config config = new Config();
        config.setAcceptorAddress(InetAddress.getLoopbackAddress());
        config.setAcceptorPort(port);
        config.setPeerDiscoveryInterval(Duration.ofSeconds(1));
        config.setPeerConnectionRetryInterval(Duration.ofSeconds(1));
        config.setTrackerTimeout(Duration.ofSeconds(10));
        BtRuntime runtime = BtRuntime.builder(config).autoLoadModules()
                .disablePeerExchange().disableLocalServiceDiscovery().disableAutomaticShutdown().build();
        runtime.startup();
        // Bt opens its listening socket on a thread of its own after startup
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> acceptsTcp(port));
        return runtime;
    }

    private static Path writeTorrent(Path file, String name, byte[] content, String announceUrl) throws Exception {
        ByteArrayOutputStream pieces = new ByteArrayOutputStream();
        for (int offset = 0; offset < content.length; offset += PIECE_LENGTH) {
            pieces.write(MessageDigest.getInstance("SHA-1")
                    .digest(Arrays.copyOfRange(content, offset, Math.min(content.length, offset + PIECE_LENGTH))));
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("length", (long) content.length);
        info.put("name", name);
        info.put("piece length", (long) PIECE_LENGTH);
        info.put("pieces", pieces.toByteArray());
        Map<String, Object> metainfo = new LinkedHashMap<>();
        metainfo.put("announce", announceUrl);
        metainfo.put("info", info);
        return Files.write(file, BencodeEncoder.encode(metainfo));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean acceptsTcp(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
