package io.github.bttracker.internal.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bttracker.core.AnnounceEvent;
import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.core.ScrapeResult;
import io.github.bttracker.spi.WebRtc;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WsMessagesTest {

    static final InfoHash HASH = InfoHash.fromHex("00017f80ff0102030405060708090a0b0c0d0e0f");
    static final PeerId PEER = PeerId.fromHex("2d5757303030312d00ff112233445566778899aa");
    final WsMessages messages = new WsMessages(1024 * 1024);
    final ObjectMapper json = new ObjectMapper();

    @Test
    void encodesAnAnnounceWithBinaryFieldsAsOneCharacterPerByte() throws Exception {
        AnnounceRequest request = AnnounceRequest.builder(HASH, PEER, 0).event(AnnounceEvent.STARTED).uploaded(1)
                .downloaded(2).left(3).numWant(5).customParameter("x", "y").build();
        JsonNode m = json.readTree(messages.announce(request,
                List.of(new WebRtc.Offer("o1", new WebRtc.Signal("offer", "v=0"))), "tid"));
        assertThat(m.get("action").asText()).isEqualTo("announce");
        assertThat(m.get("info_hash").asText().getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(HASH.bytes());
        assertThat(m.get("peer_id").asText().getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(PEER.bytes());
        assertThat(m.get("event").asText()).isEqualTo("started");
        assertThat(m.get("left").asLong()).isEqualTo(3);
        assertThat(m.get("numwant").asInt()).isEqualTo(5);
        assertThat(m.get("trackerid").asText()).isEqualTo("tid");
        assertThat(m.get("x").asText()).isEqualTo("y");
        assertThat(m.get("offers").get(0).get("offer_id").asText()).isEqualTo("o1");
        assertThat(m.get("offers").get(0).get("offer").get("sdp").asText()).isEqualTo("v=0");
    }

    @Test
    void leavesOutEventOffersAndLeftWhenThereAreNone() throws Exception {
        JsonNode m = json.readTree(messages.announce(AnnounceRequest.builder(HASH, PEER, 0).build(), List.of(), null));
        assertThat(m.has("event")).isFalse();
        assertThat(m.has("offers")).isFalse();
        assertThat(m.has("left")).isFalse();
        assertThat(m.has("trackerid")).isFalse();
    }

    @Test
    void encodesScrapesAndAnswers() throws Exception {
        JsonNode scrape = json.readTree(messages.scrape(List.of(HASH, HASH)));
        assertThat(scrape.get("info_hash").size()).isEqualTo(2);
        JsonNode answer = json.readTree(messages.answer(HASH, PEER, PEER, "o2", new WebRtc.Signal("answer", "a")));
        assertThat(answer.get("to_peer_id").asText()).hasSize(20);
        assertThat(answer.get("answer").get("type").asText()).isEqualTo("answer");
    }

    @Test
    void decodesRepliesRelayedOffersAnswersAndFailures() throws Exception {
        String hash = HASH.toLatin1();
        String peer = PEER.toLatin1();
        assertThat(messages.decode(json.createObjectNode().put("action", "announce").put("info_hash", hash)
                .put("interval", 120).put("complete", 2).put("incomplete", 3).put("tracker id", "t")
                .put("warning message", "w").toString()))
                .isEqualTo(new WsMessage.AnnounceReply(HASH, 120, 2, 3, "t", "w"));
        assertThat(messages.decode("{\"action\":\"announce\",\"info_hash\":" + json.writeValueAsString(hash)
                + ",\"peer_id\":" + json.writeValueAsString(peer)
                + ",\"offer_id\":\"o\",\"offer\":{\"type\":\"offer\",\"sdp\":\"s\"}}"))
                .isEqualTo(new WsMessage.RelayedOffer(HASH, PEER, "o", new WebRtc.Signal("offer", "s")));
        assertThat(messages.decode("{\"action\":\"announce\",\"info_hash\":" + json.writeValueAsString(hash)
                + ",\"peer_id\":" + json.writeValueAsString(peer)
                + ",\"offer_id\":\"o\",\"answer\":{\"type\":\"answer\",\"sdp\":\"s\"}}"))
                .isEqualTo(new WsMessage.RelayedAnswer(HASH, PEER, "o", new WebRtc.Signal("answer", "s")));
        assertThat(messages.decode("{\"failure reason\":\"nope\",\"action\":\"announce\",\"info_hash\":"
                + json.writeValueAsString(hash) + "}")).isEqualTo(new WsMessage.Failure("nope", HASH, "announce"));
        assertThat(messages.decode("{\"failure reason\":\"nope\"}")).isEqualTo(new WsMessage.Failure("nope", null,
                null));
    }

    @Test
    void decodesScrapeFilesKeyedByInfoHash() throws Exception {
        String text = "{\"action\":\"scrape\",\"files\":{" + json.writeValueAsString(HASH.toLatin1())
                + ":{\"complete\":1,\"incomplete\":2,\"downloaded\":3},\"short\":{\"complete\":9}}}";
        assertThat(messages.decode(text)).isEqualTo(new WsMessage.ScrapeReply(
                java.util.Map.of(HASH, new ScrapeResult(HASH, 1, 2, 3))));
    }

    @Test
    void readsAsATreeReaderDoes() throws Exception {
        String hash = json.writeValueAsString(HASH.toLatin1());
        // a later duplicate key replaces an earlier one; a fraction is cut; a number beyond a long counts as absent
        assertThat(messages.decode("{\"action\":\"scrape\",\"action\":\"announce\",\"info_hash\":" + hash
                + ",\"interval\":120.9,\"complete\":99999999999999999999,\"incomplete\":\"3\"}"))
                .isEqualTo(new WsMessage.AnnounceReply(HASH, 120, -1, -1, null, null));
        // only the first JSON value is read
        assertThat(messages.decode("{\"failure reason\":\"nope\"} trailing")).isEqualTo(new WsMessage.Failure("nope",
                null, null));
        assertThatThrownBy(() -> messages.decode("")).hasMessageContaining("not a JSON object");
    }

    @Test
    void aCustomParameterNamedLikeAFieldReplacesItInPlace() throws Exception {
        AnnounceRequest request = AnnounceRequest.builder(HASH, PEER, 0).customParameter("uploaded", "7").build();
        String text = messages.announce(request, List.of(), null);
        assertThat(text).containsOnlyOnce("\"uploaded\"").contains("\"uploaded\":\"7\",\"downloaded\":0,");
    }

    @Test
    void rejectsMalformedAndHostileJson() {
        assertThatThrownBy(() -> messages.decode("not json")).isInstanceOf(WsMessages.MalformedMessageException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> messages.decode("[1,2]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> messages.decode("{\"action\":\"dance\"}")).hasMessageContaining("unknown action");
        assertThatThrownBy(() -> messages.decode("{\"action\":\"announce\",\"info_hash\":\"short\"}"))
                .hasMessageContaining("info_hash");
        String deep = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
        assertThatThrownBy(() -> messages.decode(deep)).isInstanceOf(WsMessages.MalformedMessageException.class)
                .hasMessageContaining("nesting");
        String hugeNumber = "{\"action\":\"announce\",\"interval\":" + "9".repeat(1000) + "}";
        assertThatThrownBy(() -> messages.decode(hugeNumber)).isInstanceOf(WsMessages.MalformedMessageException.class);
        WsMessages small = new WsMessages(100);
        assertThatThrownBy(() -> small.decode("{\"failure reason\":\"" + "x".repeat(200) + "\"}"))
                .isInstanceOf(WsMessages.MalformedMessageException.class);
    }
}
