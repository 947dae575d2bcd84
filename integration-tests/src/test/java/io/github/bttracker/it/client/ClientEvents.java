package io.github.bttracker.it.client;

import io.github.bttracker.TrackerClientListener;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.PeerAddress;
import io.github.bttracker.core.ScrapeResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records every event a standalone client reports, in the order they came. The client's event loop adds to the lists
 * while the test thread reads them.
 */
public final class ClientEvents implements TrackerClientListener {
    public final List<AnnounceResponse> updates = new CopyOnWriteArrayList<>();
    public final List<Optional<Duration>> nextAnnounces = new CopyOnWriteArrayList<>();
    public final List<PeerAddress> peers = new CopyOnWriteArrayList<>();
    public final List<ScrapeResult> scrapes = new CopyOnWriteArrayList<>();
    public final List<TrackerWarning> warnings = new CopyOnWriteArrayList<>();
    public final List<Optional<Duration>> warningRetries = new CopyOnWriteArrayList<>();
    public final List<Throwable> errors = new CopyOnWriteArrayList<>();

    @Override
    public void onUpdate(AnnounceResponse response, Optional<Duration> nextAnnounceIn) {
        updates.add(response);
        nextAnnounces.add(nextAnnounceIn);
    }

    @Override
    public void onPeer(String trackerUrl, PeerAddress peer) {
        peers.add(peer);
    }

    @Override
    public void onScrape(String trackerUrl, ScrapeResult result) {
        scrapes.add(result);
    }

    @Override
    public void onWarning(TrackerWarning warning, Optional<Duration> nextAnnounceIn) {
        warnings.add(warning);
        warningRetries.add(nextAnnounceIn);
    }

    @Override
    public void onError(Throwable error) {
        errors.add(error);
    }
}
