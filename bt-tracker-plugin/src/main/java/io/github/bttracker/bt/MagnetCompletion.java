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
import java.util.concurrent.ConcurrentMap;
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
 * <p>Every torrent announced through the plugin and not stopped is watched: when one of its pieces is verified and
 * nothing is left, and the torrent has no announce key of its own (Bt's sign of a magnet link) and did not start complete (BEP 3:
 * no {@code completed} then), {@code completed} goes once to every tracker of the plugin that has the torrent
 * started. The same check runs before any {@code stopped} of the torrent, which then waits for those announces:
 * Bt may stop a finished download, and forget it, before the last piece's event reaches this class. The announces
 * run on a thread of their own, not on the Bt thread that verified the piece: they block for as long as Bt's tracker
 * timeout. Thread-safe.
 */
final class MagnetCompletion {

    private static final Logger LOG = LoggerFactory.getLogger(MagnetCompletion.class);

    private final EventSource events;
    private final TorrentRegistry registry;
    private final Supplier<Collection<PluginTracker>> trackers;
    /** The torrents announced and not stopped; one listener on all torrents' pieces checks them. */
    private final Set<TorrentId> watched = ConcurrentHashMap.newKeySet();
    private final Set<TorrentId> completed = ConcurrentHashMap.newKeySet();
    /**
     * The data of the magnet downloads seen so far, kept from their first verified piece on: Bt forgets a torrent as
     * soon as it stops, which may be before the last piece's event reaches us, or before a {@code stopped} asks.
     */
    private final ConcurrentMap<TorrentId, DataDescriptor> magnets = new ConcurrentHashMap<>();
    private ExecutorService announcer;
    private boolean closed;

    MagnetCompletion(EventSource events, TorrentRegistry registry, Supplier<Collection<PluginTracker>> trackers) {
        this.events = events;
        this.registry = registry;
        this.trackers = trackers;
        // one listener on every torrent's verified pieces serves all watched torrents: a listener per torrent would
        // cost Bt's event bus two maps and its write lock per torrent, and Bt drops a torrent's own listeners when it
        // stops, so a torrent stopped and started again in the same runtime would go unwatched
        events.onPieceVerified(null, event -> {
            if (watched.contains(event.getTorrentId())) {
                completeIfDue(event.getTorrentId());
            }
        });
    }

    /** Watches a torrent that is being announced; called on every announce. */
    void watch(TorrentId torrentId) {
        if (!watched.add(torrentId)) {
            return;
        }
        // the download may have finished before its first announce
        completeIfDue(torrentId);
    }

    /**
     * Starts the {@code completed} announces of a magnet download that has every piece, once per torrent: called for
     * every verified piece, and before any {@code stopped} of the torrent goes out (which then waits for them).
     */
    void completeIfDue(TorrentId torrentId) {
        if (completed.contains(torrentId)) {
            return;
        }
        DataDescriptor data = magnetData(torrentId);
        if (data == null || data.getLeft() != 0 || data.startedAsSeed() || !completed.add(torrentId)) {
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

    /**
     * Forgets a torrent stopped at one tracker: it is watched again if it starts again. That its {@code completed}
     * went out is forgotten too once no tracker has it started any more (until then a tracker still started must not
     * be sent a second one), so that a runtime's many magnet downloads leave nothing behind.
     */
    void forget(TorrentId torrentId) {
        watched.remove(torrentId);
        magnets.remove(torrentId);
        InfoHash infoHash = InfoHash.of(torrentId.getBytes());
        if (trackers.get().stream().noneMatch(tracker -> tracker.isStarted(infoHash))) {
            completed.remove(torrentId);
        }
    }

    /** @return the data of a magnet download whose metadata is known, else null (a torrent file's, or none yet) */
    private DataDescriptor magnetData(TorrentId torrentId) {
        DataDescriptor known = magnets.get(torrentId);
        if (known != null) {
            return known;
        }
        Optional<Torrent> torrent = registry.getTorrent(torrentId);
        if (torrent.isEmpty() || torrent.get().getAnnounceKey().isPresent()) {
            return null; // no metadata yet, or a torrent file: Bt announces its 'completed' itself
        }
        DataDescriptor data = registry.getDescriptor(torrentId).map(TorrentDescriptor::getDataDescriptor).orElse(null);
        if (data != null) {
            magnets.put(torrentId, data);
        }
        return data;
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
