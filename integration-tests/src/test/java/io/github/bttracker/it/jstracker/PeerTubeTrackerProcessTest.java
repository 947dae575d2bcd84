package io.github.bttracker.it.jstracker;

import java.util.Map;

/**
 * {@link JsTrackerProcessTest}'s tests against PeerTube's fork of the reference tracker,
 * {@code @peertube/bittorrent-tracker-server} 11.1.2. Its server code (server.js and lib/) is the
 * same, byte for byte, as the reference's 11.2.3, so it answers the same; it differs only in an
 * older bittorrent-peerid, which names fewer clients in {@code /stats.json}. They need
 * {@code npm ci --ignore-scripts} run in {@code integration-tests/peertube-tracker} and fail,
 * rather than skip, when it was not.
 */
class PeerTubeTrackerProcessTest extends JsTrackerProcessTest {

    @Override
    JsTrackerPackage trackerPackage() {
        return JsTrackerPackage.PEERTUBE;
    }

    /** Its bittorrent-peerid 1.3.6 does not know RUM Torrent: the peer id's first 8 characters stand as the version. */
    @Override
    Map<String, Map<String, Integer>> rumTorrentInStats() {
        return Map.of("unknown", Map.of("-RM0100-", 1));
    }
}
