package io.github.bttracker.internal.metrics;

/** What a recorded request was. */
public enum Operation {
    ANNOUNCE("announce"),
    SCRAPE("scrape");

    private final String tag;

    Operation(String tag) {
        this.tag = tag;
    }

    /** @return the name in meters and events */
    public String tag() {
        return tag;
    }
}
