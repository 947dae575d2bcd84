package io.github.bttracker.internal.metrics;

import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.Secrets;
import io.netty.channel.Channel;
import java.util.concurrent.CompletableFuture;

/**
 * What one runtime records about its requests and connections: a JFR event per announce and scrape (see
 * {@link TrackerRequestEvent}), always, and Micrometer meters when metrics are on (see {@link MicrometerMeters}).
 * Thread-safe: called on the event loop and on callers' threads. Never throws, and never changes the futures it
 * watches.
 */
public final class RuntimeMetrics {

    /** Metrics off; JFR events only. */
    public static final RuntimeMetrics JFR_ONLY = new RuntimeMetrics(Meters.NONE);

    private final Meters meters;

    private RuntimeMetrics(Meters meters) {
        this.meters = meters;
    }

    /**
     * @param micrometer whether to record meters in Micrometer's global registry
     * @throws IllegalStateException if asked to, and Micrometer ({@code io.micrometer:micrometer-core}) is not on the
     *     class path
     */
    public static RuntimeMetrics create(boolean micrometer) {
        if (!micrometer) {
            return JFR_ONLY;
        }
        try {
            Class.forName("io.micrometer.core.instrument.Metrics", false, RuntimeMetrics.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("metrics are on, but Micrometer is not on the class path: add "
                    + "io.micrometer:micrometer-core, or turn metrics off", e);
        }
        return new RuntimeMetrics(new MicrometerMeters());
    }

    /**
     * Records {@code request} from now until it completes, whichever way.
     *
     * @param torrents how many torrents a scrape asks about (1 for an announce)
     * @return {@code request} itself
     */
    public <T> CompletableFuture<T> record(Operation operation, String trackerUrl, int torrents,
                                           CompletableFuture<T> request) {
        String protocol = Outcomes.protocol(trackerUrl);
        TrackerRequestEvent event = operation == Operation.ANNOUNCE ? new TrackerRequestEvent.Announce()
                : new TrackerRequestEvent.Scrape();
        boolean jfr = event.isEnabled();
        if (jfr) {
            event.begin();
        }
        long started = System.nanoTime();
        meters.started(operation, protocol);
        request.whenComplete((result, error) -> {
            String outcome = Outcomes.of(result, error);
            meters.finished(operation, protocol, outcome, System.nanoTime() - started);
            if (jfr) {
                event.end();
                if (event.shouldCommit()) {
                    event.tracker = Secrets.maskUrl(trackerUrl);
                    event.protocol = protocol;
                    event.outcome = outcome;
                    if (event instanceof TrackerRequestEvent.Announce announce) {
                        announce.peers = result instanceof AnnounceResponse response ? response.peers().size() : 0;
                    } else if (event instanceof TrackerRequestEvent.Scrape scrape) {
                        scrape.torrents = torrents;
                    }
                    event.commit();
                }
            }
        });
        return request;
    }

    /** A UDP request went out again for want of an answer. */
    public void retransmitted() {
        meters.retransmitted("udp");
    }

    /**
     * Counts {@code channel} as an open connection until it closes.
     *
     * @param protocol http (HTTP and HTTPS), ws (WebSocket) or udp (a UDP socket)
     */
    public void countOpen(Channel channel, String protocol) {
        meters.connectionOpened(protocol);
        channel.closeFuture().addListener(closed -> meters.connectionClosed(protocol));
    }
}
