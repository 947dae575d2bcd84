package io.github.bttracker.it.opentracker;

import java.io.IOException;
import java.time.Duration;

/** Questions whose answers tell whether an opentracker is ready. */
final class TrackerProbe {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

    /**
     * The peer a whitelist probe speaks for. opentracker knows peers by address and port, not by
     * peer id, and nobody listens on port 0, so a probe can never remove a real peer.
     */
    private static final String PROBE_PEER = "&peer_id=-OTPROBE-00000000000&port=0";

    private final int port;

    TrackerProbe(int port) {
        this.port = port;
    }

    /** @return whether the stats page answers with 200 */
    boolean statsAnswer() {
        try {
            return LoopbackHttp.get(port, "/stats?mode=version", PROBE_TIMEOUT).status() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    /**
     * Announces {@code event=stopped} for {@code hex}: opentracker answers it with a failure unless
     * the hash is whitelisted, and a stop neither adds a peer nor creates a torrent.
     *
     * @return whether the tracker accepted the hash
     */
    boolean accepts(String hex) {
        String query = "/announce?info_hash=" + InfoHashHex.percentEncoded(hex) + PROBE_PEER
                + "&uploaded=0&downloaded=0&left=0&event=stopped&numwant=0&compact=1";
        try {
            LoopbackHttp.Response response = LoopbackHttp.get(port, query, PROBE_TIMEOUT);
            return response.status() == 200 && !response.text().contains("failure reason");
        } catch (IOException notYet) {
            return false;
        }
    }
}
