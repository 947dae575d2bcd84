package io.github.bttracker.bt;

import static org.assertj.core.api.Assertions.assertThat;

import bt.data.DataDescriptor;
import bt.data.Storage;
import bt.event.EventBus;
import bt.metainfo.Torrent;
import bt.metainfo.TorrentId;
import bt.torrent.TorrentDescriptor;
import bt.torrent.TorrentRegistry;
import bt.torrent.TorrentSessionState;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Which verified pieces {@link MagnetCompletion} checks, on Bt's own event bus: it looks a torrent up in the registry
 * (its first step towards a {@code completed}) for every verified piece of a watched torrent, and only then.
 */
class MagnetCompletionTest {

    private final EventBus bus = new EventBus();
    private final LookupCounter registry = new LookupCounter();
    private final MagnetCompletion completion = new MagnetCompletion(bus, registry, List::of);
    private final TorrentId torrent = TorrentId.fromBytes(new byte[20]);

    @Test
    void checksEveryVerifiedPieceOfAWatchedTorrentAndNoOther() {
        TorrentId other = TorrentId.fromBytes(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
            18, 19, 20});
        completion.watch(torrent);
        assertThat(registry.lookups(torrent)).as("checked when first announced").isEqualTo(1);
        completion.watch(torrent);
        assertThat(registry.lookups(torrent)).as("once").isEqualTo(1);

        bus.firePieceVerified(torrent, 0);
        bus.firePieceVerified(other, 0);

        assertThat(registry.lookups(torrent)).isEqualTo(2);
        assertThat(registry.lookups(other)).isZero();
    }

    @Test
    void aTorrentStoppedAndStartedAgainInTheSameRuntimeIsWatchedAgain() {
        completion.watch(torrent);
        // Bt drops a torrent's own listeners when it stops; the plugin forgets it after its 'stopped' announce
        bus.fireTorrentStopped(torrent);
        completion.forget(torrent);
        bus.firePieceVerified(torrent, 0);
        assertThat(registry.lookups(torrent)).as("not watched while stopped").isEqualTo(1);

        completion.watch(torrent);
        bus.firePieceVerified(torrent, 1);

        assertThat(registry.lookups(torrent)).as("watched again, its pieces checked").isEqualTo(3);
    }

    @Test
    void aCompletedMagnetDownloadIsForgottenOnceStoppedAndCheckedAgainIfItStartsAgain() {
        registry.knowCompleteMagnetDownload();
        completion.watch(torrent);
        assertThat(registry.lookups(torrent)).as("found complete, 'completed' due (no tracker has it here)")
                .isEqualTo(1);
        bus.firePieceVerified(torrent, 0);
        assertThat(registry.lookups(torrent)).as("not checked again: its 'completed' went out").isEqualTo(1);

        completion.forget(torrent); // stopped, and no tracker has it started
        completion.watch(torrent);

        assertThat(registry.lookups(torrent)).as("nothing kept of it: a new session is checked afresh").isEqualTo(2);
    }

    /**
     * Knows no torrent (no metadata yet, as a magnet link before its peers send it), or every torrent as a magnet
     * download with nothing left; counts the lookups.
     */
    private static final class LookupCounter implements TorrentRegistry {
        private final Map<TorrentId, AtomicInteger> lookups = new ConcurrentHashMap<>();
        private volatile boolean completeMagnets;

        void knowCompleteMagnetDownload() {
            completeMagnets = true;
        }

        /** An implementation of Bt's {@code type} whose methods named in {@code answers} answer so, the rest null. */
        private static <T> T stub(Class<T> type, Map<String, Object> answers) {
            return type.cast(java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                    (proxy, method, args) -> answers.get(method.getName())));
        }

        int lookups(TorrentId id) {
            AtomicInteger n = lookups.get(id);
            return n == null ? 0 : n.get();
        }

        @Override
        public Optional<Torrent> getTorrent(TorrentId torrentId) {
            lookups.computeIfAbsent(torrentId, k -> new AtomicInteger()).incrementAndGet();
            // a magnet link's torrent: no announce key of its own
            return completeMagnets ? Optional.of(stub(Torrent.class, Map.of("getAnnounceKey", Optional.empty())))
                    : Optional.empty();
        }

        @Override
        public Collection<Torrent> getTorrents() {
            return List.of();
        }

        @Override
        public Collection<TorrentId> getTorrentIds() {
            return List.of();
        }

        @Override
        public Optional<TorrentDescriptor> getDescriptor(Torrent torrent) {
            return Optional.empty();
        }

        @Override
        public Optional<TorrentDescriptor> getDescriptor(TorrentId torrentId) {
            if (!completeMagnets) {
                return Optional.empty();
            }
            DataDescriptor data = stub(DataDescriptor.class, Map.of("getLeft", 0L, "startedAsSeed", false));
            return Optional.of(stub(TorrentDescriptor.class, Map.of("getDataDescriptor", data)));
        }

        @Override
        public TorrentDescriptor getOrCreateDescriptor(Torrent torrent, Storage storage) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TorrentDescriptor register(Torrent torrent, Storage storage,
                                          bt.torrent.callbacks.FileDownloadCompleteCallback callback) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void registerSessionState(TorrentId torrentId, TorrentSessionState state) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TorrentDescriptor register(TorrentId torrentId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isSupportedAndActive(TorrentId torrentId) {
            return true;
        }
    }
}
