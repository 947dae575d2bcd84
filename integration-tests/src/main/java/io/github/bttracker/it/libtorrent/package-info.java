/**
 * Runs a real libtorrent peer on 127.0.0.1 for interoperability tests: {@link
 * io.github.bttracker.it.libtorrent.LibtorrentPeer} starts the driver {@code peer.py} (in this package's resources)
 * with Debian's {@code /usr/bin/python3} and reads the status lines it prints.
 *
 * <p>What Debian 12's {@code python3-libtorrent} (2.0.8) does here, found by experiment:
 * <ul>
 *   <li>opentracker lists the announcing peer itself, so libtorrent connects to itself once and drops the
 *       connection ("connected to ourselves"); harmless.</li>
 *   <li>A loopback tracker whose path is {@code /announce} passes its SSRF mitigation, which stays on.</li>
 *   <li>It announces {@code started} once its check of the files is done, with {@code left=0} when it has them all,
 *       and {@code completed} when a download finishes; it asks the tracker for peers again only after the interval
 *       (opentracker's is about 30 minutes), so a seed it should find must be in the swarm before it starts.</li>
 *   <li>With libtorrent's encryption enabled and Bt's default policy, connections between the two failed now and
 *       then ("timed out: no handshake", or none at all), so the driver turns message stream encryption off.</li>
 * </ul>
 */
package io.github.bttracker.it.libtorrent;
