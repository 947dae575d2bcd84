/**
 * What an application or another module implements, or receives, to extend the tracker client: a
 * {@link io.github.bttracker.spi.WebRtc} implementation for WebSocket trackers and the
 * {@link io.github.bttracker.spi.ConnectedPeer}s it opens, a {@link io.github.bttracker.spi.HostResolver} and a
 * {@link io.github.bttracker.spi.PeerFilter}. Depends only on {@code io.github.bttracker.core} and the JDK.
 */
package io.github.bttracker.spi;
