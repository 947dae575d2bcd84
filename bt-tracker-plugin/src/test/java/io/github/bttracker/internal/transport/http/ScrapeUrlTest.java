package io.github.bttracker.internal.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bttracker.core.InfoHash;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScrapeUrlTest {

    private static String scrape(String announce) {
        return ScrapeUrl.of(URI.create(announce)).map(URI::toString).orElse(null);
    }

    @Test
    void derivesScrapeUrlsAsBep48Describes() {
        assertThat(scrape("http://example.com/announce")).isEqualTo("http://example.com/scrape");
        assertThat(scrape("http://example.com/x/announce")).isEqualTo("http://example.com/x/scrape");
        assertThat(scrape("http://example.com/announce.php")).isEqualTo("http://example.com/scrape.php");
        assertThat(scrape("http://example.com/a/announce?x2%0644")).isEqualTo("http://example.com/a/scrape?x2%0644");
        assertThat(scrape("http://[::1]:8080/announce?passkey=abc")).isEqualTo("http://[::1]:8080/scrape?passkey=abc");
    }

    @Test
    void reportsUnsupportedScrapeForOtherUrls() {
        assertThat(scrape("http://example.com/a")).isNull();
        assertThat(scrape("http://example.com/announce/x")).isNull();
        assertThat(scrape("http://example.com/a%09nnounce")).isNull();
        assertThat(scrape("http://example.com/")).isNull();
        assertThat(scrape("http://example.com")).isNull();
    }

    @Test
    void repeatsInfoHashForEachTorrent() {
        InfoHash a = InfoHash.fromHex("00000000000000000000000000000000000000ff");
        InfoHash b = InfoHash.fromHex("4141414141414141414141414141414141414141");
        URI uri = ScrapeUrl.withInfoHashes(RequestUri.of(URI.create("http://t/scrape?k=v")), List.of(a, b)).uri();
        assertThat(uri.getRawQuery()).isEqualTo("k=v&info_hash=%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00"
                + "%00%00%00%FF&info_hash=AAAAAAAAAAAAAAAAAAAA");
    }
}
