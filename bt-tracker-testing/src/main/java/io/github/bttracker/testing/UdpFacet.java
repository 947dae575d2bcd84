package io.github.bttracker.testing;

import java.time.Duration;

/**
 * The UDP tracker (BEP 15) of an {@link EmbeddedTracker} ({@link EmbeddedTracker#udp()}): scripts how the next
 * datagrams, whatever their action, are treated, records every datagram, and can expire connection ids or lose
 * datagrams at random. Thread-safe; see {@link TrackerFacet} for how {@code take} and {@code poll} behave on
 * timeout.
 */
public final class UdpFacet implements TrackerFacet<UdpBehaviour, RecordedDatagram> {
    private final UdpTrackerState state;

    UdpFacet(UdpTrackerState state) {
        this.state = state;
    }

    @Override
    public void enqueue(UdpBehaviour behaviour) {
        state.script().enqueue(behaviour);
    }

    @Override
    public RecordedDatagram take(Duration timeout) {
        return state.log().take(timeout);
    }

    @Override
    public RecordedDatagram poll() {
        return state.log().poll();
    }

    @Override
    public RecordedDatagram poll(Duration timeout) {
        return state.log().poll(timeout);
    }

    /** How many UDP datagrams the tracker received, taken or not; those lost to {@link #setLossRate} are not. */
    @Override
    public int count() {
        return state.log().datagramCount();
    }

    /** {@return how many of the datagrams were connect requests} */
    public int connectCount() {
        return state.log().connectCount();
    }

    /**
     * Makes every connection id issued so far invalid, as when their lifetime runs out: announces and scrapes
     * carrying one get the error {@code "invalid connection id"} until the client connects again.
     */
    public void expireConnectionIds() {
        state.connectionIds().expireAll();
    }

    /**
     * Loses datagrams at random from now on, like a lossy WAN: each received datagram with probability
     * {@code inbound} (it is then neither recorded nor scripted), each sent one with probability {@code outbound}.
     * Draws come from a {@code java.util.Random} seeded with {@code seed}, so a run can be repeated. 0 and 0, the
     * default, lose nothing.
     *
     * @param inbound the probability, 0 to 1, that a received datagram is lost
     * @param outbound the probability, 0 to 1, that a sent datagram is lost
     * @param seed the seed of the random draws
     */
    public void setLossRate(double inbound, double outbound, long seed) {
        state.loss().setRates(inbound, outbound, seed);
    }
}
