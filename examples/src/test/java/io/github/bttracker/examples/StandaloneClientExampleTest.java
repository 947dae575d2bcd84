package io.github.bttracker.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.testing.AnnounceEvent;
import io.github.bttracker.testing.AnnounceParams;
import io.github.bttracker.testing.EmbeddedTracker;
import io.github.bttracker.testing.Peer;
import io.github.bttracker.testing.RecordedDatagram;
import io.github.bttracker.testing.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link StandaloneClientExample} against the embedded tracker over HTTP and UDP, plus a tracker that is down. */
class StandaloneClientExampleTest {

    static final InfoHash HASH = InfoHash.fromHex("d2474e86c95b19b8bcfdb92bc12c9d44667cfa36");

    @Test
    void startsUpdatesScrapesAndStopsOnEveryTrackerPrintingTheEvents() throws Exception {
        try (EmbeddedTracker tracker = EmbeddedTracker.start()) {
            // a seeder that completed its download is in the swarm already: the example must be told about it
            byte[] seederId = PeerId.random("-SEED01-").bytes();
            tracker.swarms().announce(new AnnounceParams(HASH.bytes(), seederId, InetAddress.getByName("10.1.2.3"),
                    51413, 0L, AnnounceEvent.COMPLETED, 50));
            String http = tracker.httpAnnounceUrl();
            String udp = tracker.udpAnnounceUrl();
            String down = "http://127.0.0.1:" + closedPort() + "/announce";

            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            StandaloneClientExample.run(HASH, List.of(http, udp, down), new PrintStream(bytes, true, UTF_8));
            List<String> output = bytes.toString(UTF_8).lines().toList();

            // what the user sees: the counts and the seeder from start and update, the counts without us after stop
            assertThat(output).filteredOn(line -> !line.startsWith("warning from ")).containsExactlyInAnyOrder(
                    "update from " + http + ": 1 seeders, 1 leechers",
                    "update from " + udp + ": 1 seeders, 1 leechers",
                    "peer from " + http + ": 10.1.2.3:51413",
                    "peer from " + udp + ": 10.1.2.3:51413",
                    "update from " + http + ": 1 seeders, 1 leechers",
                    "update from " + udp + ": 1 seeders, 1 leechers",
                    "peer from " + http + ": 10.1.2.3:51413",
                    "peer from " + udp + ": 10.1.2.3:51413",
                    "scrape from " + http + ": 1 seeders, 1 leechers, 1 downloads",
                    "scrape from " + udp + ": 1 seeders, 1 leechers, 1 downloads",
                    "update from " + http + ": 1 seeders, 0 leechers",
                    "update from " + udp + ": 1 seeders, 0 leechers");
            // the tracker that is down: a warning for start, update, scrape and stop, and the others carry on
            assertThat(output).filteredOn(line -> line.startsWith("warning from ")).hasSize(4)
                    .allSatisfy(line -> assertThat(line).startsWith("warning from " + down + ": ")
                            .contains("could not connect"));

            // what the HTTP tracker received, in order, with the options the example gives
            RecordedRequest started = tracker.http().take();
            RecordedRequest update = tracker.http().take();
            RecordedRequest scrape = tracker.http().take();
            RecordedRequest stopped = tracker.http().take();
            assertThat(tracker.http().poll()).isNull();
            assertThat(List.of(started, update, scrape, stopped)).allSatisfy(r -> {
                assertThat(r.header("User-Agent")).hasValue("my-client/1.0");
                assertThat(r.infoHash()).hasValue(HASH.bytes());
            });
            assertThat(started.event()).hasValue("started");
            assertThat(started.param("port")).hasValue("6881");
            assertThat(started.param("customParam")).hasValue("blah");
            assertThat(started.param("downloaded")).hasValue("0");
            assertThat(started.param("left")).as("unknown from a bare info hash").isEmpty();
            assertThat(update.isAnnounce()).isTrue();
            assertThat(update.event()).isEmpty();
            assertThat(update.param("downloaded")).as("the supplier is asked again").hasValue("16384");
            assertThat(scrape.isScrape()).isTrue();
            assertThat(stopped.event()).hasValue("stopped");

            // and the UDP tracker
            List<RecordedDatagram> datagrams = new ArrayList<>();
            for (RecordedDatagram d = tracker.udp().poll(); d != null; d = tracker.udp().poll()) {
                if (!d.isConnect()) {
                    datagrams.add(d);
                }
            }
            assertThat(datagrams).extracting(d -> d.isScrape() ? "scrape" : d.event() + " " + d.downloaded())
                    .containsExactly("STARTED 0", "NONE 16384", "scrape", "STOPPED 16384");

            // the example left the swarm: only the seeder is still in it
            assertThat(tracker.peers(HASH.bytes())).extracting(Peer::peerId).containsExactly(seederId);
        }
    }

    /** A loopback port nothing listens on (free a moment ago). */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
