package io.github.bttracker.testing;

/**
 * What an HTTP tracker path asks for. Only the last path segment counts, and only its beginning, so that
 * {@code /announce}, {@code /announce.php} and {@code /tracker/announce} all announce, and the scrape URL derived
 * by BEP 48's rule (replace {@code announce} by {@code scrape} in the last segment) scrapes.
 */
enum HttpRoute {
    ANNOUNCE,
    SCRAPE,
    UNKNOWN;

    static HttpRoute of(String path) {
        String lastSegment = path.substring(path.lastIndexOf('/') + 1);
        if (lastSegment.startsWith("announce")) {
            return ANNOUNCE;
        }
        if (lastSegment.startsWith("scrape")) {
            return SCRAPE;
        }
        return UNKNOWN;
    }
}
