package io.github.bttracker.webrtc;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import io.github.bttracker.spi.WebRtc;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The Guice module that gives a Bt runtime WebRTC peers: with it and the plugin's {@code BtTrackerModule}, a torrent
 * that lists a WebSocket (WebTorrent) tracker joins that tracker's swarm, with offers and answers, and every WebRTC
 * peer becomes a peer connection of the torrent in Bt, downloading and uploading pieces like a TCP peer.
 *
 * <p>It is found by {@code BtRuntime.builder().autoLoadModules()} (with a default {@link NativeWebRtc}, through
 * {@link BtWebRtcModuleProvider}), or passed explicitly, which lets you choose its settings:
 * <pre>{@code
 * BtRuntime runtime = BtRuntime.builder(config)
 *         .module(new BtTrackerModule())
 *         .module(new BtWebRtcModule(() -> NativeWebRtc.builder().iceServers(List.of(IceServer.of(stun))).build()))
 *         .build();
 * }</pre>
 *
 * <p>libwebrtc starts with the plugin's tracker runtime (the first announce of the Bt runtime) and closes after it,
 * when the Bt runtime shuts down. When it cannot start here (no native library for this platform, or a system
 * library missing), or when the Bt runtime's encryption policy requires encryption (WebTorrent peers speak
 * plaintext), WebRTC stays off with one warning in the log and the plugin goes on without it: WebSocket trackers
 * are then scraped for counts. The factory is called once per Bt runtime, when the plugin's tracker runtime starts.
 */
public final class BtWebRtcModule extends AbstractModule {

    private final Supplier<? extends WebRtc> factory;

    /** A module with {@link NativeWebRtc}'s defaults. */
    public BtWebRtcModule() {
        this(() -> NativeWebRtc.builder().build());
    }

    /**
     * @param factory builds the WebRTC implementation, once per Bt runtime; it may throw
     *     {@link WebRtcUnavailableException}. A {@link NativeWebRtc} built here must have no listener of its own.
     */
    public BtWebRtcModule(Supplier<? extends WebRtc> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** Binds the plugin's {@link WebRtc} to the factory. */
    @Override
    protected void configure() {
        Provider<WebRtc> provider = factory::get;
        bind(WebRtc.class).toProvider(provider);
    }
}
