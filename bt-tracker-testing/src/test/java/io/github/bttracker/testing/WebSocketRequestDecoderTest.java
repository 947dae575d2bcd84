package io.github.bttracker.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.bttracker.testing.WebSocketRequest.Announce;
import io.github.bttracker.testing.WebSocketRequest.Answer;
import io.github.bttracker.testing.WebSocketRequest.Malformed;
import io.github.bttracker.testing.WebSocketRequest.Scrape;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebSocketRequestDecoderTest {
    private static final String HASH = "\u0000\u007f\u0080\u00ff" + "h".repeat(16);
    private static final String PEER = "p".repeat(20);

    private static WebSocketRequest decode(String json) throws Exception {
        return WebSocketRequestDecoder.decode(WebSocketJson.parse(json), null);
    }

    private static String quoted(String id) {
        return WebSocketJson.write(WebSocketJson.toTree(id));
    }

    @Test
    void decodesAnAnnounceLeniently() throws Exception {
        WebSocketRequest request = decode("{\"action\":\"announce\",\"info_hash\":" + quoted(HASH)
                + ",\"peer_id\":\"" + PEER + "\",\"left\":\"12\",\"event\":\"STARTED\",\"numwant\":-1,"
                + "\"offers\":[{\"offer_id\":\"x\",\"offer\":{\"type\":\"offer\",\"sdp\":\"s\"}}]}");

        assertThat(request).isInstanceOfSatisfying(Announce.class, announce -> {
            assertThat(announce.infoHash()).isEqualTo(HASH);
            assertThat(announce.left()).isEqualTo(12L);
            assertThat(announce.event()).isEqualTo(AnnounceEvent.STARTED);
            assertThat(announce.numWant()).isEmpty();
            assertThat(announce.offers()).singleElement().satisfies(offer ->
                    assertThat(offer.offerId()).isEqualTo("x"));
        });
        assertThat(decode("{\"action\":\"announce\",\"info_hash\":" + quoted(HASH) + ",\"peer_id\":\"" + PEER
                + "\",\"left\":\"lots\"}")).isInstanceOfSatisfying(Announce.class, announce ->
                assertThat(announce.left()).isNull());
    }

    @Test
    void decodesAnswersAndScrapes() throws Exception {
        assertThat(decode("{\"action\":\"announce\",\"info_hash\":" + quoted(HASH) + ",\"peer_id\":\"" + PEER
                + "\",\"to_peer_id\":\"" + "t".repeat(20) + "\",\"offer_id\":\"o\",\"answer\":{\"type\":\"answer\"}}"))
                .isInstanceOfSatisfying(Answer.class, answer -> {
                    assertThat(answer.toPeerId()).isEqualTo("t".repeat(20));
                    assertThat(answer.offerId()).isEqualTo("o");
                });
        assertThat(decode("{\"action\":\"scrape\",\"info_hash\":" + quoted(HASH) + "}"))
                .isEqualTo(new Scrape(List.of(HASH)));
        assertThat(decode("{\"action\":\"scrape\",\"info_hash\":[]}")).isEqualTo(new Scrape(List.of()));
        assertThat(decode("{\"action\":\"scrape\",\"info_hash\":null}")).isEqualTo(new Scrape(List.of()));
    }

    @Test
    void rejectsWhatTheReferenceServerRejects() throws Exception {
        assertThat(WebSocketRequestDecoder.decode(null, "boom"))
                .isEqualTo(new Malformed("invalid JSON: boom", null, null));
        assertThat(decode("{\"action\":\"announce\",\"info_hash\":\"" + "\u0100".repeat(20) + "\",\"peer_id\":\""
                + PEER + "\"}")).isEqualTo(new Malformed("invalid info_hash", "announce", null));
        assertThat(decode("{\"action\":\"announce\",\"info_hash\":" + quoted(HASH) + ",\"peer_id\":7}"))
                .isEqualTo(new Malformed("invalid peer_id", "announce", HASH));
        assertThat(decode("{\"action\":\"announce\",\"info_hash\":" + quoted(HASH) + ",\"peer_id\":\"" + PEER
                + "\",\"offers\":[{\"offer_id\":\"x\"}]}")).isInstanceOf(Malformed.class);
        assertThat(decode("{\"action\":\"scrape\",\"info_hash\":5}")).isInstanceOf(Malformed.class);
        JsonNode noAction = WebSocketJson.parse("{}");
        assertThat(WebSocketRequestDecoder.decode(noAction, null)).isInstanceOfSatisfying(Malformed.class,
                malformed -> assertThat(malformed.problem()).startsWith("invalid action"));
    }
}
