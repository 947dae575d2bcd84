package io.github.bttracker.testing;

import static io.github.bttracker.testing.TrackerTestSupport.id;
import static io.github.bttracker.testing.internal.BareUdpClient.announceRequest;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.bttracker.testing.UdpRequest.Announce;
import io.github.bttracker.testing.UdpRequest.Malformed;
import io.github.bttracker.testing.internal.BareUdpClient;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class UdpRequestDecoderTest {

    private static UdpRequest announceWith(byte[] options) {
        return UdpRequestDecoder.decode(announceRequest(1, 2, id(1), id(2), 0, -1, 6881, 0, -1, options));
    }

    private static String urlDataOf(byte[] options) {
        return ((Announce) announceWith(options)).urlData();
    }

    @Test
    void readsUrlDataAcrossChunksAndNops() {
        byte[] options = BareUdpClient.urlDataOptions("/announce?a=" + "x".repeat(300), 255);

        assertThat(urlDataOf(options)).isEqualTo("/announce?a=" + "x".repeat(300));
    }

    @Test
    void stopsAtEndOfOptions() {
        assertThat(urlDataOf(new byte[] {2, 2, '/', 'a', 0, 2, 2, '/', 'b'})).isEqualTo("/a");
    }

    @Test
    void keepsWhatCameBeforeAnUnknownOrTruncatedOption() {
        assertThat(urlDataOf(new byte[] {2, 2, '/', 'a', 9, 1, 'z'})).isEqualTo("/a");
        assertThat(urlDataOf(new byte[] {2, 2, '/', 'a', 2, 5, 'b'})).isEqualTo("/a");
        assertThat(urlDataOf(new byte[] {2})).isEmpty();
    }

    @Test
    void decodesUrlDataOneCharPerByte() {
        assertThat(urlDataOf(new byte[] {2, 2, '/', (byte) 0xE9})).isEqualTo("/\u00e9");
    }

    @Test
    void decodesSignedAndUnsignedFields() {
        Announce announce = (Announce) UdpRequestDecoder.decode(
                announceRequest(1, 2, id(1), id(2), 0, -1, 65535, 0, -1, new byte[0]));

        assertThat(announce.left()).isEqualTo(-1);
        assertThat(announce.numWant()).isEqualTo(-1);
        assertThat(announce.port()).isEqualTo(65535);
        assertThat(announce.ipAddress()).isEmpty();
    }

    @Test
    void rejectsConnectsWithoutTheProtocolId() {
        byte[] connect = ByteBuffer.allocate(16).putLong(0x41727101981L).putInt(0).putInt(5).array();

        assertThat(UdpRequestDecoder.decode(connect)).isInstanceOfSatisfying(Malformed.class, malformed -> {
            assertThat(malformed.action()).isZero();
            assertThat(malformed.transactionId()).isEqualTo(5);
        });
    }

    @Test
    void rejectsScrapesWithoutWholeInfoHashes() {
        byte[] header = ByteBuffer.allocate(16).putLong(1).putInt(2).putInt(3).array();
        byte[] partial = ByteBuffer.allocate(26).putLong(1).putInt(2).putInt(3).put(new byte[10]).array();

        assertThat(UdpRequestDecoder.decode(header)).isInstanceOf(Malformed.class);
        assertThat(UdpRequestDecoder.decode(partial)).isInstanceOf(Malformed.class);
    }
}
