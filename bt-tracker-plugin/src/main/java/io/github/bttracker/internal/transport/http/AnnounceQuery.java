package io.github.bttracker.internal.transport.http;

import io.github.bttracker.core.AnnounceEvent;
import io.github.bttracker.core.AnnounceRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

/**
 * The announce request of BEP 3 (with BEP 7/23 additions): the tracker's URL with the announce parameters appended
 * to its query, keeping any query it already has (private trackers put passkeys there).
 */
final class AnnounceQuery {

    private static final HexFormat KEY_DIGITS = HexFormat.of().withUpperCase();

    private AnnounceQuery() {
    }

    /**
     * @param announceUrl the tracker's URL
     * @return what to GET for this announce
     */
    static RequestUri request(RequestUri announceUrl, AnnounceRequest request) {
        return announceUrl.withParameters(parameters(request));
    }

    /** @return the announce's parameters, percent-encoded, joined by '&amp;' */
    static String parameters(AnnounceRequest request) {
        StringBuilder q = new StringBuilder(256);
        param(q, "info_hash").append(PercentEncoding.encode(request.infoHash().bytes()));
        param(q, "peer_id").append(PercentEncoding.encode(request.peerId().bytes()));
        param(q, "port").append(request.port());
        param(q, "uploaded").append(request.uploaded());
        param(q, "downloaded").append(request.downloaded());
        // BEP 3 lists 'left' as required, but for a magnet link without metadata it is not known; sending a
        // made-up number would mislead the tracker's seeder/leecher counts, so it is left out.
        request.left().ifPresent(left -> param(q, "left").append(left));
        param(q, "compact").append(1);
        param(q, "numwant").append(request.numWant());
        // libtorrent and Transmission send the 32-bit key as 8 hex digits; trackers compare it as text.
        request.key().ifPresent(key -> param(q, "key").append(KEY_DIGITS.toHexDigits(key)));
        if (request.event() != AnnounceEvent.NONE) {
            param(q, "event").append(request.event().httpValue());
        }
        request.trackerId().ifPresent(id ->
                param(q, "trackerid").append(PercentEncoding.encode(id.getBytes(StandardCharsets.ISO_8859_1))));
        for (Map.Entry<String, String> custom : request.customParameters().entrySet()) {
            param(q, PercentEncoding.encode(custom.getKey())).append(PercentEncoding.encode(custom.getValue()));
        }
        return q.toString();
    }

    private static StringBuilder param(StringBuilder q, String name) {
        if (q.length() > 0) {
            q.append('&');
        }
        return q.append(name).append('=');
    }
}
