package io.github.bttracker.internal.transport.http;

import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.ScrapeResult;
import io.github.bttracker.core.TrackerException;
import io.github.bttracker.internal.bencode.BencodeDictionary;
import io.github.bttracker.internal.bencode.BencodeLimits;
import io.github.bttracker.internal.bencode.BencodeString;
import io.github.bttracker.internal.bencode.BencodeTypeException;
import io.github.bttracker.internal.bencode.BencodeValue;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a BEP 48 scrape response, {@code {files: {<20-byte hash>: {complete, incomplete, downloaded}}}}, into
 * results keyed by info hash. A {@code failure reason} becomes a {@link TrackerException} of kind
 * {@code TRACKER_FAILURE}.
 */
final class ScrapeResponseMapper {

    private ScrapeResponseMapper() {
    }

    static Map<InfoHash, ScrapeResult> map(String trackerUrl, byte[] body, BencodeLimits limits)
            throws TrackerException {
        BencodeDictionary dict = BencodedResponse.decode(trackerUrl, body, limits);
        try {
            Optional<BencodeString> failure = dict.getString("failure reason");
            if (failure.isPresent()) {
                throw new TrackerException(trackerUrl, TrackerException.Kind.TRACKER_FAILURE,
                        "the tracker refused the scrape: " + failure.get().utf8());
            }
            BencodeDictionary files = dict.getDictionary("files").orElseThrow(() ->
                    BencodedResponse.malformed(trackerUrl, "the scrape response has no 'files' dictionary", null));
            Map<InfoHash, ScrapeResult> results = new HashMap<>();
            for (Map.Entry<BencodeString, BencodeValue> file : files.entries().entrySet()) {
                Optional<InfoHash> hash = infoHash(file.getKey());
                if (hash.isPresent() && file.getValue() instanceof BencodeDictionary counts) {
                    results.put(hash.get(), new ScrapeResult(hash.get(),
                            count(counts, "complete"), count(counts, "incomplete"), count(counts, "downloaded")));
                }
            }
            return results;
        } catch (BencodeTypeException e) {
            throw BencodedResponse.malformed(trackerUrl, e.getMessage(), e);
        }
    }

    /**
     * A key is the raw 20-byte hash. Some trackers (the reference JavaScript one among them) write the key as the
     * UTF-8 encoding of the one-character-per-byte string, so bytes of 0x80 and above arrive as two bytes; such a
     * key is decoded back to its 20 bytes.
     */
    private static Optional<InfoHash> infoHash(BencodeString key) {
        if (key.length() == 20) {
            return Optional.of(InfoHash.of(key.bytes()));
        }
        String text = key.utf8();
        if (text.length() == 20 && text.chars().allMatch(c -> c <= 0xFF)) {
            return Optional.of(InfoHash.of(text.getBytes(StandardCharsets.ISO_8859_1)));
        }
        return Optional.empty();
    }

    private static long count(BencodeDictionary counts, String key) {
        return counts.getLong(key).filter(n -> n >= 0).orElse(0L);
    }
}
