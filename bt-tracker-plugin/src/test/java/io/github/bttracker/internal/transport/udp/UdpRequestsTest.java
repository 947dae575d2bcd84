package io.github.bttracker.internal.transport.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bttracker.core.AnnounceEvent;
import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class UdpRequestsTest {

    static final InfoHash HASH = InfoHash.fromHex("0102030405060708090a0b0c0d0e0f1011121314");
    static final PeerId PEER = PeerId.fromHex("ffeeddccbbaa99887766554433221100ffeeddcc");

    static String hex(ByteBuf buf) {
        return ByteBufUtil.hexDump(buf);
    }

    @Test
    void encodesAConnectRequest() {
        ByteBuf out = Unpooled.buffer();
        UdpRequests.connect(out, 0x01020304);
        assertThat(hex(out)).isEqualTo("0000041727101980" + "00000000" + "01020304");
    }

    @Test
    void encodesAnAnnounceAsBep15LaysItOut() {
        AnnounceRequest request = AnnounceRequest.builder(HASH, PEER, 6881).event(AnnounceEvent.STARTED)
                .uploaded(3).downloaded(1).left(2).numWant(50).key(0xCAFEBABE).build();
        ByteBuf out = Unpooled.buffer();
        UdpRequests.announce(out, 0x1122334455667788L, 7, request, "");
        assertThat(out.readableBytes()).isEqualTo(98).isEqualTo(UdpRequests.announceLength(""));
        assertThat(hex(out)).isEqualTo("1122334455667788" + "00000001" + "00000007"
                + HASH.toHex() + PEER.toHex()
                + "0000000000000001" + "0000000000000002" + "0000000000000003"
                + "00000002" + "00000000" + "cafebabe" + "00000032" + "1ae1");
    }

    @Test
    void sendsEventCodesAndUnknownLeftAsMinusOne() {
        for (AnnounceEvent event : AnnounceEvent.values()) {
            ByteBuf out = Unpooled.buffer();
            UdpRequests.announce(out, 1, 1, AnnounceRequest.builder(HASH, PEER, 1).event(event).build(), "");
            assertThat(out.getInt(80)).isEqualTo(event.udpCode());
            assertThat(out.getLong(64)).isEqualTo(-1L);
        }
        assertThat(List.of(AnnounceEvent.NONE.udpCode(), AnnounceEvent.COMPLETED.udpCode(),
                AnnounceEvent.STARTED.udpCode(), AnnounceEvent.STOPPED.udpCode())).containsExactly(0, 1, 2, 3);
    }

    @Test
    void appendsUrlDataInChunksOfAtMost255Bytes() {
        String urlData = "/announce?passkey=" + "x".repeat(300);
        ByteBuf out = Unpooled.buffer();
        UdpRequests.announce(out, 1, 1, AnnounceRequest.builder(HASH, PEER, 1).build(), urlData);
        assertThat(out.readableBytes()).isEqualTo(UdpRequests.announceLength(urlData));
        out.skipBytes(98);
        StringBuilder reassembled = new StringBuilder();
        List<Integer> chunkLengths = new ArrayList<>();
        while (out.isReadable()) {
            assertThat(out.readUnsignedByte()).isEqualTo((short) 2);
            int length = out.readUnsignedByte();
            chunkLengths.add(length);
            reassembled.append(out.readCharSequence(length, StandardCharsets.UTF_8));
        }
        assertThat(chunkLengths).containsExactly(255, urlData.length() - 255);
        assertThat(reassembled.toString()).isEqualTo(urlData);
    }

    @Test
    void encodesAScrapeOfUpTo74Hashes() {
        List<InfoHash> hashes = new ArrayList<>();
        for (int i = 0; i < 74; i++) {
            byte[] b = new byte[20];
            b[0] = (byte) i;
            hashes.add(InfoHash.of(b));
        }
        ByteBuf out = Unpooled.buffer();
        UdpRequests.scrape(out, 5, 6, hashes);
        assertThat(out.readableBytes()).isEqualTo(16 + 74 * 20);
        assertThat(hex(out.slice(0, 16))).isEqualTo("0000000000000005" + "00000002" + "00000006");
        assertThat(out.getByte(16 + 20 * 73)).isEqualTo((byte) 73);

        List<InfoHash> tooMany = new ArrayList<>(hashes);
        tooMany.add(HASH);
        assertThatThrownBy(() -> UdpRequests.scrape(Unpooled.buffer(), 5, 6, tooMany))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static ByteBuf bytes(String hex) {
        return Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex));
    }
}
