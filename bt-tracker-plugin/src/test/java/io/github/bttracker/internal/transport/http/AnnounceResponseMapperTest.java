package io.github.bttracker.internal.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.PeerAddress;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.core.TrackerException;
import io.github.bttracker.internal.bencode.BencodeEncoder;
import io.github.bttracker.internal.bencode.BencodeLimits;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnnounceResponseMapperTest {

    private static final String URL = "http://tracker.test/announce";
    private static final BencodeLimits LIMITS = BencodeLimits.defaults();

    private static AnnounceResponse map(Map<String, Object> dict) throws TrackerException {
        return AnnounceResponseMapper.map(URL, BencodeEncoder.encode(dict), LIMITS);
    }

    private static Map<String, Object> dict(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void mapsCompactIpv4AndIpv6PeersAndCounts() throws Exception {
        byte[] peers = {127, 0, 0, 1, 0x1A, (byte) 0xE1, 10, 0, 0, (byte) 200, (byte) 0xFF, (byte) 0xFF};
        byte[] peers6 = new byte[18];
        peers6[15] = 1;
        peers6[16] = 0x1A;
        peers6[17] = (byte) 0xE2;
        AnnounceResponse r = map(dict("interval", 1800, "min interval", 60, "complete", 5, "incomplete", 7,
                "peers", peers, "peers6", peers6));
        assertThat(r.isSuccess()).isTrue();
        assertThat(r.interval()).hasValue(Duration.ofSeconds(1800));
        assertThat(r.minInterval()).hasValue(Duration.ofSeconds(60));
        assertThat(r.complete()).hasValue(5);
        assertThat(r.incomplete()).hasValue(7);
        assertThat(r.peers()).extracting(PeerAddress::toString)
                .containsExactly("127.0.0.1:6881", "10.0.0.200:65535", "[0:0:0:0:0:0:0:1]:6882");
        assertThat(r.trackerUrl()).isEqualTo(URL);
    }

    @Test
    void mapsDictionaryPeersWithPeerIds() throws Exception {
        byte[] id = "-XX0001-abcdefghijkl".getBytes(StandardCharsets.US_ASCII);
        AnnounceResponse r = map(dict("interval", 60, "peers", List.of(
                dict("ip", "192.168.1.2", "port", 51413, "peer id", id),
                dict("ip", "::1", "port", 6881),
                dict("ip", "not-an-ip.example", "port", 1),
                dict("ip", "1.2.3.4", "port", 0),
                dict("port", 5))));
        assertThat(r.peers()).containsExactly(
                PeerAddress.of(InetAddress.getByName("192.168.1.2"), 51413, PeerId.of(id)),
                PeerAddress.of(InetAddress.getByName("::1"), 6881));
    }

    @Test
    void failureReasonIsAFailedResponseNotAnException() throws Exception {
        AnnounceResponse r = map(dict("failure reason", "torrent not registered \u00e9"));
        assertThat(r.isSuccess()).isFalse();
        assertThat(r.failureReason()).hasValue("torrent not registered \u00e9");
    }

    @Test
    void mapsWarningTrackerIdAndExternalIp() throws Exception {
        byte[] trackerId = {'i', 'd', (byte) 0xFE};
        AnnounceResponse r = map(dict("interval", 60, "peers", new byte[0], "warning message", "slow down",
                "tracker id", trackerId, "external ip", new byte[] {(byte) 203, 0, 113, 9}));
        assertThat(r.warningMessage()).hasValue("slow down");
        assertThat(r.trackerId()).hasValue("id\u00fe");
        assertThat(r.externalIp()).hasValue(InetAddress.getByName("203.0.113.9"));
    }

    @Test
    void ignoresNegativeCounts() throws Exception {
        AnnounceResponse r = map(dict("interval", 5, "complete", -1, "peers", new byte[0]));
        assertThat(r.complete()).isEmpty();
    }

    @Test
    void rejectsNegativeIntervals() {
        for (String key : new String[] {"interval", "min interval"}) {
            assertThatThrownBy(() -> map(dict(key, -5, "peers", new byte[0])))
                    .isInstanceOf(TrackerException.class)
                    .hasMessageContaining(URL).hasMessageContaining("negative " + key + " of -5 s")
                    .extracting(e -> ((TrackerException) e).kind())
                    .isEqualTo(TrackerException.Kind.MALFORMED_RESPONSE);
        }
    }

    @Test
    void rejectsACompactListWhoseLengthIsNotAMultipleOfSix() {
        assertThatThrownBy(() -> map(dict("interval", 60, "peers", new byte[7])))
                .isInstanceOf(TrackerException.class)
                .hasMessageContaining(URL).hasMessageContaining("not a multiple of 6")
                .extracting(e -> ((TrackerException) e).kind()).isEqualTo(TrackerException.Kind.MALFORMED_RESPONSE);
    }

    @Test
    void rejectsWrongTypesNamingTheKey() {
        assertThatThrownBy(() -> map(dict("interval", "soon")))
                .isInstanceOf(TrackerException.class).hasMessageContaining("interval");
        assertThatThrownBy(() -> map(dict("peers", 5)))
                .isInstanceOf(TrackerException.class).hasMessageContaining("peers");
    }

    @Test
    void rejectsBodiesThatAreNotBencodedDictionaries() {
        assertThatThrownBy(() -> AnnounceResponseMapper.map(URL, "<html>oops</html>".getBytes(), LIMITS))
                .isInstanceOf(TrackerException.class).hasMessageContaining("invalid bencode")
                .hasMessageContaining("offset");
        assertThatThrownBy(() -> AnnounceResponseMapper.map(URL, "li1ee".getBytes(), LIMITS))
                .isInstanceOf(TrackerException.class).hasMessageContaining("not a bencoded dictionary");
        assertThatThrownBy(() -> AnnounceResponseMapper.map(URL, new byte[0], LIMITS))
                .isInstanceOf(TrackerException.class);
    }

    @Test
    void rejectsNestingBeyondTheLimit() {
        byte[] deep = ("d1:x" + "l".repeat(100_000)).getBytes();
        assertThatThrownBy(() -> AnnounceResponseMapper.map(URL, deep, LIMITS))
                .isInstanceOf(TrackerException.class).hasMessageContaining("nesting");
    }
}
