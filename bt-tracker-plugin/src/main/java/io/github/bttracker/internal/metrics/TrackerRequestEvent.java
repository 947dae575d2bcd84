package io.github.bttracker.internal.metrics;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/**
 * A JFR event per announce and per scrape: {@code io.github.bttracker.Announce} and {@code io.github.bttracker.Scrape},
 * from the request to its outcome. Like the JDK's socket events, they are on in every recording with a threshold of
 * 20 ms, so that an always-on recording keeps the slow requests only; {@code -XX:StartFlightRecording:...,
 * io.github.bttracker.Announce#threshold=0ms} (or a {@code .jfc}) records every one. Without a recording they cost
 * a check of {@link #shouldCommit()}, nothing more.
 */
@Category({"bt-tracker"})
@StackTrace(false)
@Threshold("20 ms")
abstract class TrackerRequestEvent extends Event {

    @Label("Tracker")
    @Description("The tracker's URL, passkeys masked")
    String tracker;

    @Label("Protocol")
    String protocol;

    @Label("Outcome")
    @Description("success, refused (the tracker's failure reason), or the kind of failure (timeout, connect, dns, ...)")
    String outcome;

    @Name("io.github.bttracker.Announce")
    @Label("Tracker Announce")
    @Description("One announce to one tracker, from the request to its outcome")
    static final class Announce extends TrackerRequestEvent {
        @Label("Peers")
        @Description("Peers in the answer, after the runtime's filter")
        int peers;
    }

    @Name("io.github.bttracker.Scrape")
    @Label("Tracker Scrape")
    @Description("One scrape of one or more torrents from one tracker, from the request to its outcome")
    static final class Scrape extends TrackerRequestEvent {
        @Label("Torrents")
        @Description("Torrents asked about")
        int torrents;
    }
}
