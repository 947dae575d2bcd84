package io.github.bttracker.examples.cli;

import bt.protocol.crypto.EncryptionPolicy;
import bt.runtime.BtRuntimeBuilder;
import bt.runtime.Config;
import java.net.InetAddress;

/**
 * How a session's Bt runtime meets peers: where it accepts them, whether it looks for them besides its trackers, and
 * whether it encrypts. There is no DHT in any case: bt-dht is not in the tool.
 *
 * @param acceptorAddress where the runtime accepts peers and its outgoing peer connections leave from; null for Bt's
 *     default, the first non-loopback IPv4 address of the host
 * @param acceptorPort the port it accepts them on
 * @param localServiceDiscovery Bt's local service discovery (BEP 14): multicast announces to 239.192.152.143:6771
 *     (and [ff15::efc0:988f]:6771), heard on a socket bound to 0.0.0.0:6771 whatever the acceptor address
 * @param peerExchange Bt's peer exchange (BEP 11, {@code ut_pex}): peers learn of other peers from each other
 * @param encryption Bt's message stream encryption policy, which also goes into announces ({@code supportcrypto},
 *     {@code requirecrypto}); null for Bt's default ({@link EncryptionPolicy#PREFER_PLAINTEXT})
 */
record PeerNetwork(InetAddress acceptorAddress, int acceptorPort, boolean localServiceDiscovery, boolean peerExchange,
                   EncryptionPolicy encryption) {

    /** Loopback only, trackers only: accepting on 127.0.0.1, no local service discovery, no peer exchange. */
    static PeerNetwork loopbackOnly(int acceptorPort) {
        return new PeerNetwork(InetAddress.getLoopbackAddress(), acceptorPort, false, false, null);
    }

    void applyTo(Config config) {
        if (acceptorAddress != null) {
            config.setAcceptorAddress(acceptorAddress);
        }
        config.setAcceptorPort(acceptorPort);
        if (encryption != null) {
            config.setEncryptionPolicy(encryption);
        }
    }

    BtRuntimeBuilder applyTo(BtRuntimeBuilder builder) {
        if (!localServiceDiscovery) {
            builder.disableLocalServiceDiscovery();
        }
        if (!peerExchange) {
            builder.disablePeerExchange();
        }
        return builder;
    }
}
