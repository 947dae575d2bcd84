package io.github.bttracker.internal.transport.http;

import io.github.bttracker.core.InfoHash;
import java.net.URI;
import java.util.Collection;
import java.util.Optional;

/**
 * The scrape URL convention of BEP 48: a tracker supports scrape when the last segment of its announce URL's path
 * starts with {@code announce}; replacing that word with {@code scrape} gives the scrape URL
 * ({@code /announce.php?k=v} → {@code /scrape.php?k=v}).
 */
final class ScrapeUrl {

    private static final String ANNOUNCE = "announce";

    private ScrapeUrl() {
    }

    /** @return the scrape URL, or empty when this tracker does not support scrape */
    static Optional<URI> of(URI announceUrl) {
        String path = announceUrl.getRawPath();
        if (path == null) {
            return Optional.empty();
        }
        int lastSlash = path.lastIndexOf('/');
        String lastSegment = path.substring(lastSlash + 1);
        if (!lastSegment.startsWith(ANNOUNCE)) {
            return Optional.empty();
        }
        String scrapePath = path.substring(0, lastSlash + 1) + "scrape" + lastSegment.substring(ANNOUNCE.length());
        String ascii = announceUrl.toASCIIString();
        int pathStart = (announceUrl.getScheme() + "://" + announceUrl.getRawAuthority()).length();
        return Optional.of(URI.create(
                ascii.substring(0, pathStart) + scrapePath + ascii.substring(pathStart + path.length())));
    }

    /** @return the scrape URL with one {@code info_hash} parameter per hash (BEP 48 multi-scrape) */
    static RequestUri withInfoHashes(RequestUri scrapeUrl, Collection<InfoHash> infoHashes) {
        StringBuilder q = new StringBuilder(infoHashes.size() * 72);
        for (InfoHash hash : infoHashes) {
            if (q.length() > 0) {
                q.append('&');
            }
            q.append("info_hash=");
            PercentEncoding.appendEncoded(q, hash.bytes());
        }
        return scrapeUrl.withParameters(q.toString());
    }
}
