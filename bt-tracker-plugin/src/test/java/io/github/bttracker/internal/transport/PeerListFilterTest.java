package io.github.bttracker.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerAddress;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.spi.PeerFilter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerListFilterTest {

    private static final int OWN_PORT = 6881;
    private static final AnnounceRequest REQUEST = AnnounceRequest.builder(
            InfoHash.fromHex("aa11bb22cc33dd44ee55ff6600112233445566ff"), PeerId.random("-BT0001-"), OWN_PORT).build();

    @Test
    void dropsAddressesNoPeerCanHave() {
        List<String> unusable = List.of("0.0.0.0", "0.1.2.3", "::", "224.0.0.1", "239.192.152.143", "255.255.255.255",
                "240.0.0.1", "169.254.1.2", "fe80::1", "ff02::1", "ff05::2", "::ffff:0.0.0.0", "::ffff:224.0.0.1",
                "::ffff:255.255.255.255", "::ffff:169.254.1.2");
        List<String> usable = List.of("1.2.3.4", "10.0.0.2", "192.168.1.20", "127.0.0.1", "2001:db8::1", "fd00::5",
                "::1", "::ffff:1.2.3.5");
        List<PeerAddress> peers = new ArrayList<>();
        unusable.forEach(ip -> peers.add(peer(ip, 7000)));
        usable.forEach(ip -> peers.add(peer(ip, 7000)));

        AnnounceResponse kept = new PeerListFilter(PeerFilter.USABLE_UNICAST).apply(REQUEST, answer(peers));

        assertThat(kept.peers()).extracting(PeerAddress::address)
                .containsExactlyElementsOf(usable.stream().map(PeerListFilterTest::ip).toList());
    }

    @Test
    void collapsesDuplicatesToTheirFirstEntry() {
        List<PeerAddress> peers = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            peers.add(peer("1.2.3.4", 7000));
        }
        peers.add(PeerAddress.of(ip("1.2.3.4"), 7000, PeerId.random("-XX0001-")));
        peers.add(peer("1.2.3.4", 7001));
        peers.add(peer("1.2.3.5", 7000));

        AnnounceResponse kept = new PeerListFilter(PeerFilter.ANY).apply(REQUEST, answer(peers));

        assertThat(kept.peers()).extracting(PeerAddress::toString)
                .containsExactly("1.2.3.4:7000", "1.2.3.4:7001", "1.2.3.5:7000");
    }

    @Test
    void leavesOutThisClientItself() throws Exception {
        InetAddress external = ip("203.0.113.9");
        AnnounceResponse response = AnnounceResponse.builder("http://t.example/announce").externalIp(external)
                .peers(List.of(peer("127.0.0.1", OWN_PORT), peer("::1", OWN_PORT), peer("203.0.113.9", OWN_PORT),
                        peer("127.0.0.1", OWN_PORT + 1), peer("203.0.113.9", OWN_PORT + 1),
                        peer("198.51.100.7", OWN_PORT)))
                .build();

        AnnounceResponse kept = new PeerListFilter(PeerFilter.ANY).apply(REQUEST, response);

        // another peer on this host (another port) and a peer elsewhere with the same port are peers
        assertThat(kept.peers()).extracting(PeerAddress::toString)
                .containsExactly("127.0.0.1:6882", "203.0.113.9:6882", "198.51.100.7:6881");
        assertThat(kept.externalIp()).hasValue(external);
    }

    @Test
    void aFilterCanLoosenOrTightenTheRule() {
        List<PeerAddress> peers = List.of(peer("169.254.1.2", 7000), peer("10.0.0.2", 7000));
        assertThat(new PeerListFilter(PeerFilter.ANY).apply(REQUEST, answer(peers)).peers()).hasSize(2);
        PeerFilter noPrivate = peer -> !peer.address().isSiteLocalAddress();
        assertThat(new PeerListFilter(noPrivate).apply(REQUEST, answer(peers)).peers())
                .extracting(PeerAddress::toString).containsExactly("169.254.1.2:7000");
        PeerFilter failing = peer -> {
            throw new IllegalStateException("bug in the filter");
        };
        assertThat(new PeerListFilter(failing).apply(REQUEST, answer(peers)).peers()).isEmpty();
    }

    @Test
    void anAnswerWithNothingToDropIsHandedOnAsItIs() {
        AnnounceResponse response = answer(List.of(peer("1.2.3.4", 7000), peer("2001:db8::1", 7000)));
        assertThat(new PeerListFilter(PeerFilter.USABLE_UNICAST).apply(REQUEST, response)).isSameAs(response);
    }

    /**
     * A tracker can list thousands of peers with one {@code InetSocketAddress} hash code (address {@code a + k}, port
     * {@code p - k}). They are all kept, each once, and the key that finds duplicates is {@code Comparable} to itself,
     * which is what keeps a HashSet's bucket of them a balanced tree instead of a list searched whole at every
     * insertion (2.8 to 3.3 s of CPU for these 20,000 peers with {@code InetSocketAddress} keys).
     */
    @Test
    void peersMadeToCollideInTheirHashCodeAreEachKeptOnce() throws UnknownHostException {
        List<PeerAddress> peers = new ArrayList<>();
        int first = 45 << 24;
        for (int k = 0; k < 20_000; k++) {
            int a = first + k;
            peers.add(PeerAddress.of(InetAddress.getByAddress(new byte[] {(byte) (a >>> 24), (byte) (a >>> 16),
                    (byte) (a >>> 8), (byte) a}), 65_000 - k));
        }
        assertThat(peers.stream().map(p -> new java.net.InetSocketAddress(p.address(), p.port()).hashCode())
                .distinct()).hasSize(1);
        List<PeerAddress> listed = new ArrayList<>(peers);
        listed.addAll(peers.subList(0, 100));
        AnnounceResponse kept = new PeerListFilter(PeerFilter.USABLE_UNICAST).apply(REQUEST, answer(listed));
        assertThat(kept.peers()).containsExactlyElementsOf(peers);

        assertThat(PeerListFilter.Endpoint.class.getGenericInterfaces()).singleElement()
                .isInstanceOfSatisfying(java.lang.reflect.ParameterizedType.class, comparable -> {
                    assertThat(comparable.getRawType()).isEqualTo(Comparable.class);
                    assertThat(comparable.getActualTypeArguments()).containsExactly(PeerListFilter.Endpoint.class);
                });
        PeerListFilter.Endpoint v4 = new PeerListFilter.Endpoint(new byte[] {1, 2, 3, 4}, 7000);
        assertThat(v4.compareTo(new PeerListFilter.Endpoint(new byte[] {1, 2, 3, 4}, 7000))).isZero();
        assertThat(v4).isEqualTo(new PeerListFilter.Endpoint(new byte[] {1, 2, 3, 4}, 7000));
        assertThat(v4.compareTo(new PeerListFilter.Endpoint(new byte[] {1, 2, 3, 4}, 7001))).isNegative();
        assertThat(v4.compareTo(new PeerListFilter.Endpoint(new byte[] {(byte) 0x80, 0, 0, 0}, 1))).isNegative();
        assertThat(v4.compareTo(new PeerListFilter.Endpoint(new byte[16], 7000))).isPositive();
    }

    private static AnnounceResponse answer(List<PeerAddress> peers) {
        return AnnounceResponse.builder("http://t.example/announce").interval(java.time.Duration.ofMinutes(30))
                .complete(1).incomplete(2).peers(peers).build();
    }

    private static PeerAddress peer(String ip, int port) {
        return PeerAddress.of(ip(ip), port);
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
