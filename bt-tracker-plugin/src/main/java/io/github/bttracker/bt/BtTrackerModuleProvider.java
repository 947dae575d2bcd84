package io.github.bttracker.bt;

import bt.module.BtModuleProvider;
import com.google.inject.Module;

/**
 * Lets {@code BtRuntimeBuilder.autoLoadModules()} find the plugin through {@link java.util.ServiceLoader}: a Bt
 * runtime built that way uses {@link BtTrackerModule} with default options.
 */
public final class BtTrackerModuleProvider implements BtModuleProvider {

    @Override
    public Module module() {
        return new BtTrackerModule();
    }
}
