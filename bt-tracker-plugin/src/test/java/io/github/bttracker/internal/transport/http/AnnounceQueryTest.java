package io.github.bttracker.internal.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bttracker.core.AnnounceEvent;
import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import java.net.URI;
import org.junit.jupiter.api.Test;

class AnnounceQueryTest {

    /** Bytes chosen to cover digits, letters, unreserved marks, reserved characters, NUL and high bytes. */
    private static final byte[] HASH_BYTES = {
        '0', '9', 'A', 'z', '-', '.', '_', '~', ' ', '%', '&', '=', '+', '/', '?', 0x00, 0x7F, (byte) 0x80,
        (byte) 0xFF, (byte) 0xAB};
    private static final InfoHash HASH = InfoHash.of(HASH_BYTES);
    private static final PeerId PEER = PeerId.of("-BT0001-abcdefghijkl".getBytes());

    @Test
    void encodesBinaryValuesByteByByteKeepingUnreservedCharacters() {
        assertThat(PercentEncoding.encode(HASH_BYTES))
                .isEqualTo("09Az-._~%20%25%26%3D%2B%2F%3F%00%7F%80%FF%AB");
    }

    /** What the exchange requests for this announce, as one URI. */
    private static URI uri(String announceUrl, AnnounceRequest request) {
        return AnnounceQuery.request(RequestUri.of(URI.create(announceUrl)), request).uri();
    }

    @Test
    void digitsAreNotEncoded() {
        assertThat(PercentEncoding.encode("0123456789".getBytes())).isEqualTo("0123456789");
    }

    @Test
    void buildsTheBep3QueryWithCompactAndEvent() {
        AnnounceRequest request = AnnounceRequest.builder(HASH, PEER, 6881).event(AnnounceEvent.STARTED)
                .uploaded(10).downloaded(20).left(30).numWant(50).key(0x1A2B3C4D).build();
        URI uri = uri("http://tracker.example:8080/announce", request);
        assertThat(uri.toString()).isEqualTo("http://tracker.example:8080/announce"
                + "?info_hash=09Az-._~%20%25%26%3D%2B%2F%3F%00%7F%80%FF%AB"
                + "&peer_id=-BT0001-abcdefghijkl&port=6881&uploaded=10&downloaded=20&left=30&compact=1"
                + "&numwant=50&key=1A2B3C4D&event=started");
    }

    @Test
    void keepsAnExistingQueryString() {
        AnnounceRequest request = AnnounceRequest.builder(HASH, PEER, 1).build();
        URI uri = uri("https://t.example/announce.php?passkey=s3cr%2Ft", request);
        assertThat(uri.getRawQuery()).startsWith("passkey=s3cr%2Ft&info_hash=");
        assertThat(uri.getRawPath()).isEqualTo("/announce.php");
    }

    @Test
    void leavesOutLeftWhenUnknownAndEventForRegularAnnounces() {
        AnnounceRequest request = AnnounceRequest.builder(HASH, PEER, 1).build();
        String query = uri("http://t/announce", request).getRawQuery();
        assertThat(query).doesNotContain("left=").doesNotContain("event=").contains("compact=1");
    }

    @Test
    void sendsTrackerIdAndCustomParametersEncoded() {
        AnnounceRequest request = AnnounceRequest.builder(HASH, PEER, 1).trackerId("id \u00ff")
                .customParameter("supportcrypto", "1").customParameter("x y", "a&b").build();
        String query = uri("http://t/announce", request).getRawQuery();
        assertThat(query).endsWith("&trackerid=id%20%FF&supportcrypto=1&x%20y=a%26b");
    }

    @Test
    void dropsAFragment() {
        AnnounceRequest request = AnnounceRequest.builder(HASH, PEER, 1).build();
        URI uri = uri("http://t/announce#frag", request);
        assertThat(uri.getRawFragment()).isNull();
        assertThat(uri.getRawQuery()).startsWith("info_hash=");
    }
}
