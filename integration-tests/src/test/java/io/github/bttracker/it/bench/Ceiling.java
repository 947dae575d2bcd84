package io.github.bttracker.it.bench;

import java.util.Locale;

/**
 * What the tracker answers when nothing but a bare client stands between it and the load: the rate a tracker client
 * can at best reach against it on this machine, measured in the same run as the client's own figures.
 *
 * @param client how it was measured (the tool and its concurrency)
 * @param answered successful announce responses
 * @param failed error responses, non-2xx responses, or requests given up on (see {@code detail})
 * @param seconds how long it ran
 * @param detail the tool's own error counts, empty if none
 */
record Ceiling(String client, long answered, long failed, double seconds, String detail) {

    double perSecond() {
        return answered / seconds;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: %,d answered, %d failed in %.1f s: %,.0f announces/s%s", client,
                answered, failed, seconds, perSecond(), detail.isEmpty() ? "" : "; " + detail);
    }
}
