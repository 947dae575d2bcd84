package io.github.bttracker.internal.transport.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bttracker.core.PeerAddress;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class UdpPeerEntriesTest {

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @Test
    void readsSixByteEntriesFromIpv4Trackers() {
        assertThat(UdpPeerEntries.decode(hex("7f0000011ae1" + "0a0000021ae2"), false))
                .extracting(PeerAddress::toString).containsExactly("127.0.0.1:6881", "10.0.0.2:6882");
    }

    @Test
    void readsEighteenByteEntriesFromIpv6Trackers() {
        assertThat(UdpPeerEntries.decode(hex("20010db8000000000000000000000001" + "1ae1"), true))
                .extracting(PeerAddress::toString).containsExactly("[2001:db8:0:0:0:0:0:1]:6881");
        assertThat(UdpPeerEntries.decode(hex("00000000000000000000000000000001" + "1ae1"), true))
                .extracting(PeerAddress::toString).containsExactly("[0:0:0:0:0:0:0:1]:6881");
    }

    @Test
    void toleratesIpv6TrackersThatAnswerWithSixByteEntries() {
        // two IPv4 entries: 12 bytes is no multiple of 18
        assertThat(UdpPeerEntries.decode(hex("7f0000011ae1" + "7f0000011ae2"), true))
                .extracting(PeerAddress::toString).containsExactly("127.0.0.1:6881", "127.0.0.1:6882");
        // three IPv4 entries are 18 bytes, but read as IPv6 they would start 7f00::, which no peer has
        assertThat(UdpPeerEntries.decode(hex("7f0000011ae1" + "c0a801021ae2" + "0a0000031ae3"), true))
                .extracting(PeerAddress::toString)
                .containsExactly("127.0.0.1:6881", "192.168.1.2:6882", "10.0.0.3:6883");
    }

    @Test
    void oneOddEntryDoesNotMakeAnIpv6ListBeReadAsIpv4() {
        // two global peers and a multicast group a hostile tracker slipped in: still three 18-byte entries (the
        // multicast one is dropped later, with every unusable address), not nine bogus IPv4 peers
        byte[] entries = hex("20010db8000000000000000000000001" + "1ae1"
                + "ff020000000000000000000000000001" + "1ae2"
                + "20010db8000000000000000000000003" + "1ae3");
        assertThat(UdpPeerEntries.decode(entries, true)).extracting(PeerAddress::toString).containsExactly(
                "[2001:db8:0:0:0:0:0:1]:6881", "[ff02:0:0:0:0:0:0:1]:6882", "[2001:db8:0:0:0:0:0:3]:6883");
    }

    @Test
    void rejectsLengthsThatFitNoEntrySize() {
        assertThatThrownBy(() -> UdpPeerEntries.decode(new byte[7], false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UdpPeerEntries.decode(new byte[19], true))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
