/**
 * What an application or another module implements, or receives, to extend the tracker client: a
 * {@link io.github.bttracker.spi.WebRtc} implementation for WebSocket trackers and the
 * {@link io.github.bttracker.spi.ConnectedPeer}s it opens, a {@link io.github.bttracker.spi.HostResolver} and a
 * {@link io.github.bttracker.spi.PeerFilter}. Depends only on {@code io.github.bttracker.core} and the JDK.
 *
 * <p>Threads: the runtime calls {@code WebRtc}, {@code HostResolver} and {@code PeerFilter} on its event loop
 * threads, so an implementation must answer quickly and never block (a {@code WebRtc} returns futures that complete
 * later, on any thread), and may be called from several threads at once. A {@code ConnectedPeer} delivers its bytes on
 * the implementation's thread; each type says which.
 *
 * <p>Failures: an exception from an implementation never breaks the runtime. It costs only what it concerns: a
 * {@code HostResolver}'s fails that request as a {@link io.github.bttracker.core.TrackerException.Kind#DNS} failure,
 * a {@code PeerFilter}'s drops that peer, a {@code WebRtc}'s (or a failed future) drops that offer or answer, and is
 * logged.
 */
package io.github.bttracker.spi;
