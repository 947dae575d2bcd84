package io.github.bttracker.testing;

import java.util.Random;

/**
 * Random loss of datagrams on the way in and on the way out, as a WAN loses them. Seeded, so that a test that
 * fails under loss fails the same way again. Thread-safe: tests change the rates while the event loop draws.
 */
final class PacketLoss {
    private double inboundRate;
    private double outboundRate;
    private Random random = new Random(0);

    /** Loses each received datagram with probability {@code inbound}, each sent one with {@code outbound}. */
    synchronized void setRates(double inbound, double outbound, long seed) {
        this.inboundRate = checkedRate(inbound, "inbound");
        this.outboundRate = checkedRate(outbound, "outbound");
        this.random = new Random(seed);
    }

    /** Whether the datagram just received is lost before the tracker sees it. */
    synchronized boolean losesInbound() {
        return loses(inboundRate);
    }

    /** Whether the datagram about to be sent is lost on its way. */
    synchronized boolean losesOutbound() {
        return loses(outboundRate);
    }

    private boolean loses(double rate) {
        // no draw at rate 0, so turning loss off in one direction keeps the other's sequence intact
        return rate > 0 && random.nextDouble() < rate;
    }

    private static double checkedRate(double rate, String direction) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(direction + " loss rate must be within [0, 1]: " + rate);
        }
        return rate;
    }
}
