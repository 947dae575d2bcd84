package io.github.bttracker.bt;

import bt.tracker.ITrackerService;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.github.bttracker.TrackerClientOptions;
import java.util.Objects;

/**
 * The Guice module that makes a Bt runtime use the plugin's tracker clients. It replaces Bt's
 * {@link ITrackerService}, the one point through which the engine reaches every tracker, and provides
 * {@link TrackerScrapeService} and {@link TrackerStatusService}.
 *
 * <p>It is found by {@code BtRuntime.builder().autoLoadModules()} (with default options, through
 * {@link BtTrackerModuleProvider}), or passed explicitly, which also lets you choose options:
 * <pre>{@code
 * BtRuntime runtime = BtRuntime.builder(config)
 *         .module(new BtTrackerModule(TrackerClientOptions.builder().userAgent("my-client/1.0").build()))
 *         .build();
 * }</pre>
 * Both together work too: the explicit module wins. Each Bt runtime gets its own event loop, created on first use
 * and closed when the runtime shuts down.
 */
public final class BtTrackerModule extends AbstractModule {

    private final TrackerClientOptions options;

    /** A module with {@link TrackerClientOptions#defaults()}. */
    public BtTrackerModule() {
        this(TrackerClientOptions.defaults());
    }

    public BtTrackerModule(TrackerClientOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    protected void configure() {
        bind(PluginTrackerService.class).in(Singleton.class);
        bind(ITrackerService.class).to(PluginTrackerService.class);
        bind(TrackerScrapeService.class).in(Singleton.class);
        bind(TrackerStatusService.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    PluginRuntime pluginRuntime() {
        return new PluginRuntime(options);
    }
}
