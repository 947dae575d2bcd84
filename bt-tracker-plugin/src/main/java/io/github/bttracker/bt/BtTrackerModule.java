package io.github.bttracker.bt;

import bt.tracker.ITrackerService;
import bt.net.HandshakeHandler;
import bt.protocol.IHandshakeFactory;
import bt.runtime.Config;
import com.google.inject.AbstractModule;
import com.google.inject.Binding;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.github.bttracker.internal.transport.LibraryVersions;
import io.github.bttracker.options.TrackerClientOptions;
import io.github.bttracker.spi.WebRtc;
import java.util.Objects;
import java.util.Set;

/**
 * The Guice module that makes a Bt runtime use the plugin's tracker clients. It replaces Bt's
 * {@link ITrackerService}, the one point through which the engine reaches every tracker, and provides
 * {@link TrackerScrapeService} and {@link TrackerStatusService}.
 *
 * <p>It is found by {@code BtRuntime.builder().autoLoadModules()} (through {@link BtTrackerModuleProvider}), with
 * the options that {@code bttracker.*} system properties and a {@code bt-tracker.properties} file on the class path
 * set ({@link TrackerClientOptions#fromSystemPropertiesAndClassPath()}), or passed explicitly with options made in
 * code, which are then used exactly as given (properties play no part):
 * <pre>{@code
 * BtRuntime runtime = BtRuntime.builder(config)
 *         .module(new BtTrackerModule(TrackerClientOptions.defaults()
 *                 .withHttp(HttpOptions.defaults().withUserAgent("my-client/1.0"))))
 *         .build();
 * }</pre>
 * Both together work too: the explicit module wins. Each Bt runtime gets its own event loop, created on first use
 * and closed when the runtime shuts down.
 *
 * <p>WebRTC: when another module binds a {@link WebRtc} (bt-tracker-webrtc's {@code BtWebRtcModule}, auto-loaded
 * too), torrents join the swarms of their WebSocket trackers, and every WebRTC peer becomes a peer connection of its
 * torrent in Bt. A WebRTC implementation in the options ({@link
 * io.github.bttracker.options.WebSocketOptions#withWebRtc}) does the same.
 *
 * <p>Threads and failures: Bt calls the plugin from its own threads and blocks them for an announce (at most its
 * tracker timeout); the network work runs on the plugin's event loop. Nothing is thrown to Bt for a tracker that
 * fails: Bt gets a {@code TrackerResponse} with the tracker's {@code failure reason}, or an exceptional one holding
 * the {@link io.github.bttracker.core.TrackerException}. A library too old for the plugin fails the Bt runtime's
 * {@code build()} (see {@link #configure()}).
 */
public final class BtTrackerModule extends AbstractModule {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BtTrackerModule.class);

    /** Null until {@link #configure()} when they come from properties. */
    private TrackerClientOptions options;

    /**
     * A module with the options of {@link TrackerClientOptions#fromSystemPropertiesAndClassPath()}: the
     * {@code bttracker.*} system properties and {@code bt-tracker.properties} file, read when the Bt runtime is
     * built; without any, {@link TrackerClientOptions#defaults()}. This is the module that auto-loading finds.
     */
    public BtTrackerModule() {
        this.options = null;
    }

    /**
     * A module with exactly these options: {@code bttracker.*} properties are not read.
     *
     * @param options the settings of the plugin's transports, not null
     * @throws NullPointerException if {@code options} is null
     */
    public BtTrackerModule(TrackerClientOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Binds the plugin's services.
     *
     * @throws IllegalStateException when a library on the class path is older than the plugin needs (Jackson before
     *         2.15, Netty before 4.1): the Bt runtime's {@code build()} then fails with that message, and it is logged
     *         as an error; otherwise the runtime would start and its torrents would silently get no peers from
     *         trackers, the plugin failing on the engine's threads at the first announce
     * @throws IllegalArgumentException when a {@code bttracker.*} property is wrong (a module made without options
     *         only): the Bt runtime's {@code build()} fails with the message, which names the property and where it
     *         was set, and it is logged as an error
     */
    @Override
    protected void configure() {
        try {
            LibraryVersions.requireSupported();
        } catch (IllegalStateException e) {
            LOG.error("bt-tracker cannot start: {}", e.getMessage());
            throw e;
        }
        if (options == null) {
            try {
                options = TrackerClientOptions.fromSystemPropertiesAndClassPath();
            } catch (IllegalArgumentException e) {
                LOG.error("bt-tracker cannot start: {}", e.getMessage());
                throw e;
            }
        }
        bind(PluginTrackerService.class).in(Singleton.class);
        bind(ITrackerService.class).to(PluginTrackerService.class);
        bind(TrackerScrapeService.class).in(Singleton.class);
        bind(TrackerStatusService.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    PluginRuntime pluginRuntime(Injector injector, Config config, IHandshakeFactory handshakeFactory) {
        // WebRTC is optional: bt-tracker-webrtc's module binds it; without that module, there is no binding
        Binding<WebRtc> webRtc = injector.getExistingBinding(Key.get(WebRtc.class));
        Binding<Set<HandshakeHandler>> handlers =
                injector.getExistingBinding(Key.get(new TypeLiteral<Set<HandshakeHandler>>() { }));
        BtWebRtc btWebRtc = new BtWebRtc(webRtc == null ? null : webRtc.getProvider()::get, config,
                handshakeFactory, handlers == null ? Set.of() : handlers.getProvider().get());
        return new PluginRuntime(options, btWebRtc);
    }
}
