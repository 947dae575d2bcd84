package io.github.bttracker.core;

import java.util.Objects;

/**
 * What a tracker reports about one torrent in a scrape (BEP 48). Immutable and thread-safe.
 *
 * @param infoHash the torrent
 * @param complete number of seeders
 * @param incomplete number of leechers
 * @param downloaded number of completed downloads the tracker has registered
 */
public record ScrapeResult(InfoHash infoHash, long complete, long incomplete, long downloaded) {

    /**
     * Checks the values.
     *
     * @param infoHash the torrent, not null
     * @param complete number of seeders
     * @param incomplete number of leechers
     * @param downloaded number of completed downloads the tracker has registered
     * @throws
 NullPointerException if {@code infoHash} is null
     */
    public ScrapeResult {
        Objects.requireNonNull(infoHash, "infoHash");
    }
}
