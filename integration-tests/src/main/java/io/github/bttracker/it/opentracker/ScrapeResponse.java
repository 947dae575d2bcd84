package io.github.bttracker.it.opentracker;

import io.github.bttracker.internal.bencode.BencodeDecoder;
import io.github.bttracker.internal.bencode.BencodeDictionary;
import io.github.bttracker.internal.bencode.BencodeException;
import io.github.bttracker.internal.bencode.BencodeString;
import io.github.bttracker.internal.bencode.BencodeValue;
import io.github.bttracker.testing.ScrapeCounts;

/** Reads one torrent's counts out of a bencoded HTTP scrape response. */
final class ScrapeResponse {
    private ScrapeResponse() {
    }

    /**
     * @return the counts of {@code infoHash}, or {@link ScrapeCounts#NONE} when the response does
     *     not list it (opentracker leaves out torrents without peers, and hashes not whitelisted)
     * @throws IllegalStateException if the body is not a scrape response or is a failure
     */
    static ScrapeCounts countsOf(byte[] body, byte[] infoHash) {
        BencodeDictionary response = dictionary(decode(body), "scrape response");
        response.getString("failure reason").ifPresent(reason -> {
            throw new IllegalStateException("opentracker refused the scrape: " + reason.utf8());
        });
        BencodeDictionary files = response.getDictionary("files")
                .orElseThrow(() -> new IllegalStateException("scrape response without 'files': " + response));
        // the keys are the raw 20 hash bytes, not text, so look them up as bytes
        BencodeValue entry = files.entries().get(BencodeString.of(infoHash));
        if (entry == null) {
            return ScrapeCounts.NONE;
        }
        BencodeDictionary counts = dictionary(entry, "scrape entry");
        return new ScrapeCounts(count(counts, "complete"), count(counts, "incomplete"), count(counts, "downloaded"));
    }

    private static BencodeValue decode(byte[] body) {
        try {
            return BencodeDecoder.decode(body);
        } catch (BencodeException e) {
            throw new IllegalStateException("scrape response is not bencoded", e);
        }
    }

    private static BencodeDictionary dictionary(BencodeValue value, String what) {
        if (value instanceof BencodeDictionary dictionary) {
            return dictionary;
        }
        throw new IllegalStateException(what + " is not a dictionary: " + value);
    }

    private static int count(BencodeDictionary counts, String key) {
        long value = counts.getLong(key)
                .orElseThrow(() -> new IllegalStateException("scrape entry without '" + key + "': " + counts));
        return Math.toIntExact(value);
    }
}
