package io.github.bttracker.examples.cli.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bttracker.examples.cli.Jar;
import io.github.bttracker.it.bt.TestTorrent;
import io.github.bttracker.it.opentracker.OpenTracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bt-tracker.jar against opentracker (Debian's package), run as a separate process. */
class OpenTrackerCliIT {

    static final Duration LIMIT = Duration.ofSeconds(60);
    static final String HASH = "0badc0de0badc0de0badc0de0badc0de0badc0de";
    static final String UNLISTED = "1111111111111111111111111111111111111111";
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void announcesAndScrapesOverHttpAndUdp() throws Exception {
        try (OpenTracker opentracker = OpenTracker.start(List.of(HASH))) {
            Jar.Run seeder = Jar.run(LIMIT, "announce", "--info-hash", HASH, "--port", "7101",
                    "--left", "0", opentracker.httpAnnounceUrl());
            assertThat(seeder.exitCode()).as(seeder.toString()).isZero();

            Jar.Run run = Jar.run(LIMIT, "announce", "--info-hash", HASH, "--port", "7102",
                    "--left", "5", "--json", opentracker.udpAnnounceUrl(), opentracker.httpAnnounceUrl());
            assertThat(run.exitCode()).as(run.toString()).isZero();
            JsonNode array = JSON.readTree(run.out());
            for (JsonNode answer : array) {
                assertThat(answer.get("ok").asBoolean()).as(answer.toString()).isTrue();
                assertThat(answer.get("complete").asLong()).isEqualTo(1);
                assertThat(answer.get("interval").asLong()).isPositive();
                assertThat(answer.get("peers").toString()).contains("127.0.0.1:7101");
            }
            assertThat(array.get(1).get("incomplete").asLong()).isEqualTo(1);

            for (String url : List.of(opentracker.httpAnnounceUrl(), opentracker.udpAnnounceUrl())) {
                Jar.Run scrape = Jar.run(LIMIT, "scrape", "--json", url, HASH);
                assertThat(scrape.exitCode()).as(scrape.toString()).isZero();
                JsonNode entry = JSON.readTree(scrape.out()).get(HASH);
                assertThat(entry.get("complete").asLong()).isEqualTo(1);
                assertThat(entry.get("incomplete").asLong()).isEqualTo(1);
            }

            Jar.Run refused = Jar.run(LIMIT, "announce", "--info-hash", UNLISTED, "--json",
                    opentracker.httpAnnounceUrl());
            assertThat(refused.exitCode()).as("opentracker refuses a hash it does not list").isEqualTo(1);
            assertThat(JSON.readTree(refused.out()).get(0).get("failure").asText()).isNotBlank();
        }
    }

    @Test
    void downloadsThroughOpentracker(@TempDir Path dir) throws Exception {
        try (OpenTracker opentracker = OpenTracker.builder().start()) {
            TestTorrent torrent = TestTorrent.create(Files.createDirectories(dir.resolve("meta")), 256 * 1024, 9,
                    List.of(List.of(opentracker.udpAnnounceUrl())));
            opentracker.whitelist(List.of(torrent.infoHash().toHex()));
            Path seederDir = Files.createDirectories(dir.resolve("seeder"));
            torrent.writeContentTo(seederDir);
            Path btLog = dir.resolve("bt.log");
            try (Jar.Seeder seeder = Jar.seed(torrent, seederDir)) {
                Path into = dir.resolve("downloaded");
                Jar.Run run = Jar.runExplained(LIMIT, Jar.btConnectionLog(btLog),
                        () -> "\n--- " + seeder.describe() + Jar.tail(btLog, 80),
                        Jar.download(torrent.torrentFile().toString(),
                        "--dir", into.toString(), "--port", String.valueOf(Jar.freePort()), "--address", "127.0.0.1"));
                assertThat(Files.readAllBytes(torrent.contentIn(into))).isEqualTo(torrent.content());
                assertThat(run.out()).containsPattern("udp://127\\.0\\.0\\.1:\\d+/announce +UDP");
            }
        }
    }
}
