package io.github.bttracker.testing;

/**
 * What the UDP front end keeps between datagrams and tests inspect or steer through {@link EmbeddedTracker}.
 *
 * @param log           every datagram received
 * @param script        the behaviours for the next datagrams
 * @param connectionIds the connection ids handed out
 * @param loss          the random loss applied to datagrams
 */
record UdpTrackerState(
        DatagramLog log, UdpBehaviourScript script, ConnectionIds connectionIds, PacketLoss loss) {
}
