package io.github.bttracker.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://tracker.example/announce | http://tracker.example/announce",
        "udp://tracker.example:6969 | udp://tracker.example:6969",
        "udp://tracker.example:6969/announce | udp://tracker.example:6969/announce",
        "https://t.example/0123456789abcdef0123456789abcdef/announce | https://t.example/***/announce",
        "https://t.example/announce/a1b2c3d4e5f6a7b8c9d0 | https://t.example/announce/***",
        "https://t.example/announce.php?passkey=s3cr3t&info_hash=x | https://t.example/announce.php?passkey=***&info_hash=x",
        "http://t.example/announce?uk=1&AUTHKEY=abc&key=42&pk=9 | http://t.example/announce?uk=1&AUTHKEY=***&key=***&pk=***",
        "http://user:password@t.example:8080/announce | http://***@t.example:8080/announce",
        "wss://t.example/announce?token=abc#frag | wss://t.example/announce?token=***#frag",
        // long words without digits (or digits without letters) are not keys
        "http://t.example/very-long-announce-path/announce | http://t.example/very-long-announce-path/announce",
        "http://t.example/12345678901234567890 | http://t.example/12345678901234567890",
        "not a url | not a url",
    })
    void masksKeysInUrls(String url, String masked) {
        assertThat(Secrets.maskUrl(url)).isEqualTo(masked);
    }

    @Test
    void masksEveryUrlInAText() {
        assertThat(Secrets.maskUrls("https://t.example/announce?passkey=abc: redirected to "
                + "http://t.example/0123456789abcdef0123/announce?passkey=abc, refused."))
                .isEqualTo("https://t.example/announce?passkey=***: redirected to "
                        + "http://t.example/***/announce?passkey=***, refused.");
        assertThat(Secrets.maskUrls("no URL here")).isEqualTo("no URL here");
        assertThat(Secrets.maskUrls(null)).isNull();
        assertThat(Secrets.maskUrl(null)).isNull();
    }

    @Test
    void trackerExceptionsMaskTheirMessagesButKeepTheUrlForTheProgram() {
        String url = "https://t.example/0123456789abcdef0123456789abcdef/announce?passkey=s3cr3t";
        TrackerException e = new TrackerException(url, TrackerException.Kind.TIMEOUT,
                "no answer; redirected from " + url);
        assertThat(e.getMessage()).doesNotContain("s3cr3t").doesNotContain("0123456789abcdef0123456789abcdef")
                .isEqualTo("https://t.example/***/announce?passkey=***: no answer; redirected from "
                        + "https://t.example/***/announce?passkey=***");
        assertThat(e.detail()).doesNotContain("s3cr3t");
        assertThat(e.trackerUrl()).isEqualTo(url);
        assertThat(e.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void valuesThatNameATrackerMaskItWhenPrinted() {
        String url = "udp://t.example:6969/announce?passkey=s3cr3t";
        TrackerStatus status = new TrackerStatus(url, TrackerStatus.State.NEW, java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), 0, 0, java.util.Optional.empty(),
                java.util.Optional.empty());
        assertThat(status.toString()).doesNotContain("s3cr3t").contains("passkey=***");
        assertThat(status.trackerUrl()).isEqualTo(url);
        AnnounceResponse response = AnnounceResponse.failure(url, "unregistered torrent");
        assertThat(response.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void aUrlIsMaskedWhateverCharactersItHolds() {
        String url = "http://t.example/announce?name=it's <b>&passkey=K3y5ecret";
        assertThat(Secrets.maskUrls("announce to " + url + " failed")).doesNotContain("K3y5ecret")
                .contains("passkey=***");
        TrackerException e = new TrackerException(url, TrackerException.Kind.TIMEOUT, "no answer from " + url);
        assertThat(e.getMessage()).doesNotContain("K3y5ecret");
        assertThat(e.detail()).doesNotContain("K3y5ecret");
        assertThat(e.trackerUrl()).isEqualTo(url);
        assertThat(Secrets.maskUrls("x?token=abc\"def&a=1")).isEqualTo("x?token=***&a=1");
        assertThat(Secrets.maskUrls("see x?tok=abc")).isEqualTo("see x?tok=abc");
    }

    @Test
    void anUnparsableUrlKeepsNoRawCopyInItsException() {
        TrackerException e = TrackerException.invalidUrl("http://t.example/an nounce?passkey=K3y5ecret",
                new java.net.URISyntaxException("http://t.example/an nounce?passkey=K3y5ecret", "Illegal character",
                        19));
        assertThat(e.getMessage()).doesNotContain("K3y5ecret").contains("Illegal character at index 19");
        assertThat(e.getCause()).isNull();
    }
}
