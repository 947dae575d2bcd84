package io.github.bttracker.examples.cli;

import bt.Bt;
import bt.data.file.FileSystemStorage;
import bt.metainfo.TorrentId;
import bt.runtime.BtClient;
import bt.runtime.BtRuntime;
import bt.runtime.BtRuntimeBuilder;
import bt.runtime.Config;
import bt.torrent.TorrentSessionState;
import io.github.bttracker.bt.BtTrackerModule;
import io.github.bttracker.bt.TrackerStatusService;
import io.github.bttracker.core.AnnounceEvent;
import io.github.bttracker.core.TrackerStatus;
import io.github.bttracker.it.bt.PeerWireSelectorModule;
import io.github.bttracker.options.HttpOptions;
import io.github.bttracker.options.TrackerClientOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One Bt runtime with the plugin, downloading or seeding one torrent, and what a person watching it wants to see:
 * a progress line (pieces, rate, peers) and the table of its trackers.
 */
final class BtSession implements AutoCloseable {

    private final String name;
    private final BtRuntime runtime;
    private final TrackerStatusService statusService;
    private final BtClient client;
    private final AtomicReference<TorrentId> torrentId = new AtomicReference<>();
    private final AtomicReference<TorrentSessionState> lastState = new AtomicReference<>();
    private final AtomicReference<List<TrackerStatus>> lastTrackers = new AtomicReference<>(List.of());
    private long lastDownloaded;
    private long lastUploaded;
    private long lastNanos = System.nanoTime();
    private double downRate;
    private double upRate;
    /** The most WebRTC peers open at once, seen in the torrent's states. */
    private int mostWebRtcPeers;

    /**
     * A session with TCP peers only.
     *
     * @param source a .torrent file, or a magnet URI
     * @param network where it accepts peers, and whether it looks for them besides its trackers
     */
    BtSession(String name, String source, Path dir, PeerNetwork network, TorrentId knownId) throws java.io.IOException {
        this(name, source, dir, network, knownId, WebRtcPeers.none());
    }

    /**
     * @param webRtc whether the torrent's WebSocket trackers give it WebRTC peers too
     */
    BtSession(String name, String source, Path dir, PeerNetwork network, TorrentId knownId, WebRtcPeers webRtc)
            throws java.io.IOException {
        this.name = name;
        Config config = new Config();
        network.applyTo(config);
        config.setPeerDiscoveryInterval(Duration.ofSeconds(1));
        config.setPeerConnectionRetryInterval(Duration.ofSeconds(2));
        config.setTrackerTimeout(Duration.ofSeconds(10));
        BtRuntimeBuilder builder = network.applyTo(BtRuntime.builder(config))
                .module(new BtTrackerModule(TrackerClientOptions.defaults()
                        .withHttp(HttpOptions.defaults().withUserAgent("bt-tracker-cli/0.1"))))
                .disableAutomaticShutdown()
                // Bt 1.10's own peer-connection selector can leave a new connection unread for good on a busy
                // machine (its handshake times out and the peer is not tried again until a later announce names it)
                .module(new PeerWireSelectorModule());
        webRtc.module().ifPresent(builder::module);
        this.runtime = builder.build();
        this.statusService = runtime.service(TrackerStatusService.class);
        if (knownId != null) {
            torrentId.set(knownId);
        }
        var client = Bt.client(runtime).storage(new FileSystemStorage(dir))
                .afterTorrentFetched(torrent -> torrentId.set(torrent.getTorrentId()));
        if (source.startsWith("magnet:")) {
            client.magnet(source);
        } else {
            client.torrent(Path.of(source).toUri().toURL());
        }
        this.client = client.build();
    }

    /** Starts the session; {@code onState} gets the torrent's state once a second, on a Bt thread. */
    CompletableFuture<?> start(Consumer<BtSession> onState) {
        return client.startAsync(state -> {
            lastState.set(state);
            measure(state);
            onState.accept(this);
        }, 1000);
    }

