/**
 * Not API: what {@code io.github.bttracker.testing} and this project's own tests share, public only because Java
 * needs that across packages and modules; it changes without notice.
 *
 * <p>{@link io.github.bttracker.testing.internal.UdpProtocol} holds the numbers of the UDP tracker protocol
 * (BEP 15). {@link io.github.bttracker.testing.internal.BareUdpClient} and
 * {@link io.github.bttracker.testing.internal.BareWebSocketClient} are bare clients, a plain
 * {@link java.net.DatagramSocket} and a JDK {@link java.net.http.WebSocket}, with which the tests check what a
 * tracker (this one, opentracker, the JavaScript ones) answers independently of any tracker client under test.
 */
package io.github.bttracker.testing.internal;
