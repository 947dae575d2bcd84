package io.github.bttracker.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bttracker.core.PeerAddress;
import org.junit.jupiter.api.Test;

class CompactPeersTest {

    @Test
    void decodesIpv4EntriesInNetworkOrderSkippingPortZero() {
        byte[] data = {1, 2, 3, 4, 0x00, 0x50, 5, 6, 7, 8, 0, 0, (byte) 255, (byte) 254, (byte) 253, (byte) 252,
            (byte) 0xC8, (byte) 0xD5};
        assertThat(CompactPeers.decode(data, CompactPeers.IPV4_ENTRY)).extracting(PeerAddress::toString)
                .containsExactly("1.2.3.4:80", "255.254.253.252:51413");
    }

    @Test
    void decodesIpv6Entries() {
        byte[] data = new byte[18];
        data[0] = 0x20;
        data[1] = 0x01;
        data[15] = 0x01;
        data[17] = 1;
        assertThat(CompactPeers.decode(data, CompactPeers.IPV6_ENTRY)).singleElement()
                .satisfies(p -> {
                    assertThat(p.isIpv6()).isTrue();
                    assertThat(p.port()).isEqualTo(1);
                    assertThat(p.toString()).isEqualTo("[2001:0:0:0:0:0:0:1]:1");
                });
    }

    @Test
    void rejectsTruncatedLists() {
        assertThatThrownBy(() -> CompactPeers.decode(new byte[19], CompactPeers.IPV6_ENTRY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a multiple of 18");
    }

    @Test
    void decodesAnEmptyList() {
        assertThat(CompactPeers.decode(new byte[0], CompactPeers.IPV4_ENTRY)).isEmpty();
    }
}
