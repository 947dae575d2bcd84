package io.github.bttracker.it.jstracker;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The counters of the tracker's {@code /stats.json}, which looks like
 * {@code {"torrents":2,"activeTorrents":2,"peersAll":3,"peersSeederOnly":2,"peersLeecherOnly":1,
 * "peersSeederAndLeecher":0,"peersIPv4":2,"peersIPv6":1,"clients":{"unknown":{"-JT0001-":3}}}}.
 *
 * <p>A peer here is one key of a swarm, counted once across all torrents: {@code ip:port} for HTTP
 * and UDP peers, the peer id for WebSocket peers. So one client announcing two torrents from one
 * port counts once, and one that is a seed in one torrent and a leecher in another counts as
 * "seeder and leecher".
 *
 * @param torrents              swarms ever created; a swarm stays after its last peer leaves
 * @param activeTorrents        swarms with at least one peer
 * @param peersAll              distinct peers over all swarms
 * @param peersSeederOnly       peers that are seeds ({@code left=0}) in every swarm they are in
 * @param peersLeecherOnly      peers that are leechers in every swarm they are in
 * @param peersSeederAndLeecher peers that are a seed in one swarm and a leecher in another
 * @param peersIPv4             peers with an IPv4 address (in some swarm)
 * @param peersIPv6             peers with an IPv6 address (in some swarm)
 * @param clients               client name (from the peer id, "unknown" if not recognised) to
 *                              version (or the peer id's first 8 characters) to number of peers
 */
public record JsTrackerStats(
        int torrents,
        int activeTorrents,
        int peersAll,
        int peersSeederOnly,
        int peersLeecherOnly,
        int peersSeederAndLeecher,
        int peersIPv4,
        int peersIPv6,
        Map<String, Map<String, Integer>> clients) {

    /** Copies {@code clients} so the record stays unmodifiable. */
    public JsTrackerStats {
        Map<String, Map<String, Integer>> copy = new LinkedHashMap<>();
        clients.forEach((name, versions) -> copy.put(name, Map.copyOf(versions)));
        clients = Collections.unmodifiableMap(copy);
    }

    /**
     * @param json the body of {@code /stats.json}
     * @return its counters
     * @throws IllegalArgumentException if the text is not that JSON object
     */
    public static JsTrackerStats parse(String json) {
        JsonNode root = TrackerJson.readObject(json);
        return new JsTrackerStats(
                count(root, "torrents"),
                count(root, "activeTorrents"),
                count(root, "peersAll"),
                count(root, "peersSeederOnly"),
                count(root, "peersLeecherOnly"),
                count(root, "peersSeederAndLeecher"),
                count(root, "peersIPv4"),
                count(root, "peersIPv6"),
                clients(root.path("clients")));
    }

    private static int count(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("no whole number '" + field + "' in " + root);
        }
        return value.intValue();
    }

    private static Map<String, Map<String, Integer>> clients(JsonNode clients) {
        Map<String, Map<String, Integer>> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> client : clients.properties()) {
            Map<String, Integer> versions = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> version : client.getValue().properties()) {
                versions.put(version.getKey(), version.getValue().asInt());
            }
            result.put(client.getKey(), versions);
        }
        return result;
    }
}
