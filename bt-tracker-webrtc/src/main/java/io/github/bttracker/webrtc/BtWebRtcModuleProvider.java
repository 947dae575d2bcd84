package io.github.bttracker.webrtc;

import bt.module.BtModuleProvider;
import com.google.inject.Module;

/**
 * Lets {@code BtRuntimeBuilder.autoLoadModules()} find WebRTC through {@link java.util.ServiceLoader}: a Bt runtime
 * built that way, with the plugin, joins WebTorrent swarms with {@link BtWebRtcModule}'s defaults. Stateless; each
 * call makes a new module. Not meant to be called by applications.
 */
public final class BtWebRtcModuleProvider implements BtModuleProvider {

    /** @return a new {@link BtWebRtcModule} with {@link NativeWebRtc}'s defaults */
    @Override
    public Module module() {
        return new BtWebRtcModule();
    }
}
