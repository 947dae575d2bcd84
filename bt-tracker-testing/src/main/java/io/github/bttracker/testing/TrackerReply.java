package io.github.bttracker.testing;

import java.util.Map;

/**
 * A tracker's answer before it is encoded: an HTTP status and a bencodable dictionary.
 *
 * @param status the HTTP status; trackers report failures with 200 and a {@code failure reason}
 * @param body   the dictionary to bencode
 */
record TrackerReply(int status, Map<String, Object> body) {

    /** A {@code {"failure reason": reason}} reply. */
    static TrackerReply failure(int status, String reason) {
        return new TrackerReply(status, Map.of("failure reason", reason));
    }
}
