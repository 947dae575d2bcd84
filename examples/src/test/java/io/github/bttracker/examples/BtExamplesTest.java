package io.github.bttracker.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import bt.Bt;
import bt.data.file.FileSystemStorage;
import bt.metainfo.Torrent;
import bt.runtime.BtRuntime;
import bt.runtime.Config;
import io.github.bttracker.bt.BtTrackerModule;
import io.github.bttracker.core.ScrapeResult;
import io.github.bttracker.core.TrackerStatus;
import io.github.bttracker.it.bt.PeerWireSelectorModule;
import io.github.bttracker.it.bt.TestTorrent;
import io.github.bttracker.options.HttpOptions;
import io.github.bttracker.testing.EmbeddedTracker;
import io.github.bttracker.testing.Peer;
import io.github.bttracker.testing.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Bt examples ({@link BtPluginExample}, {@link BtAutoLoadExample}, {@link BtScrapeExample}) download a torrent
 * from a seeder, a second Bt runtime with the plugin, that they can find only through the embedded tracker: no peer
 * exchange and no local service discovery on either side ({@link PeerSources#TRACKERS_ONLY}), and no DHT on the
 * classpath. Nothing leaves loopback.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BtExamplesTest {

    @TempDir
    Path dir;

    EmbeddedTracker tracker;
    TestTorrent torrent;
    Config seederConfig = loopbackConfig();
    BtRuntime seeder;
    Path downloads;
    Config exampleConfig = loopbackConfig();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(output, true, UTF_8);

    @BeforeEach
    void seed() throws IOException {
        tracker = EmbeddedTracker.start();
        // a short interval, as in the CLI's download tests: Bt tries a peer again only when it hears of it again, so a
        // failed first connection between example and seeder is retried at the next announce, not 30 min later
        tracker.setInterval(3);
        torrent = TestTorrent.create(dir, 1_500_000 + 17, 7, List.of(List.of(tracker.httpAnnounceUrl())));
        Path seederDir = Files.createDirectory(dir.resolve("seeder"));
        torrent.writeContentTo(seederDir);
        downloads = dir.resolve("downloads");
        // the seeder's peer-connection selector is the one that cannot starve a new connection (see BtPeer)
        seeder = BtRuntime.builder(seederConfig).module(new BtTrackerModule()).module(new PeerWireSelectorModule())
                .disablePeerExchange().disableLocalServiceDiscovery().disableAutomaticShutdown().build();
        Bt.client(seeder).storage(new FileSystemStorage(seederDir)).torrent(torrent.torrentFile().toUri().toURL())
                .build().startAsync();
        // the seeder is in the swarm before an example announces, so the example's first announce finds it
        await().atMost(Duration.ofSeconds(60))
                .until(() -> tracker.peers(torrent.infoHash().bytes()).stream().anyMatch(Peer::isSeed));
    }

    @AfterEach
    void stop() {
        seeder.shutdown();
        tracker.close();
    }

    @Test
    void pluginExampleDownloadsATorrentFileAnnouncingWithItsOptions() throws Exception {
        Torrent fetched = BtPluginExample.download(torrent.torrentFile().toString(), downloads, exampleConfig,
                PeerSources.TRACKERS_ONLY, out);

        assertDownloaded(fetched);
        assertAnnouncedAndLeft("my-client/1.0", "started", "completed", "stopped");
    }

    @Test
    void pluginExampleDownloadsAMagnetLinkWhoseMetadataComesFromTheSeeder() throws Exception {
        String magnet = "magnet:?xt=urn:btih:" + torrent.infoHash().toHex() + "&tr="
                + URLEncoder.encode(tracker.httpAnnounceUrl(), UTF_8);

        Torrent fetched = BtPluginExample.download(magnet, downloads, exampleConfig, PeerSources.TRACKERS_ONLY, out);

        assertDownloaded(fetched);
        // Bt 1.10 announces 'completed' for this magnet link too: without a dn= name, the torrent it builds from the
        // fetched metadata keeps that metadata's announce key, and gets an announcer (FetchMetadataStage.amendTorrent)
        assertAnnouncedAndLeft("my-client/1.0", "started", "completed", "stopped");
    }

    @Test
    void autoLoadExampleDownloadsWithThePluginFoundOnTheClasspath() throws Exception {
        Torrent fetched = BtAutoLoadExample.download(torrent.torrentFile().toString(), downloads, exampleConfig,
                PeerSources.TRACKERS_ONLY, out);

        assertDownloaded(fetched);
        // the plugin with its default options announced (Bt's own HTTP tracker client is not even on the classpath)
        assertAnnouncedAndLeft(HttpOptions.DEFAULT_USER_AGENT, "started", "completed", "stopped");
    }

    @Test
    void scrapeExampleShowsTheTrackersStatusAndCountsThenFinishesTheDownload() throws Exception {
        BtScrapeExample.Report report = BtScrapeExample.run(torrent.torrentFile(), downloads, exampleConfig,
                PeerSources.TRACKERS_ONLY, out);

        assertThat(Files.readAllBytes(torrent.contentIn(downloads))).isEqualTo(torrent.content());
        String url = tracker.httpAnnounceUrl();
        // the swarm is the seeder and the example, a leecher until its download completes (which may come first)
        assertThat(report.trackers()).hasSize(1);
        TrackerStatus status = report.trackers().get(0);
        assertThat(status.trackerUrl()).isEqualTo(url);
        assertThat(status.state()).isEqualTo(TrackerStatus.State.OK);
        assertThat(status.successes()).isPositive();
        assertThat(status.lastError()).isEmpty();
        assertThat(status.seeders().orElseThrow() + status.leechers().orElseThrow()).isEqualTo(2);
        ScrapeResult counts = report.counts().get(url);
        assertThat(counts.infoHash()).isEqualTo(torrent.infoHash());
        assertThat(counts.complete()).isPositive();
        assertThat(counts.complete() + counts.incomplete()).isEqualTo(2);
        // what the user sees says the same
        assertThat(output.toString(UTF_8).lines()).containsExactly(
                url + ": OK, " + status.successes() + " announce(s) answered, " + status.seeders().get()
                        + " seeders, " + status.leechers().get() + " leechers",
                "scrape of " + url + ": " + counts.complete() + " seeders, " + counts.incomplete() + " leechers, "
                        + counts.downloaded() + " downloads",
                "Downloaded " + fileName() + " into " + downloads);
        assertThat(requestsFromTheExample()).filteredOn(RecordedRequest::isScrape).singleElement()
                .satisfies(r -> assertThat(r.params("info_hash")).containsExactly(torrent.infoHash().bytes()));
        // it left the swarm. Awaited: when a seeding torrent is stopped, Bt's own 'stopped' may race the runtime's
        // shutdown (unlike after stopWhenDownloaded, where Bt announces it before the download's future completes)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                tracker.peers(torrent.infoHash().bytes())).extracting(Peer::port)
                .containsExactly(seederConfig.getAcceptorPort()));
    }

    private void assertDownloaded(Torrent fetched) throws IOException {
        assertThat(Files.readAllBytes(torrent.contentIn(downloads))).isEqualTo(torrent.content());
        assertThat(fetched.getTorrentId().getBytes()).isEqualTo(torrent.infoHash().bytes());
        assertThat(output.toString(UTF_8).lines()).contains("Downloaded " + fileName() + " into " + downloads);
    }

    /**
     * The example found the seeder through the plugin: it announced with its own port, every time with the plugin's
     * User-Agent, the given events in this order (among regular announces), and it left the swarm ('stopped')
     * before returning.
     */
    private void assertAnnouncedAndLeft(String userAgent, String... events) {
        List<RecordedRequest> announces = requestsFromTheExample();
        assertThat(announces).isNotEmpty().allSatisfy(r -> {
            assertThat(r.header("User-Agent")).hasValue(userAgent);
            assertThat(r.infoHash()).hasValue(torrent.infoHash().bytes());
        });
        assertThat(announces).extracting(r -> r.event().orElse("")).filteredOn(e -> !e.isEmpty())
                .containsExactly(events);
        assertThat(tracker.peers(torrent.infoHash().bytes())).extracting(Peer::port)
                .containsExactly(seederConfig.getAcceptorPort());
    }

    /** The HTTP requests the example sent (they carry its port; scrapes carry no port but only it scrapes). */
    private List<RecordedRequest> requestsFromTheExample() {
        String port = String.valueOf(exampleConfig.getAcceptorPort());
        List<RecordedRequest> requests = new ArrayList<>();
        for (RecordedRequest r = tracker.http().poll(); r != null; r = tracker.http().poll()) {
            if (r.isScrape() || r.param("port").orElse("").equals(port)) {
                requests.add(r);
            }
        }
        return requests;
    }

    private String fileName() {
        return torrent.contentIn(Path.of("")).getFileName().toString();
    }

    /** A Bt configuration for loopback: its own free acceptor port, and quick peer discovery. */
    static Config loopbackConfig() {
        Config config = new Config();
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            config.setAcceptorAddress(socket.getInetAddress());
            config.setAcceptorPort(socket.getLocalPort());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        config.setPeerDiscoveryInterval(Duration.ofSeconds(1));
        config.setPeerConnectionRetryInterval(Duration.ofSeconds(1));
        config.setNumOfHashingThreads(1);
        return config;
    }
}
