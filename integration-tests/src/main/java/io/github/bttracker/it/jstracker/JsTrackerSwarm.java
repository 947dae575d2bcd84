package io.github.bttracker.it.jstracker;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.bttracker.core.PeerId;
import java.util.ArrayList;
import java.util.List;

/**
 * One torrent's swarm as the tracker itself holds it, from the test harness's {@code /swarm.json}:
 * {@code {"complete":1,"incomplete":0,"peers":[{"type":"udp","peerId":"2d5453...","ip":"::1",
 * "port":7001,"complete":true}]}}.
 *
 * @param complete   the swarm's seed counter, the one announces and scrapes report
 * @param incomplete the swarm's leecher counter
 * @param peers      the peers in the tracker's cache, in no particular order
 */
public record JsTrackerSwarm(int complete, int incomplete, List<Peer> peers) {

    /**
     * One peer of the swarm.
     *
     * @param type     how it announced: {@code "http"}, {@code "udp"} or {@code "ws"}
     * @param peerId   its peer id (the tracker keeps it in hex)
     * @param ip       its address as the tracker recorded it ({@code "127.0.0.1"}, {@code "::1"})
     * @param port     the port it announced (the datagram's source port if it announced 0 over UDP)
     * @param complete whether the tracker counts it as a seed
     */
    public record Peer(String type, PeerId peerId, String ip, int port, boolean complete) {
    }

    /** Copies {@code peers} so the record stays unmodifiable. */
    public JsTrackerSwarm {
        peers = List.copyOf(peers);
    }

    /**
     * @param json the body of {@code /swarm.json}
     * @return the swarm it describes
     * @throws IllegalArgumentException if the text is not that JSON object
     */
    public static JsTrackerSwarm parse(String json) {
        JsonNode root = TrackerJson.readObject(json);
        if (!root.path("peers").isArray()) {
            throw new IllegalArgumentException("not a swarm: " + json);
        }
        List<Peer> peers = new ArrayList<>();
        for (JsonNode peer : root.path("peers")) {
            peers.add(new Peer(peer.path("type").asText(), PeerId.fromHex(peer.path("peerId").asText()),
                    peer.path("ip").asText(), peer.path("port").asInt(), peer.path("complete").asBoolean()));
        }
        return new JsTrackerSwarm(root.path("complete").asInt(), root.path("incomplete").asInt(), peers);
    }
}
