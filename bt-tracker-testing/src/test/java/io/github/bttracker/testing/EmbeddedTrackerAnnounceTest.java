package io.github.bttracker.testing;

import static io.github.bttracker.testing.TrackerTestSupport.announceQuery;
import static io.github.bttracker.testing.TrackerTestSupport.compactPeers;
import static io.github.bttracker.testing.TrackerTestSupport.dict;
import static io.github.bttracker.testing.TrackerTestSupport.get;
import static io.github.bttracker.testing.TrackerTestSupport.id;
import static io.github.bttracker.testing.TrackerTestSupport.loopback;
import static io.github.bttracker.testing.TrackerTestSupport.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EmbeddedTrackerAnnounceTest {
    private static final byte[] HASH = id(0x11);

    private final EmbeddedTracker tracker = EmbeddedTracker.builder().interval(900).start();
    private final HttpClient client = TrackerTestSupport.newClient();

    @AfterEach
    void close() {
        tracker.close();
    }

    private Map<String, Object> announce(byte[] peerId, int port, long left, String extra) {
        HttpResponse<byte[]> response = get(client, tracker.httpUrl("/announce" + announceQuery(HASH, peerId, port, left, extra)));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("text/plain");
        return Bdecode.dictionary(response.body());
    }

    @Test
    void twoPeersSeeEachOtherInTheCompactPeerList() {
        Map<String, Object> first = announce(id(1), 6881, 100, "&compact=1&event=started");
        Map<String, Object> second = announce(id(2), 6882, 0, "&compact=1&event=started");
        Map<String, Object> firstAgain = announce(id(1), 6881, 100, "&compact=1");

        assertThat(compactPeers((byte[]) first.get("peers"), 4)).isEmpty();
        assertThat(compactPeers((byte[]) second.get("peers"), 4)).containsExactly(loopback(6881));
        assertThat(compactPeers((byte[]) firstAgain.get("peers"), 4)).containsExactly(loopback(6882));
        assertThat(firstAgain).containsEntry("interval", 900L).containsEntry("complete", 1L)
                .containsEntry("incomplete", 1L).doesNotContainKey("peers6");
    }

    @Test
    void listsPeersAsDictionariesWithoutCompact() {
        announce(id(1), 6881, 100, "");
        Map<String, Object> second = announce(id(2), 6882, 100, "&compact=0");

        assertThat((List<?>) second.get("peers")).singleElement().satisfies(peer -> {
            assertThat(string(dict(peer).get("ip"))).isEqualTo("127.0.0.1");
            assertThat(dict(peer).get("port")).isEqualTo(6881L);
            assertThat((byte[]) dict(peer).get("peer id")).isEqualTo(id(1));
        });
    }

    @Test
    void stoppedRemovesThePeer() {
        announce(id(1), 6881, 100, "&compact=1&event=started");
        announce(id(2), 6882, 100, "&compact=1&event=started");

        announce(id(1), 6881, 100, "&compact=1&event=stopped");

        assertThat(tracker.peers(HASH)).extracting(Peer::port).containsExactly(6882);
        assertThat((byte[]) announce(id(2), 6882, 100, "&compact=1").get("peers")).isEmpty();
    }

    @Test
    void completedIncrementsDownloaded() {
        announce(id(1), 6881, 100, "&event=started");
        announce(id(1), 6881, 0, "&event=completed");

        assertThat(tracker.scrapeCounts(HASH)).isEqualTo(new ScrapeCounts(1, 0, 1));
    }

    @Test
    void announcesFromAnyPathWhoseLastSegmentStartsWithAnnounce() {
        get(client, tracker.httpUrl("/announce.php" + announceQuery(HASH, id(1), 6881, 1, "&passkey=abc")));
        get(client, tracker.httpUrl("/tracker/announce" + announceQuery(HASH, id(2), 6882, 1, "")));

        assertThat(tracker.peers(HASH)).hasSize(2);
        assertThat(tracker.http().take().param("passkey")).contains("abc");
        assertThat(tracker.http().take().path()).isEqualTo("/tracker/announce");
    }

    @Test
    void takesThePeerAddressFromTheIpParameterWhenGiven() {
        announce(id(1), 6881, 100, "&ip=10.1.2.3");

        assertThat(tracker.peers(HASH)).singleElement()
                .satisfies(peer -> assertThat(peer.ip().getHostAddress()).isEqualTo("10.1.2.3"));
    }

    @Test
    void answersMalformedAnnouncesWithAFailureReason() {
        Map<String, Object> noPort = Bdecode.dictionary(get(client, tracker.httpUrl(
                "/announce?info_hash=" + TrackerTestSupport.percentEncode(HASH) + "&peer_id="
                        + TrackerTestSupport.percentEncode(id(1)))).body());
        HttpResponse<byte[]> shortHash = get(client, tracker.httpUrl("/announce?info_hash=abc&peer_id="
                + TrackerTestSupport.percentEncode(id(1)) + "&port=1"));

        assertThat(string(noPort.get("failure reason"))).isEqualTo("missing port");
        assertThat(shortHash.statusCode()).isEqualTo(200);
        assertThat(string(Bdecode.dictionary(shortHash.body()).get("failure reason"))).contains("info_hash");
        assertThat(tracker.swarms().infoHashes()).isEmpty();
    }

    @Test
    void answersUnknownPathsWith404AndAFailureReason() {
        HttpResponse<byte[]> response = get(client, tracker.httpUrl("/favicon.ico"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Bdecode.dictionary(response.body())).containsKey("failure reason");
    }

    @Test
    void roundTripsInfoHashBytesExactly() {
        byte[] awkward = {0x00, 0x20, 0x7F, (byte) 0x80, (byte) 0xFF, '%', '+', '&', '=', '?',
            0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A};

        get(client, tracker.httpUrl("/announce" + announceQuery(awkward, id(1), 6881, 5, "&event=started")));

        RecordedRequest request = tracker.http().take();
        assertThat(request.infoHash()).hasValueSatisfying(hash -> assertThat(hash).isEqualTo(awkward));
        assertThat(request.infoHashHex()).contains("00207f80ff252b263d3f0102030405060708090a");
        assertThat(request.rawQuery()).startsWith("info_hash=%00%20%7F%80%FF");
        assertThat(tracker.peers(awkward)).hasSize(1);
    }

    @Test
    void recordsEveryRequestInOrder() {
        get(client, tracker.httpUrl("/announce" + announceQuery(HASH, id(1), 6881, 5, "&event=started")));
        get(client, tracker.httpUrl("/scrape?info_hash=" + TrackerTestSupport.percentEncode(HASH)));

        assertThat(tracker.http().count()).isEqualTo(2);
        RecordedRequest announce = tracker.http().take();
        assertThat(announce.method()).isEqualTo("GET");
        assertThat(announce.isAnnounce()).isTrue();
        assertThat(announce.event()).contains("started");
        assertThat(announce.peerId()).hasValueSatisfying(peerId -> assertThat(peerId).isEqualTo(id(1)));
        assertThat(announce.header("HOST")).isPresent();
        assertThat(announce.remoteAddress().getAddress().isLoopbackAddress()).isTrue();
        assertThat(tracker.http().take(Duration.ofSeconds(1)).isScrape()).isTrue();
        assertThat(tracker.http().poll()).isNull();
        assertThatThrownBy(() -> tracker.http().take(Duration.ofMillis(50))).isInstanceOf(IllegalStateException.class);
    }
}
