package io.github.bttracker.internal.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bttracker.core.CollidingInfoHashes;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.ScrapeResult;
import io.github.bttracker.core.TrackerException;
import io.github.bttracker.internal.bencode.BencodeEncoder;
import io.github.bttracker.internal.bencode.BencodeLimits;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScrapeResponseMapperTest {

    private static final String URL = "http://tracker.test/announce";
    private static final InfoHash HIGH = InfoHash.fromHex("ff00ff00ff00ff00ff00ff00ff00ff00ff00ff80");
    private static final InfoHash LOW = InfoHash.fromHex("0101010101010101010101010101010101010101");

    private static Map<InfoHash, ScrapeResult> map(Object response) throws TrackerException {
        return ScrapeResponseMapper.map(URL, BencodeEncoder.encode(response), BencodeLimits.defaults());
    }

    @Test
    void keysResultsByRawInfoHash() throws Exception {
        Map<InfoHash, ScrapeResult> results = map(Map.of("files", Map.of(
                HIGH.bytes(), Map.of("complete", 3, "incomplete", 4, "downloaded", 5),
                LOW.bytes(), Map.of("complete", 0, "incomplete", 1, "downloaded", 0))));
        assertThat(results).containsOnly(
                Map.entry(HIGH, new ScrapeResult(HIGH, 3, 4, 5)), Map.entry(LOW, new ScrapeResult(LOW, 0, 1, 0)));
    }

    @Test
    void acceptsKeysWrittenAsUtf8OfTheLatin1String() throws Exception {
        byte[] utf8Key = HIGH.toLatin1().getBytes(StandardCharsets.UTF_8);
        assertThat(utf8Key.length).isGreaterThan(20);
        Map<InfoHash, ScrapeResult> results = map(Map.of("files", Map.of(
                utf8Key, Map.of("complete", 1, "incomplete", 2, "downloaded", 3))));
        assertThat(results).containsEntry(HIGH, new ScrapeResult(HIGH, 1, 2, 3));
    }

    /**
     * A response nearly as large as the default limit allows (1 MiB), of info hashes a hostile tracker made to collide
     * in their hash code, is read whole (that it is read in O(n log n), not O(n<sup>2</sup>), is
     * {@code InfoHashTest}'s).
     */
    @Test
    void aResponseOfInfoHashesMadeToCollideIsReadWhole() throws Exception {
        Map<byte[], Object> files = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 14_000; i++) {
            files.put(CollidingInfoHashes.nth(i).bytes(), Map.of("complete", 1, "incomplete", 2, "downloaded", i));
        }
        byte[] body = BencodeEncoder.encode(Map.of("files", files));
        assertThat(body.length).isLessThanOrEqualTo(BencodeLimits.defaults().maxInputSize());
        Map<InfoHash, ScrapeResult> results = ScrapeResponseMapper.map(URL, body, BencodeLimits.defaults());
        assertThat(results).hasSize(14_000);
        assertThat(results.get(CollidingInfoHashes.nth(13_999)).downloaded()).isEqualTo(13_999);
        assertThat(results.keySet().stream().map(InfoHash::hashCode).distinct()).hasSize(1);
    }

    @Test
    void missingCountsAreZero() throws Exception {
        assertThat(map(Map.of("files", Map.of(LOW.bytes(), Map.of())))).containsEntry(LOW,
                new ScrapeResult(LOW, 0, 0, 0));
    }

    @Test
    void failureReasonBecomesATrackerFailure() {
        assertThatThrownBy(() -> map(Map.of("failure reason", "scrape disabled")))
                .isInstanceOf(TrackerException.class).hasMessageContaining("scrape disabled")
                .extracting(e -> ((TrackerException) e).kind()).isEqualTo(TrackerException.Kind.TRACKER_FAILURE);
    }

    @Test
    void aResponseWithoutFilesIsMalformed() {
        assertThatThrownBy(() -> map(Map.of("interval", 5)))
                .isInstanceOf(TrackerException.class).hasMessageContaining("'files'")
                .extracting(e -> ((TrackerException) e).kind()).isEqualTo(TrackerException.Kind.MALFORMED_RESPONSE);
    }
}
