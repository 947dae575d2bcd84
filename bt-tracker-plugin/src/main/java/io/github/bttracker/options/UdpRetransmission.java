package io.github.bttracker.options;

/** How UDP tracker requests are retransmitted when no answer arrives. */
public enum UdpRetransmission {
    /**
     * The default: the first timeout is the tracker's retransmission timeout, derived from the round-trip times
     * measured for it as TCP does (never below {@link UdpOptions#minRetransmitTimeout()}, 1 s by default; before any
     * measurement {@link UdpOptions#initialRetransmitTimeout()}, 2 s by default), doubling after each try and never
     * longer than the BEP 15 schedule would wait. A lost datagram costs about a second instead of fifteen.
     */
    ADAPTIVE,
    /** Exactly BEP 15: wait 15 * 2^n seconds after the n-th transmission. */
    STRICT_BEP15
}
