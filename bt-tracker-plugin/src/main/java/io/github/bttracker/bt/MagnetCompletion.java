package io.github.bttracker.bt;

import bt.data.DataDescriptor;
import bt.event.EventSource;
import bt.metainfo.Torrent;
import bt.metainfo.TorrentId;
import bt.torrent.TorrentDescriptor;
import bt.torrent.TorrentRegistry;
import io.github.bttracker.core.InfoHash;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@code completed} for torrents that Bt 1.10 would never send it for: those it got from a magnet link. Bt
 * announces {@code completed} only through the announce key of a torrent file; a magnet link's trackers are only
 * peer sources to it, so trackers would count such a peer as a leecher for good and never count the download.
 *
 * <p>Every torrent announced through the plugin is watched: when one of its pieces is verified and nothing is left,
 * and the torrent has no announce key of its own (Bt's sign of a magnet link) and did not start complete (BEP 3:
 * no {@code completed} then), {@code completed} goes once to every tracker of the plugin that has the torrent
 * started. The announces run on a thread of their own, not on the Bt thread that verified the piece: they block
 * for as long as Bt's tracker timeout. A {@code stopped} for the torrent waits for them (see
 * {@link PluginTracker#completeInBackground}). Thread-safe.
 */
final class MagnetCompletion {

    private static final Logger LOG = LoggerFactory.getLogger(MagnetCompletion.class);

    private final EventSource events;
    private final TorrentRegistry registry;
    private final Supplier<Collection<PluginTracker>> trackers;
    private final Set<TorrentId> watched = ConcurrentHashMap.newKeySet();
    private final Set<TorrentId> completed = ConcurrentHashMap.newKeySet();
    private ExecutorService announcer;
    private boolean closed;

    MagnetCompletion(EventSource events, TorrentRegistry registry, Supplier<Collection<PluginTracker>> trackers) {
        this.events = events;
        this.registry = registry;
        this.trackers = trackers;
    }

    /** Watches a torrent that is being announced; called on every announce, it registers one listener per torrent. */
    void watch(TorrentId torrentId) {
        if (!watched.add(torrentId)) {
            return;
        }
        events.onPieceVerified(torrentId, event -> pieceVerified(torrentId));
        // the download may have finished before its first announce
        pieceVerified(torrentId);
    }

    private void pieceVerified(TorrentId torrentId) {
        if (completed.contains(torrentId) || !isCompleteMagnetDownload(torrentId) || !completed.add(torrentId)) {
            return;
        }
        InfoHash infoHash = InfoHash.of(torrentId.getBytes());
        for (PluginTracker tracker : trackers.get()) {
            if (tracker.isStarted(infoHash)) {
                LOG.debug("Announcing 'completed' of magnet download {} to {}", torrentId, tracker);
                tracker.completeInBackground(torrentId, this::announcer);
            }
        }
    }

    private boolean isCompleteMagnetDownload(TorrentId torrentId) {
        Optional<Torrent> torrent = registry.getTorrent(torrentId);
        if (torrent.isEmpty() || torrent.get().getAnnounceKey().isPresent()) {
            return false; // no metadata yet, or a torrent file: Bt announces its 'completed' itself
        }
        DataDescriptor data = registry.getDescriptor(torrentId).map(TorrentDescriptor::getDataDescriptor).orElse(null);
        return data != null && data.getLeft() == 0 && !data.startedAsSeed();
    }

    private synchronized ExecutorService announcer() {
        if (closed) {
            throw new java.util.concurrent.RejectedExecutionException("the Bt runtime is shutting down");
        }
        if (announcer == null) {
            announcer = Executors.newSingleThreadExecutor(new DefaultThreadFactory("bt-tracker-completed", true));
        }
        return announcer;
    }

    /** Lets the announces under way finish (the {@code stopped} announces wait for them) and ends the thread. */
    synchronized void close() {
        closed = true;
        if (announcer != null) {
            announcer.shutdown();
        }
    }
}