    private synchronized void measure(TorrentSessionState state) {
        mostWebRtcPeers = Math.max(mostWebRtcPeers, webRtcPeers(state));
        long now = System.nanoTime();
        double seconds = Math.max(1e-3, (now - lastNanos) / 1e9);
        downRate = Math.max(0, state.getDownloaded() - lastDownloaded) / seconds;
        upRate = Math.max(0, state.getUploaded() - lastUploaded) / seconds;
        lastDownloaded = state.getDownloaded();
        lastUploaded = state.getUploaded();
        lastNanos = now;
    }

    /**
     * e.g. {@code leecher [##########..........]  52%  down 1.2 MiB/s  up 0 B/s  2 peer(s)  64/128 pieces}; with
     * WebRTC on, the peers split into TCP and WebRTC ones: {@code 3 peer(s) (tcp 1, webrtc 2)}.
     */
    synchronized String progressLine() {
        TorrentSessionState state = lastState.get();
        if (state == null || state.getPiecesTotal() <= 0) {
            return String.format(Locale.ROOT, "%-8s fetching torrent metadata...", name);
        }
        int total = state.getPiecesTotal();
        int complete = state.getPiecesComplete();
        int width = 30;
        int filled = (int) ((long) complete * width / total);
        return String.format(Locale.ROOT, "%-8s [%s%s] %3d%%  down %s  up %s  %s  %d/%d pieces", name,
                "#".repeat(filled), ".".repeat(width - filled), complete * 100L / total, Units.rate(downRate),
                Units.rate(upRate), peers(state), complete, total);
    }

    /** {@code 3 peer(s)}, and with WebRTC on {@code 3 peer(s) (tcp 1, webrtc 2)}. */
    private String peers(TorrentSessionState state) {
        int all = state.getConnectedPeers().size();
        if (!statusService.isWebRtcOn()) {
            return all + " peer(s)";
        }
        int webRtc = webRtcPeers(state);
        return String.format(Locale.ROOT, "%d peer(s) (tcp %d, webrtc %d)", all, all - webRtc, webRtc);
    }

    /**
     * The torrent's WebRTC peers among Bt's connected peers. Bt counts each as a peer from a loopback address, as it
     * may count a TCP peer on this host, so it is the plugin's count; at most Bt's, since a data channel opens a moment
     * before Bt's connection for it, and closes a moment after.
     */
    private int webRtcPeers(TorrentSessionState state) {
        TorrentId id = torrentId.get();
        return id == null ? 0 : Math.min(statusService.webRtcPeers(id), state.getConnectedPeers().size());
    }

    /** The peers part of the progress line alone: a change is worth a line where the progress is not redrawn. */
    String peersNow() {
        TorrentSessionState state = lastState.get();
        return state == null ? "" : peers(state);
    }

    /** @return true once every piece is in */
    boolean isComplete() {
        TorrentSessionState state = lastState.get();
        return state != null && state.getPiecesTotal() > 0 && state.getPiecesRemaining() == 0;
    }

    /**
     * @return each tracker's status; once the torrent has stopped (the plugin forgets a stopped torrent's trackers),
     *     the last statuses seen
     */
    List<TrackerStatus> trackers() {
        TorrentId id = torrentId.get();
        List<TrackerStatus> now = id == null ? List.of() : statusService.status(id);
        if (now.isEmpty()) {
            return lastTrackers.get();
        }
        lastTrackers.set(now);
        return now;
    }

    /** The tracker table: protocol, state, seeders, leechers, peers, next announce, last error. */
    void printTrackers(PrintWriter out) {
        printTrackers(out, trackers());
    }

