package io.github.bttracker.internal.transport.http;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP codec, {@link InformationalResponses} and the aggregator, as in a connection's pipeline. */
class InformationalResponsesTest {

    private static final String CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n";
    private static final String EARLY_HINTS = "HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n";
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\nd1:ai1ee";

    private final EmbeddedChannel channel = new EmbeddedChannel(
            new HttpClientCodec(), new InformationalResponses(), new HttpObjectAggregator(1024));

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void interimResponsesBeforeTheFinalOneAreSkipped() {
        receive(CONTINUE + EARLY_HINTS + EARLY_HINTS + OK);

        assertFinalResponse();
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void anInterimResponseAloneHandsNothingOn() {
        receive(CONTINUE);
        assertThat((Object) channel.readInbound()).isNull();

        receive(OK);
        assertFinalResponse();
    }

    @Test
    void switchingProtocolsIsAFailureAndWhatFollowsIsDropped() {
        assertThatThrownBy(() -> receive(
                "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n" + OK))
                .isInstanceOf(InformationalResponses.UnaskedProtocolSwitch.class)
                .hasMessage("HTTP status 101 (Switching Protocols) although no protocol switch was asked for");
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void aWebSocketSwitchWithABodyIsAFailureToo() {
        assertThatThrownBy(() -> receive(
                "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\nhello"))
                .isInstanceOf(InformationalResponses.UnaskedProtocolSwitch.class);
        receive("more of the new protocol");
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void anInterimResponseThatFailedToDecodeGoesOnToFailTheRequest() {
        receive("HTTP/1.1 103 Early Hints\r\nLink: " + "x".repeat(10_000) + "\r\n\r\n");

        FullHttpResponse response = channel.readInbound();
        try {
            assertThat(response.decoderResult().cause()).isInstanceOf(TooLongHttpHeaderException.class);
        } finally {
            response.release();
        }
    }

    private void receive(String ascii) {
        channel.writeInbound(Unpooled.copiedBuffer(ascii, US_ASCII));
    }

    private void assertFinalResponse() {
        FullHttpResponse response = channel.readInbound();
        try {
            assertThat(response.status().code()).isEqualTo(200);
            assertThat(response.content().toString(US_ASCII)).isEqualTo("d1:ai1ee");
        } finally {
            response.release();
        }
    }
}
