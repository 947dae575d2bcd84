package io.github.bttracker.testing;

import static io.github.bttracker.testing.TrackerTestSupport.announceQuery;
import static io.github.bttracker.testing.TrackerTestSupport.compactPeers;
import static io.github.bttracker.testing.TrackerTestSupport.get;
import static io.github.bttracker.testing.TrackerTestSupport.id;
import static io.github.bttracker.testing.TrackerTestSupport.loopback;
import static io.github.bttracker.testing.TrackerTestSupport.udpClient;
import static io.github.bttracker.testing.internal.BareUdpClient.announceRequest;
import static io.github.bttracker.testing.internal.BareUdpClient.scrapeRequest;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.bttracker.testing.internal.BareUdpClient.AnnounceReply;
import io.github.bttracker.testing.internal.BareUdpClient.Reply;
import io.github.bttracker.testing.internal.BareUdpClient;
import io.github.bttracker.testing.internal.UdpProtocol;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EmbeddedTrackerUdpTest {
    private static final byte[] HASH = id(0x44);

    private final EmbeddedTracker tracker = EmbeddedTracker.builder().interval(900).start();
    private final BareUdpClient client = udpClient(tracker);

    @AfterEach
    void close() {
        client.close();
        tracker.close();
    }

    @Test
    void listensOnTheHttpPortNumber() {
        assertThat(tracker.udpPort()).isEqualTo(tracker.port());
        assertThat(tracker.udpAnnounceUrl()).isEqualTo("udp://127.0.0.1:" + tracker.port() + "/announce");
        assertThat(tracker.udpUrl("/announce?passkey=abc"))
                .isEqualTo("udp://127.0.0.1:" + tracker.port() + "/announce?passkey=abc");
    }

    @Test
    void twoPeersSeeEachOtherAfterConnecting() {
        long connectionId = client.connect(7);

        AnnounceReply first = client.announce(connectionId, 8, HASH, id(1), UdpProtocol.EVENT_STARTED, 100, 6881)
                .asAnnounce();
        Reply secondReply = client.announce(connectionId, 9, HASH, id(2), UdpProtocol.EVENT_STARTED, 0, 6882);
        AnnounceReply firstAgain = client.announce(connectionId, 10, HASH, id(1), UdpProtocol.EVENT_NONE, 100, 6881)
                .asAnnounce();

        assertThat(secondReply.transactionId()).isEqualTo(9);
        AnnounceReply second = secondReply.asAnnounce();
        assertThat(first.peers()).isEmpty();
        assertThat(second.peers()).hasSize(6);
        assertThat(compactPeers(second.peers(), 4)).containsExactly(loopback(6881));
        assertThat(compactPeers(firstAgain.peers(), 4)).containsExactly(loopback(6882));
        assertThat(firstAgain.interval()).isEqualTo(900);
        assertThat(firstAgain.leechers()).isEqualTo(1);
        assertThat(firstAgain.seeders()).isEqualTo(1);
        assertThat(tracker.udp().connectCount()).isEqualTo(1);
    }

    @Test
    void recordsEveryAnnounceField() {
        long connectionId = client.connect(1);
        client.send(announceRequest(connectionId, 2, HASH, id(9), UdpProtocol.EVENT_COMPLETED, 5, 51413,
                0x0A010203, 7, new byte[0]));
        client.receive();

        RecordedDatagram connect = tracker.udp().take();
        RecordedDatagram announce = tracker.udp().take();
        assertThat(connect.isConnect()).isTrue();
        assertThat(connect.connectionId()).isEqualTo(UdpProtocol.PROTOCOL_ID);
        assertThat(announce.isAnnounce()).isTrue();
        assertThat(announce.action()).isEqualTo(UdpProtocol.ANNOUNCE);
        assertThat(announce.transactionId()).isEqualTo(2);
        assertThat(announce.connectionId()).isEqualTo(connectionId);
        assertThat(announce.sender()).isEqualTo(loopback(client.localPort()));
        assertThat(announce.infoHash()).hasValueSatisfying(hash -> assertThat(hash).isEqualTo(HASH));
        assertThat(announce.peerId()).hasValueSatisfying(peerId -> assertThat(peerId).isEqualTo(id(9)));
        assertThat(announce.downloaded()).isEqualTo(BareUdpClient.DOWNLOADED);
        assertThat(announce.left()).isEqualTo(5);
        assertThat(announce.uploaded()).isEqualTo(BareUdpClient.UPLOADED);
        assertThat(announce.eventCode()).isEqualTo(UdpProtocol.EVENT_COMPLETED);
        assertThat(announce.event()).isEqualTo(AnnounceEvent.COMPLETED);
        assertThat(announce.ip()).map(InetAddress::getHostAddress).contains("10.1.2.3");
        assertThat(announce.key()).isEqualTo(BareUdpClient.KEY);
        assertThat(announce.numWant()).isEqualTo(7);
        assertThat(announce.port()).isEqualTo(51413);
        assertThat(announce.urlData()).isEmpty();
        assertThat(announce.length()).isEqualTo(UdpProtocol.ANNOUNCE_LENGTH);
        assertThat(tracker.udp().count()).isEqualTo(2);
        assertThat(tracker.udp().poll()).isNull();
    }

    @Test
    void takesTheIpFieldNumWantAndUnknownLeft() {
        long connectionId = client.connect(1);
        client.announce(connectionId, 2, HASH, id(1), UdpProtocol.EVENT_STARTED, 10, 6881);
        client.announce(connectionId, 3, HASH, id(2), UdpProtocol.EVENT_STARTED, 10, 6882);
        client.send(announceRequest(connectionId, 4, HASH, id(3), UdpProtocol.EVENT_STARTED, -1, 6883,
                0x0A010203, 1, new byte[0]));

        AnnounceReply third = client.receive().asAnnounce();

        assertThat(compactPeers(third.peers(), 4)).containsExactly(loopback(6881));
        assertThat(tracker.peers(HASH)).last().satisfies(peer -> {
            assertThat(peer.ip().getHostAddress()).isEqualTo("10.1.2.3");
            assertThat(peer.left()).isNull();
        });
        assertThat(third.leechers()).isEqualTo(3);
    }

    @Test
    void stoppedRemovesThePeer() {
        long connectionId = client.connect(1);
        client.announce(connectionId, 2, HASH, id(1), UdpProtocol.EVENT_STARTED, 10, 6881);
        client.announce(connectionId, 3, HASH, id(2), UdpProtocol.EVENT_STARTED, 10, 6882);

        AnnounceReply stopped = client.announce(connectionId, 4, HASH, id(1), UdpProtocol.EVENT_STOPPED, 10, 6881)
                .asAnnounce();

        assertThat(stopped.peers()).isEmpty();
        assertThat(stopped.leechers()).isEqualTo(1);
        assertThat(tracker.peers(HASH)).extracting(Peer::port).containsExactly(6882);
    }

    @Test
    void answersUnknownConnectionIdsWithAnError() {
        Reply reply = client.announce(42, 77, HASH, id(1), UdpProtocol.EVENT_STARTED, 10, 6881);

        assertThat(reply.transactionId()).isEqualTo(77);
        assertThat(reply.errorMessage()).isEqualTo("invalid connection id");
        assertThat(tracker.peers(HASH)).isEmpty();
    }

    @Test
    void expiredConnectionIdsNeedANewConnect() {
        long connectionId = client.connect(1);
        assertThat(client.announce(connectionId, 2, HASH, id(1), 0, 10, 6881).action())
                .isEqualTo(UdpProtocol.ANNOUNCE);

        tracker.udp().expireConnectionIds();

        client.send(scrapeRequest(connectionId, 3, HASH));
        assertThat(client.receive().errorMessage()).isEqualTo("invalid connection id");
        long renewed = client.connect(4);
        assertThat(renewed).isNotEqualTo(connectionId);
        assertThat(client.announce(renewed, 5, HASH, id(1), 0, 10, 6881).action()).isEqualTo(UdpProtocol.ANNOUNCE);
        assertThat(tracker.udp().connectCount()).isEqualTo(2);
    }

    @Test
    void connectionIdsLiveAsLongAsConfigured() {
        try (EmbeddedTracker shortLived = EmbeddedTracker.builder().udpConnectionIdLifetime(Duration.ZERO).start();
                BareUdpClient shortLivedClient = udpClient(shortLived)) {
            long connectionId = shortLivedClient.connect(1);

            assertThat(shortLivedClient.announce(connectionId, 2, HASH, id(1), 0, 10, 6881).errorMessage())
                    .isEqualTo("invalid connection id");
        }
    }

    @Test
    void scrapesInRequestOrderWithZerosForUnknownHashes() {
        byte[] other = id(0x45);
        byte[] unknown = id(0x46);
        long connectionId = client.connect(1);
        client.announce(connectionId, 2, HASH, id(1), UdpProtocol.EVENT_STARTED, 0, 6881);
        client.announce(connectionId, 3, HASH, id(2), UdpProtocol.EVENT_STARTED, 10, 6882);
        client.announce(connectionId, 4, other, id(1), UdpProtocol.EVENT_COMPLETED, 0, 6881);

        client.send(scrapeRequest(connectionId, 5, other, unknown, HASH));
        Reply reply = client.receive();

        assertThat(reply.action()).isEqualTo(UdpProtocol.SCRAPE);
        assertThat(reply.transactionId()).isEqualTo(5);
        assertThat(ints(reply.body())).containsExactly(1, 1, 0, /* unknown */ 0, 0, 0, /* HASH */ 1, 0, 1);
        assertThat(tracker.udp().take(Duration.ofSeconds(1)).isConnect()).isTrue();
        RecordedDatagram scrape = lastDatagram();
        assertThat(scrape.isScrape()).isTrue();
        assertThat(scrape.scrapeInfoHashes()).containsExactly(other, unknown, HASH);
    }

    @Test
    void sharesSwarmsWithHttpAnnounces() {
        HttpClient http = TrackerTestSupport.newClient();
        get(http, tracker.httpUrl("/announce" + announceQuery(HASH, id(1), 6881, 0, "&event=completed")));
        get(http, tracker.httpUrl("/announce" + announceQuery(HASH, id(2), 6882, 5, "&event=started")));
        long connectionId = client.connect(1);

        client.send(scrapeRequest(connectionId, 2, HASH));
        int[] scraped = ints(client.receive().body());
        AnnounceReply udpPeer = client.announce(connectionId, 3, HASH, id(3), UdpProtocol.EVENT_STARTED, 5, 6883)
                .asAnnounce();

        assertThat(scraped).containsExactly(/* seeders */ 1, /* completed */ 1, /* leechers */ 1);
        assertThat(compactPeers(udpPeer.peers(), 4)).containsExactly(loopback(6881), loopback(6882));
        assertThat(tracker.scrapeCounts(HASH)).isEqualTo(new ScrapeCounts(1, 2, 1));
    }

    @Test
    void concatenatesBep41UrlDataChunks() {
        long connectionId = client.connect(1);
        String urlData = "/announce?passkey=0123456789abcdef";

        client.send(announceRequest(connectionId, 2, HASH, id(1), 0, 10, 6881, 0, -1,
                BareUdpClient.urlDataOptions(urlData, 20)));
        client.receive();

        assertThat(lastDatagram().urlData()).isEqualTo(urlData);
    }

    @Test
    void recordsAndIgnoresShortDatagrams() {
        client.send(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});

        client.assertNothingArrives();
        RecordedDatagram recorded = tracker.udp().take();
        assertThat(recorded.action()).isEqualTo(-1);
        assertThat(recorded.isWellFormed()).isFalse();
        assertThat(recorded.problem()).hasValueSatisfying(problem -> assertThat(problem).contains("10 bytes"));
        assertThat(recorded.bytes()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(client.connect(1)).isNotZero();
    }

    @Test
    void ignoresTruncatedAnnouncesAndUnknownActions() {
        long connectionId = client.connect(1);
        byte[] announce = announceRequest(connectionId, 2, HASH, id(1), 0, 10, 6881, 0, -1, new byte[0]);
        client.send(Arrays.copyOf(announce, 60));
        client.send(ByteBuffer.allocate(16).putLong(connectionId).putInt(9).putInt(3).array());

        client.assertNothingArrives();
        tracker.udp().take();
        RecordedDatagram truncated = tracker.udp().take();
        RecordedDatagram unknownAction = tracker.udp().take();
        assertThat(truncated.action()).isEqualTo(UdpProtocol.ANNOUNCE);
        assertThat(truncated.isAnnounce()).isFalse();
        assertThat(truncated.transactionId()).isEqualTo(2);
        assertThat(unknownAction.action()).isEqualTo(9);
        assertThat(unknownAction.problem()).hasValue("unknown action 9");
        assertThat(tracker.peers(HASH)).isEmpty();
    }

    @Test
    void movesToAnotherUdpPortWhenTheHttpPortNumberIsTakenForUdp() throws IOException {
        try (DatagramSocket squatter = new DatagramSocket(loopback(0))) {
            int port = squatter.getLocalPort();
            try (EmbeddedTracker moved = EmbeddedTracker.builder().port(port).start();
                    BareUdpClient movedClient = udpClient(moved)) {
                assertThat(moved.port()).isEqualTo(port);
                assertThat(moved.udpPort()).isNotEqualTo(port);
                assertThat(moved.udpAnnounceUrl()).endsWith(":" + moved.udpPort() + "/announce");
                assertThat(movedClient.connect(1)).isNotZero();
            }
        }
    }

    @Test
    void servesIpv6WithEighteenByteEntries() throws IOException {
        // ::1 must be there: a missing IPv6 loopback fails this test rather than skipping it
        InetAddress ipv6Loopback = InetAddress.getByName("::1");
        try (EmbeddedTracker ipv6 = EmbeddedTracker.builder().bindAddress(ipv6Loopback).start();
                BareUdpClient ipv6Client = udpClient(ipv6)) {
            long connectionId = ipv6Client.connect(1);
            ipv6Client.announce(connectionId, 2, HASH, id(1), UdpProtocol.EVENT_STARTED, 10, 6881);

            AnnounceReply second = ipv6Client.announce(connectionId, 3, HASH, id(2), UdpProtocol.EVENT_STARTED, 10,
                    6882).asAnnounce();

            assertThat(ipv6.udpAnnounceUrl()).isEqualTo("udp://[::1]:" + ipv6.udpPort() + "/announce");
            assertThat(second.peers()).hasSize(18);
            assertThat(compactPeers(second.peers(), 16)).containsExactly(new InetSocketAddress(ipv6Loopback, 6881));
        }
    }

    @Test
    void listsOnlyIpv4PeersInSixByteEntriesOverIpv6WhenToldTo() throws IOException {
        InetAddress ipv6Loopback = InetAddress.getByName("::1");
        try (EmbeddedTracker quirky = EmbeddedTracker.builder().bindAddress(ipv6Loopback)
                        .udpPeerEntries(UdpPeerEntries.ALWAYS_SIX_BYTES).start();
                BareUdpClient quirkyClient = udpClient(quirky)) {
            long connectionId = quirkyClient.connect(1);
            quirkyClient.announce(connectionId, 2, HASH, id(1), UdpProtocol.EVENT_STARTED, 10, 6881);
            quirkyClient.send(announceRequest(connectionId, 3, HASH, id(2), UdpProtocol.EVENT_STARTED, 10, 6882,
                    0x0A010203, -1, new byte[0]));
            quirkyClient.receive();

            AnnounceReply third = quirkyClient.announce(connectionId, 4, HASH, id(3), UdpProtocol.EVENT_STARTED, 10,
                    6883).asAnnounce();

            assertThat(quirky.peers(HASH)).hasSize(3);
            assertThat(third.peers()).hasSize(6);
            assertThat(compactPeers(third.peers(), 4))
                    .containsExactly(new InetSocketAddress(InetAddress.getByName("10.1.2.3"), 6882));
        }
    }

    private RecordedDatagram lastDatagram() {
        RecordedDatagram last = tracker.udp().take();
        for (RecordedDatagram next = tracker.udp().poll(); next != null; next = tracker.udp().poll()) {
            last = next;
        }
        return last;
    }

    private static int[] ints(ByteBuffer body) {
        int[] ints = new int[body.remaining() / 4];
        for (int i = 0; i < ints.length; i++) {
            ints[i] = body.getInt();
        }
        return ints;
    }
}
