package io.github.bttracker.it.jstracker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the JSON objects the tracker answers with ({@code /stats.json}, {@code /swarm.json}). */
final class TrackerJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrackerJson() {
    }

    /**
     * @param json a response body
     * @return its top-level object
     * @throws IllegalArgumentException if the text is not a JSON object
     */
    static JsonNode readObject(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object: " + json);
        }
        return root;
    }
}
