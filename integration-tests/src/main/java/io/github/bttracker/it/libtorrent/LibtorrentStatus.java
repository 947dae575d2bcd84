package io.github.bttracker.it.libtorrent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One status line of the driver: what libtorrent itself reported about its torrent at one moment.
 *
 * @param state                libtorrent's torrent state: {@code checking_files}, {@code downloading_metadata},
 *                             {@code downloading}, {@code finished}, {@code seeding}...
 * @param progress             0 to 1, of the wanted pieces
 * @param seeding              whether libtorrent has every piece and seeds
 * @param numPeers             peers connected now, seeds included (libtorrent's {@code num_peers})
 * @param totalPayloadDownload piece bytes received in this session
 * @param totalPayloadUpload   piece bytes sent in this session
 * @param connected            the peers connected now
 * @param peersSeen            every peer whose peer id libtorrent learned since the start, connected or not
 * @param announces            every tracker announce libtorrent sent, in order
 * @param lastReply            the last successful tracker answer
 * @param lastError            the last tracker failure (an error or the tracker's failure reason)
 */
public record LibtorrentStatus(
        String state,
        double progress,
        boolean seeding,
        int numPeers,
        long totalPayloadDownload,
        long totalPayloadUpload,
        List<Peer> connected,
        List<Peer> peersSeen,
        List<Announce> announces,
        Optional<TrackerReply> lastReply,
        Optional<TrackerError> lastError) {

    /**
     * A peer as libtorrent knows it.
     *
     * @param peerIdHex its peer id, 40 hex digits
     * @param ip        the address libtorrent connected to or accepted from
     * @param port      that connection's remote port (the listen port only if libtorrent connected out)
     */
    public record Peer(String peerIdHex, String ip, int port) {
    }

    /** @param event {@code started}, {@code completed}, {@code stopped} or {@code none} */
    public record Announce(String url, String event) {
    }

    /** @param numPeers how many peers the tracker's answer listed */
    public record TrackerReply(String url, int numPeers) {
    }

    /** @param error libtorrent's error; @param failureReason the tracker's own message, if it sent one */
    public record TrackerError(String url, String error, String failureReason, int timesInRow) {
    }

    /** @return whether libtorrent announced {@code event} to {@code url} */
    public boolean announced(String url, String event) {
        return announces.contains(new Announce(url, event));
    }

    /** @return whether a peer with this peer id (40 hex digits, any case) has been connected */
    public boolean hasSeen(String peerIdHex) {
        return peersSeen.stream().anyMatch(peer -> peer.peerIdHex().equalsIgnoreCase(peerIdHex));
    }

    static LibtorrentStatus parse(JsonNode line) {
        JsonNode tracker = line.path("tracker");
        List<Announce> announces = new ArrayList<>();
        tracker.path("announces").forEach(a -> announces.add(new Announce(a.path("url").asText(),
                a.path("event").asText())));
        JsonNode reply = tracker.path("last_reply");
        JsonNode error = tracker.path("last_error");
        return new LibtorrentStatus(
                line.path("state").asText(),
                line.path("progress").asDouble(),
                line.path("is_seeding").asBoolean(),
                line.path("num_peers").asInt(),
                line.path("total_payload_download").asLong(),
                line.path("total_payload_upload").asLong(),
                peers(line.path("connected")),
                peers(line.path("peers_seen")),
                List.copyOf(announces),
                reply.isObject()
                        ? Optional.of(new TrackerReply(reply.path("url").asText(), reply.path("num_peers").asInt()))
                        : Optional.empty(),
                error.isObject()
                        ? Optional.of(new TrackerError(error.path("url").asText(), error.path("error").asText(),
                                error.path("failure_reason").asText(), error.path("times_in_row").asInt()))
                        : Optional.empty());
    }

    private static List<Peer> peers(JsonNode array) {
        List<Peer> peers = new ArrayList<>();
        array.forEach(p -> peers.add(new Peer(p.path("peer_id").asText(), p.path("ip").asText(),
                p.path("port").asInt())));
        return List.copyOf(peers);
    }
}
