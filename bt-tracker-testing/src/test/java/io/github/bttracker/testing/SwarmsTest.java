package io.github.bttracker.testing;

import static io.github.bttracker.testing.TrackerTestSupport.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class SwarmsTest {
    private static final byte[] HASH = id(0xAA);
    private static final InetAddress LOCALHOST = InetAddress.getLoopbackAddress();

    private final Swarms swarms = new Swarms();

    private static AnnounceParams announce(int peer, Long left, AnnounceEvent event, int numWant) {
        return new AnnounceParams(HASH, id(peer), LOCALHOST, 6000 + peer, left, event, numWant);
    }

    @Test
    void handsOutEveryOtherPeerButNotTheRequester() {
        swarms.announce(announce(1, 0L, AnnounceEvent.STARTED, 50));
        swarms.announce(announce(2, 10L, AnnounceEvent.STARTED, 50));

        AnnounceResult result = swarms.announce(announce(3, null, AnnounceEvent.STARTED, 50));

        assertThat(result.peers()).extracting(Peer::port).containsExactly(6001, 6002);
        assertThat(result.complete()).isEqualTo(1);
        assertThat(result.incomplete()).as("unknown left counts as incomplete").isEqualTo(2);
    }

    @Test
    void recognisesTheRequesterByPeerIdAndByAddress() {
        swarms.announce(announce(1, 0L, AnnounceEvent.STARTED, 50));
        // same peer id from another port, and another peer id on the same address
        AnnounceParams samePeerIdElsewhere = new AnnounceParams(HASH, id(1), LOCALHOST, 7000, 5L, AnnounceEvent.NONE, 50);
        AnnounceParams otherIdSameAddress = new AnnounceParams(HASH, id(9), LOCALHOST, 6001, 5L, AnnounceEvent.NONE, 50);

        assertThat(swarms.announce(samePeerIdElsewhere).peers()).isEmpty();
        assertThat(swarms.announce(otherIdSameAddress).peers()).extracting(Peer::port).containsExactly(7000);
    }

    @Test
    void limitsPeersToNumWant() {
        for (int peer = 1; peer <= 5; peer++) {
            swarms.announce(announce(peer, 1L, AnnounceEvent.STARTED, 50));
        }

        assertThat(swarms.announce(announce(6, 1L, AnnounceEvent.NONE, 2)).peers()).hasSize(2);
        assertThat(swarms.announce(announce(6, 1L, AnnounceEvent.NONE, 0)).peers()).isEmpty();
    }

    @Test
    void stoppedRemovesThePeerAndCompletedCountsADownload() {
        swarms.announce(announce(1, 10L, AnnounceEvent.STARTED, 50));
        swarms.announce(announce(2, 10L, AnnounceEvent.STARTED, 50));

        swarms.announce(announce(1, 0L, AnnounceEvent.COMPLETED, 50));
        AnnounceResult stopped = swarms.announce(announce(2, 10L, AnnounceEvent.STOPPED, 50));

        assertThat(stopped.peers()).isEmpty();
        assertThat(swarms.scrape(HASH)).isEqualTo(new ScrapeCounts(1, 0, 1));
        assertThat(swarms.peers(HASH)).singleElement().satisfies(peer -> {
            assertThat(peer.peerId()).isEqualTo(id(1));
            assertThat(peer.lastEvent()).isEqualTo(AnnounceEvent.COMPLETED);
            assertThat(peer.isSeed()).isTrue();
        });
    }

    @Test
    void unknownSwarmsAreEmpty() {
        assertThat(swarms.scrape(id(1))).isEqualTo(ScrapeCounts.NONE);
        assertThat(swarms.peers(id(1))).isEmpty();
        assertThat(swarms.infoHashes()).isEmpty();
        assertThatThrownBy(() -> swarms.scrape(new byte[19])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void webSocketPeersAreKeyedByPeerIdAndKeptApartFromOthers() {
        swarms.announce(announce(1, 10L, AnnounceEvent.STARTED, 50));
        AnnounceParams firstWs = new AnnounceParams(HASH, id(2), LOCALHOST, 0, 10L, AnnounceEvent.STARTED, 50);
        AnnounceParams secondWs = new AnnounceParams(HASH, id(3), LOCALHOST, 0, 0L, AnnounceEvent.STARTED, 50);

        assertThat(swarms.announceWebSocket(firstWs).peers()).as("no HTTP peer for WebSocket peers").isEmpty();
        AnnounceResult second = swarms.announceWebSocket(secondWs);

        assertThat(second.peers()).extracting(Peer::peerId).containsExactly(id(2));
        assertThat(second.complete()).isEqualTo(1);
        assertThat(second.incomplete()).isEqualTo(2);
        assertThat(swarms.announce(announce(4, 10L, AnnounceEvent.STARTED, 50)).peers())
                .as("no WebSocket peer for HTTP peers").extracting(Peer::port).containsExactly(6001);
        assertThat(swarms.webSocketPeers(HASH)).extracting(Peer::peerId).containsExactly(id(2), id(3));

        swarms.leaveWebSocket(HASH, id(2));
        swarms.announceWebSocket(new AnnounceParams(HASH, id(3), LOCALHOST, 0, 0L, AnnounceEvent.STOPPED, 50));
        swarms.leaveWebSocket(id(0x99), id(2));

        assertThat(swarms.webSocketPeers(HASH)).isEmpty();
        assertThat(swarms.peers(HASH)).extracting(Peer::port).containsExactly(6001, 6004);
        assertThat(swarms.infoHashes()).hasSize(1);
    }
}
