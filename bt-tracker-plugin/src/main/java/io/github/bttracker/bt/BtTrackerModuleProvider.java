package io.github.bttracker.bt;

import bt.module.BtModuleProvider;
import com.google.inject.Module;

/**
 * Lets {@code BtRuntimeBuilder.autoLoadModules()} find the plugin through {@link java.util.ServiceLoader}: a Bt
 * runtime built that way uses {@link BtTrackerModule} with the options that {@code bttracker.*} system properties
 * and a {@code bt-tracker.properties} file on the class path set, the others at their defaults. Stateless; each call
 * makes a new module. Not meant to be called by applications.
 */
public final class BtTrackerModuleProvider implements BtModuleProvider {

    /** @return a new {@link BtTrackerModule} with {@link io.github.bttracker.options.TrackerClientOptions#defaults()} */
    @Override
    public Module module() {
        return new BtTrackerModule();
    }
}
