package io.github.bttracker.internal.transport.udp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Coverage-guided fuzzing of the UDP packet decoder (Jazzer): any datagram decodes to a response or is rejected as
 * malformed, never another exception; an announce reply's peers decode or are rejected with
 * {@link IllegalArgumentException} (which the transport reports as a malformed response).
 */
class UdpResponseDecoderFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void decodesOrRejectsAnyDatagram(FuzzedDataProvider data) {
        boolean overIpv6 = data.consumeBoolean();
        byte[] datagram = data.consumeRemainingAsBytes();
        ByteBuf in = Unpooled.wrappedBuffer(datagram);
        UdpResponse response;
        try {
            response = UdpResponseDecoder.decode(in);
        } catch (UdpResponseDecoder.MalformedDatagramException rejected) {
            return;
        } finally {
            in.release();
        }
        if (response instanceof UdpResponse.Announced announced) {
            assertThat(announced.interval()).isNotNegative();
            try {
                UdpPeerEntries.decode(announced.peers(), overIpv6)
                        .forEach(p -> assertThat(p.port()).isBetween(0, 65535));
            } catch (IllegalArgumentException rejected) {
                // reported by the transport as MALFORMED_RESPONSE
            }
        }
    }
}
