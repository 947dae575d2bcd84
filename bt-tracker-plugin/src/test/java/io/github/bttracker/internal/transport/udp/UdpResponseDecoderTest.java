package io.github.bttracker.internal.transport.udp;

import static io.github.bttracker.internal.transport.udp.UdpRequestsTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class UdpResponseDecoderTest {

    @Test
    void decodesAConnectAnswer() throws Exception {
        assertThat(UdpResponseDecoder.decode(bytes("00000000" + "0000002a" + "8877665544332211")))
                .isEqualTo(new UdpResponse.Connected(42, 0x8877665544332211L));
    }

    @Test
    void decodesAnAnnounceAnswerWithUnsignedCounts() throws Exception {
        UdpResponse r = UdpResponseDecoder.decode(bytes("00000001" + "00000007" + "00000708" + "ffffffff"
                + "00000003" + "7f0000011ae1"));
        assertThat(r).isInstanceOfSatisfying(UdpResponse.Announced.class, a -> {
            assertThat(a.transactionId()).isEqualTo(7);
            assertThat(a.interval()).isEqualTo(1800);
            assertThat(a.leechers()).isEqualTo(0xFFFFFFFFL);
            assertThat(a.seeders()).isEqualTo(3);
            assertThat(a.peers()).hasSize(6);
        });
    }

    @Test
    void decodesAScrapeAnswerInRequestOrder() throws Exception {
        UdpResponse r = UdpResponseDecoder.decode(bytes("00000002" + "00000009"
                + "00000001" + "00000002" + "00000003" + "0000000a" + "0000000b" + "0000000c"));
        assertThat(r).isEqualTo(new UdpResponse.Scraped(9, java.util.List.of(
                new UdpResponse.ScrapeEntry(1, 2, 3), new UdpResponse.ScrapeEntry(10, 11, 12))));
    }

    @Test
    void decodesAnErrorMessageEvenWhenItIsNotUtf8() throws Exception {
        assertThat(UdpResponseDecoder.decode(bytes("00000003" + "00000005" + "756e6b6e6f776e20686173680a")))
                .isEqualTo(new UdpResponse.Failed(5, "unknown hash"));
        assertThat(UdpResponseDecoder.decode(bytes("00000003" + "00000005" + "ff fe 41".replace(" ", ""))))
                .isInstanceOfSatisfying(UdpResponse.Failed.class, f -> assertThat(f.message()).endsWith("A"));
        assertThat(UdpResponseDecoder.decode(bytes("00000003" + "00000005")))
                .isEqualTo(new UdpResponse.Failed(5, "error without a message"));
    }

    @Test
    void rejectsTruncatedDatagrams() {
        assertThatThrownBy(() -> UdpResponseDecoder.decode(Unpooled.EMPTY_BUFFER))
                .isInstanceOf(UdpResponseDecoder.MalformedDatagramException.class).hasMessageContaining("0 bytes");
        assertThatThrownBy(() -> UdpResponseDecoder.decode(bytes("00000000" + "0000002a" + "887766")))
                .hasMessageContaining("connect response of 11 bytes");
        assertThatThrownBy(() -> UdpResponseDecoder.decode(bytes("00000001" + "00000007" + "00000708")))
                .hasMessageContaining("announce response of 12 bytes");
        assertThatThrownBy(() -> UdpResponseDecoder.decode(bytes("00000002" + "00000009" + "00000001")))
                .hasMessageContaining("not a multiple of 12");
    }

    @Test
    void readsAHeaderOnlyAnnounceAnswerAsARefusal() throws Exception {
        assertThat(UdpResponseDecoder.decode(bytes("00000001" + "00000007")))
                .isEqualTo(new UdpResponse.Failed(7, UdpResponseDecoder.REFUSED_WITHOUT_MESSAGE));
    }

    @Test
    void rejectsUnknownActions() {
        assertThatThrownBy(() -> UdpResponseDecoder.decode(bytes("00000004" + "00000001")))
                .hasMessageContaining("unknown action 4");
    }

    @Test
    void readsTheLargestPossibleDatagram() throws Exception {
        byte[] big = new byte[UdpProtocol.MAX_DATAGRAM];
        big[3] = 1;
        UdpResponse r = UdpResponseDecoder.decode(Unpooled.wrappedBuffer(big));
        assertThat(((UdpResponse.Announced) r).peers()).hasSize(UdpProtocol.MAX_DATAGRAM - 20);
    }

    @Test
    void neverThrowsAnythingButMalformedOnRandomInput() {
        java.util.Random random = new java.util.Random(15);
        for (int i = 0; i < 20_000; i++) {
            byte[] datagram = new byte[random.nextInt(64)];
            random.nextBytes(datagram);
            if (datagram.length >= 4 && random.nextBoolean()) {
                datagram[3] = (byte) random.nextInt(4);
                datagram[0] = datagram[1] = datagram[2] = 0;
            }
            try {
                UdpResponseDecoder.decode(Unpooled.wrappedBuffer(datagram));
            } catch (UdpResponseDecoder.MalformedDatagramException expected) {
                // dropped, as it should be
            }
        }
    }
}
