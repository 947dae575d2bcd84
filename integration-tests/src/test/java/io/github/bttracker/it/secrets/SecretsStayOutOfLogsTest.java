package io.github.bttracker.it.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import bt.metainfo.TorrentId;
import bt.tracker.AnnounceKey;
import bt.tracker.ITrackerService;
import bt.tracker.TrackerResponse;
import io.github.bttracker.TrackerClient;
import io.github.bttracker.TrackerClientListener;
import io.github.bttracker.TrackerRuntime;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.core.TrackerStatus;
import io.github.bttracker.it.bt.BtPeer;
import io.github.bttracker.options.ConnectionOptions;
import io.github.bttracker.options.TrackerClientOptions;
import io.github.bttracker.options.UdpOptions;
import io.github.bttracker.testing.EmbeddedTracker;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Passkeys in announce URLs never reach a log line, a warning or an exception message: failures against trackers
 * whose URLs carry a passkey in the path and in the query, over HTTP, UDP and WebSocket, from the standalone client
 * and from Bt. The plugin logs at debug level into the file surefire gives this JVM
 * ({@code org.slf4j.simpleLogger.logFile}), which is read back.
 */
class SecretsStayOutOfLogsTest {

    static final String PATH_KEY = "0123456789abcdef0123456789abcdef";
    static final String QUERY_KEY = "s3cr3tPASSKEY";

    static int deadPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static String secretUrl(String scheme, int port) {
        return scheme + "://127.0.0.1:" + port + "/" + PATH_KEY + "/announce?passkey=" + QUERY_KEY;
    }

    @Test
    void noPasskeyInWarningsExceptionsStatusOrLogs() throws Exception {
        String logFile = System.getProperty("org.slf4j.simpleLogger.logFile");
        assertThat(logFile).as("surefire sends this JVM's log to a file").isNotBlank();
        List<TrackerClientListener.TrackerWarning> warnings = new CopyOnWriteArrayList<>();
        List<String> urls = List.of(secretUrl("http", deadPort()), secretUrl("udp", deadPort()),
                secretUrl("ws", deadPort()));
        try (TrackerRuntime runtime = TrackerRuntime.create(TrackerClientOptions.defaults()
                .withConnection(ConnectionOptions.defaults().withRequestTimeout(Duration.ofSeconds(3)))
                .withUdp(UdpOptions.defaults().withInitialRetransmitTimeout(Duration.ofMillis(500))))) {
            TrackerClient client = TrackerClient.builder(InfoHash.fromHex("feedfacefeedfacefeedfacefeedfacefeedface"),
                    PeerId.random("-SE0001-")).announce(urls).port(6881).runtime(runtime).build();
            client.addListener(new TrackerClientListener() {
                @Override
                public void onWarning(TrackerWarning warning, Optional<Duration> nextAnnounceIn) {
                    warnings.add(warning);
                }

                @Override
                public void onUpdate(AnnounceResponse response, Optional<Duration> nextAnnounceIn) {
                }
            });
            client.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> warnings.size() >= 3);
            for (TrackerClientListener.TrackerWarning warning : warnings) {
                assertNoSecret(warning.message());
                assertNoSecret(warning.toString());
                warning.cause().ifPresent(cause -> assertNoSecret(cause.toString()));
            }
            assertThat(warnings).extracting(TrackerClientListener.TrackerWarning::trackerUrl)
                    .as("the program still gets the URL it gave").containsAll(urls);
            for (TrackerStatus status : client.status()) {
                assertNoSecret(status.toString());
                assertThat(status.lastError()).isPresent();
            }
            client.destroy();
        }

        // Bt: a tier of dead trackers with passkeys, then a working one
        try (EmbeddedTracker tracker = EmbeddedTracker.start();
             BtPeer peer = BtPeer.start(BtPeer.Trackers.PLUGIN_EXPLICIT)) {
            ITrackerService service = peer.runtime().service(ITrackerService.class);
            AnnounceKey key = new AnnounceKey(List.of(List.of(secretUrl("http", deadPort())),
                    List.of(tracker.httpAnnounceUrl())));
            TrackerResponse response = service.getTracker(key).request(TorrentId.fromBytes(new byte[20])).start();
            assertThat(response.isSuccess()).isTrue();
            assertNoSecret(service.getTracker(key).toString());
            assertNoSecret(service.getTracker(secretUrl("udp", 6969)).toString());
        }

        String log = Files.readString(Path.of(logFile));
        assertNoSecret(log);
        assertThat(log).as("the failures were logged, masked").contains("/***/announce?passkey=***");
    }

    static void assertNoSecret(String text) {
        assertThat(text).doesNotContain(PATH_KEY).doesNotContain(QUERY_KEY);
    }
}
