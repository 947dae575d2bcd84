package io.github.bttracker.testing;

/**
 * The statistics of one swarm, as a scrape reports them. Immutable and thread-safe.
 *
 * @param complete   peers that have the whole torrent (seeds)
 * @param incomplete peers still downloading, or that did not say how much they have left
 * @param downloaded how many times a peer announced {@code completed}
 */
public record ScrapeCounts(int complete, int incomplete, int downloaded) {

    /** The counts of a torrent the tracker has never heard of. */
    public static final ScrapeCounts NONE = new ScrapeCounts(0, 0, 0);
}
