package io.github.bttracker.examples;

import bt.runtime.BtRuntimeBuilder;

/**
 * Where the Bt examples' runtime looks for peers besides its trackers. There is no DHT either way: bt-dht is not on
 * the classpath.
 */
public enum PeerSources {

    /**
     * Trackers, Bt's local service discovery (BEP 14: multicast announces to 239.192.152.143:6771 on the local network,
     * heard on 0.0.0.0:6771) and Bt's peer exchange (BEP 11): Bt's defaults, what a real download wants.
     */
    TRACKERS_LAN_AND_PEER_EXCHANGE,

    /** Trackers only: for a test, whose traffic stays on loopback, or for a download that must not show on the LAN. */
    TRACKERS_ONLY;

    /** Turns local service discovery and peer exchange off on {@code builder} for {@link #TRACKERS_ONLY}. */
    public BtRuntimeBuilder applyTo(BtRuntimeBuilder builder) {
        return this == TRACKERS_ONLY ? builder.disableLocalServiceDiscovery().disablePeerExchange() : builder;
    }
}