    /**
     * The tracker table of statuses already read. Its PEERS column says what kind of peers a tracker gives: tcp
     * (HTTP and UDP trackers), webrtc (WebSocket trackers, with WebRTC on), none (WebSocket trackers without WebRTC,
     * only scraped for counts). With WebRTC on, a line below counts the WebRTC peers, which only WebSocket trackers
     * give: open now, and the most open at once.
     */
    void printTrackers(PrintWriter out, List<TrackerStatus> trackers) {
        boolean webRtcOn = statusService.isWebRtcOn();
        printTrackers(out, name, trackers, webRtcOn);
        TorrentSessionState state = lastState.get();
        if (webRtcOn && state != null) {
            int most;
            synchronized (this) {
                most = mostWebRtcPeers;
            }
            out.println("  WebRTC peers (from the ws/wss trackers): " + webRtcPeers(state) + " open now, " + most
                    + " at most at once");
            out.flush();
        }
    }

    private static void printTrackers(PrintWriter out, String title, List<TrackerStatus> trackers, boolean webRtcOn) {
        out.println("Trackers of " + title + ":");
        if (trackers.isEmpty()) {
            out.println("  (none announced yet)");
            out.flush();
            return;
        }
        Instant now = Instant.now();
        Table table = new Table("TRACKER", "PROTOCOL", "STATE", "EVENT", ">SEEDERS", ">LEECHERS", "PEERS",
                ">NEXT ANNOUNCE", "LAST ERROR");
        for (TrackerStatus t : trackers) {
            table.row(Printable.url(t.trackerUrl()), protocol(t.trackerUrl()),
                    t.state().name().toLowerCase(Locale.ROOT),
                    t.lastEvent().map(BtSession::eventName).orElse(null), t.seeders().orElse(null),
                    t.leechers().orElse(null), peerKind(t.trackerUrl(), webRtcOn),
                    t.nextAnnounce().map(next -> "in " + Units.duration(Duration.between(now, next))).orElse(null),
                    t.lastError().orElse(""));
        }
        table.print(out);
    }

    /** The kind of peers a tracker gives this runtime. */
    private static String peerKind(String url, boolean webRtcOn) {
        if (!WebRtcPeers.isWebSocket(url)) {
            return "tcp";
        }
        return webRtcOn ? "webrtc" : "none";
    }

    /** started, completed, stopped, or update for a regular announce. */
    static String eventName(AnnounceEvent event) {
        return event == AnnounceEvent.NONE ? "update" : event.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Waits, at most {@code limit}, until each tracker's status is its answer to {@code completed}, or to a regular
     * announce answered since {@code completedAt} (or the failure of either; a tracker never announced to, as one of a
     * later tier whose first tracker answers, is skipped): Bt announces {@code completed} once the last piece is in,
     * and the counts answering {@code started} are out of date.
     *
     * @param completedAt when the download was seen complete
     * @return the statuses then, whether or not every tracker got there in time
     */
    List<TrackerStatus> awaitAnswersToCompleted(Instant completedAt, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        List<TrackerStatus> statuses = trackers();
        while (!statuses.stream().allMatch(t -> answeredSinceCompleted(t, completedAt))
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
            statuses = trackers();
        }
        return statuses;
    }

    private static boolean answeredSinceCompleted(TrackerStatus t, Instant completedAt) {
        if (t.state() == TrackerStatus.State.NEW || t.state() == TrackerStatus.State.STOPPED) {
            return true;
        }
        // 'completed' goes to a failing or retired tracker too (it is never held back)
        AnnounceEvent event = t.lastEvent().orElse(null);
        return event == AnnounceEvent.COMPLETED
                || event == AnnounceEvent.NONE && t.lastAnnounce().map(completedAt::isBefore).orElse(false);
    }

    static String protocol(String url) {
        int colon = url.indexOf("://");
        return colon > 0 ? url.substring(0, colon).toUpperCase(Locale.ROOT) : "?";
    }

    BtRuntime runtime() {
        return runtime;
    }

    /** Stops the torrent and shuts the runtime down: the plugin announces {@code stopped} (waiting at most 3 s). */
    @Override
    public void close() {
        if (client.isStarted()) {
            client.stop();
        }
        runtime.shutdown();
    }
}
