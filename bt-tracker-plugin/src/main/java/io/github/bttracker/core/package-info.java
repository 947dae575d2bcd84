/**
 * The values of the tracker protocols, shared by the client, the Bt plugin and the extension points: identifiers
 * ({@link io.github.bttracker.core.InfoHash}, {@link io.github.bttracker.core.PeerId}), requests and answers
 * ({@link io.github.bttracker.core.AnnounceRequest}, {@link io.github.bttracker.core.AnnounceResponse},
 * {@link io.github.bttracker.core.ScrapeResult}, {@link io.github.bttracker.core.PeerAddress}), a tracker's status
 * ({@link io.github.bttracker.core.TrackerStatus}), the one exception of the library
 * ({@link io.github.bttracker.core.TrackerException}) and {@link io.github.bttracker.core.Secrets}, which masks
 * passkeys in URLs. Depends only on the JDK.
 *
 * <p>Threads: every value is immutable and may be shared between threads freely; the builders are not thread-safe.
 *
 * <p>Failures: factories, constructors and builders check their arguments and throw
 * {@link java.lang.NullPointerException} for a missing one and {@link java.lang.IllegalArgumentException} for one out
 * of range (a 19-byte hash, a negative count, a port above 65535). The message of every
 * {@link io.github.bttracker.core.TrackerException}, and the text of a status, has the secrets of its URLs masked.
 */
package io.github.bttracker.core;
