package io.github.bttracker.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the bencodable dictionary of an HTTP scrape response (BEP 48). */
final class ScrapeResponses {

    private ScrapeResponses() {
    }

    /** {@code {"files": {<20-byte hash>: {"complete", "incomplete", "downloaded"}}}} for the given hashes. */
    static Map<String, Object> body(List<byte[]> infoHashes, Swarms swarms) {
        // keyed by hex first: a hash asked for twice must appear once, and byte[] has no value equality
        Map<String, byte[]> distinct = new LinkedHashMap<>();
        infoHashes.forEach(hash -> distinct.putIfAbsent(Ids.hex(hash), hash));
        Map<byte[], Object> files = new LinkedHashMap<>();
        for (byte[] hash : distinct.values()) {
            ScrapeCounts counts = swarms.scrape(hash);
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("complete", counts.complete());
            file.put("incomplete", counts.incomplete());
            file.put("downloaded", counts.downloaded());
            files.put(hash, file);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("files", files);
        return body;
    }
}
