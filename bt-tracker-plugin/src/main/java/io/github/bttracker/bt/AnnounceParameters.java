package io.github.bttracker.bt;

import bt.metainfo.TorrentId;
import bt.protocol.crypto.MSECipher;
import bt.runtime.Config;
import bt.service.IdentityService;
import bt.torrent.TorrentDescriptor;
import bt.torrent.TorrentRegistry;
import bt.torrent.TorrentSessionState;
import io.github.bttracker.core.AnnounceEvent;
import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import com.google.inject.Inject;

/**
 * Builds announce requests from what the Bt engine knows: its peer id, acceptor port, each torrent's session state,
 * its numwant and encryption policy. Bt 1.10 has no announce {@code key} (its secret key is always empty), so one
 * random key is chosen per runtime. {@code supportcrypto} and {@code requirecrypto} are sent only when the runtime can
 * encrypt: with message stream encryption off ({@link Config#setMseDisabled}, or a private key size this JDK does not
 * allow) Bt speaks plaintext whatever its policy says, and a tracker told otherwise would hand out peers it cannot
 * serve. The acceptor address is not sent as {@code ip}: it is usually a wildcard or a LAN address, and trackers take
 * the address the request comes from.
 */
final class AnnounceParameters {

    private final IdentityService identityService;
    private final TorrentRegistry torrentRegistry;
    private final Config config;
    private final int key = new SecureRandom().nextInt();
    private final boolean canEncrypt;
    /**
     * The session state of each torrent announced and not yet stopped. Bt forgets a torrent's descriptor as soon as
     * the torrent stops, before its {@code stopped} announce is built, which then would carry no {@code left} and
     * zero transfer counts; the state object itself still answers.
     */
    private final java.util.concurrent.ConcurrentMap<TorrentId, TorrentSessionState> states =
            new java.util.concurrent.ConcurrentHashMap<>();

    @Inject
    AnnounceParameters(IdentityService identityService, TorrentRegistry torrentRegistry, Config config) {
        this.identityService = identityService;
        this.torrentRegistry = torrentRegistry;
        this.config = config;
        this.canEncrypt = canEncrypt(config);
    }

    /** Whether Bt negotiates message stream encryption at all, as its MSEHandshakeProcessor decides. */
    private static boolean canEncrypt(Config config) {
        if (config.isMseDisabled()) {
            return false;
        }
        try {
            return MSECipher.isKeySizeSupported(config.getMsePrivateKeySize());
        } catch (RuntimeException e) {
            return false; // a key size Bt refuses: its runtime fails to build anyway
        }
    }

    /**
     * @param numWant the engine's numwant for this request, or null for the configured default
     * @param trackerId the tracker id this tracker gave earlier, or null
     */
    AnnounceRequest request(TorrentId torrentId, AnnounceEvent event, Integer numWant, String trackerId) {
        AnnounceRequest.Builder b = AnnounceRequest.builder(InfoHash.of(torrentId.getBytes()),
                        PeerId.of(identityService.getLocalPeerId().getBytes()), config.getAcceptorPort())
                .event(event)
                .numWant(numWant != null ? numWant : config.getNumberOfPeersToRequestFromTracker())
                .key(key)
                .trackerId(trackerId);
        Optional<TorrentSessionState> current = sessionState(torrentId);
        current.ifPresent(state -> states.put(torrentId, state));
        Optional<TorrentSessionState> known = event == AnnounceEvent.STOPPED
                ? current.or(() -> Optional.ofNullable(states.remove(torrentId)))
                : current.or(() -> Optional.ofNullable(states.get(torrentId)));
        if (event == AnnounceEvent.STOPPED) {
            states.remove(torrentId);
        }
        known.ifPresent(state -> {
            b.uploaded(Math.max(0, state.getUploaded())).downloaded(Math.max(0, state.getDownloaded()));
            if (state.getLeft() != TorrentSessionState.UNKNOWN && state.getLeft() >= 0) {
                b.left(state.getLeft());
            }
        });
        if (canEncrypt) {
            switch (config.getEncryptionPolicy()) {
                case PREFER_PLAINTEXT, PREFER_ENCRYPTED -> b.customParameter("supportcrypto", "1");
                case REQUIRE_ENCRYPTED -> b.customParameter("requirecrypto", "1");
                default -> {
                    // REQUIRE_PLAINTEXT: nothing to advertise
                }
            }
        }
        return b.build();
    }

    /** @return the time Bt allows a tracker request, or the plugin's default when Bt's is not set */
    Duration timeout(Duration pluginDefault) {
        Duration configured = config.getTrackerTimeout();
        return configured == null || configured.isZero() || configured.isNegative() ? pluginDefault : configured;
    }

    private Optional<TorrentSessionState> sessionState(TorrentId torrentId) {
        return torrentRegistry.getDescriptor(torrentId).flatMap(TorrentDescriptor::getSessionState);
    }
}
