/**
 * The tracker client's settings, as immutable records, one per concern, gathered in
 * {@link io.github.bttracker.options.TrackerClientOptions}. Each record has {@code defaults()}, checks its values
 * when it is made (an {@link java.lang.IllegalArgumentException} or {@link java.lang.NullPointerException} naming the
 * setting), and {@code with…} methods that return a changed copy.
 *
 * <p>Threads: the records, {@link io.github.bttracker.options.ProxySettings} and
 * {@link io.github.bttracker.options.UdpRetransmission} are immutable and may be shared between threads and runtimes.
 * The objects they hold are the caller's: a {@link io.github.bttracker.spi.HostResolver},
 * {@link io.github.bttracker.spi.PeerFilter} or {@link io.github.bttracker.spi.WebRtc} is called on the runtime's
 * event loop threads (see {@link io.github.bttracker.spi}).
 *
 * <p>Failures: an invalid value fails where it is given, never later in a runtime; a runtime reads the options once,
 * when it is created, so options changed afterwards (a new copy) do not affect it.
 */
package io.github.bttracker.options;
