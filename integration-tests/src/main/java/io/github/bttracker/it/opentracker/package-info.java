/**
 * Runs a real opentracker on 127.0.0.1 for interoperability tests and benchmarks.
 *
 * <p>What the Debian 12 package ({@code opentracker 0.0~git20210823.110868e-3}, {@code /usr/bin/opentracker})
 * does, found by experiment:
 * <ul>
 *   <li>IPv4 only ({@code -i ::1} exits with "V4 Tracker is V4 only!") and whitelist only: a hash not in
 *       the whitelist gets {@code d14:failure reason63:Requested download is not authorized for use with this
 *       tracker.e} over HTTP, and over UDP an 8-byte answer (action 1 and the transaction id, nothing else).</li>
 *   <li>The whitelist is read after {@code chroot}, so its path is relative to the {@code -d} directory; it
 *       is read in a background thread, at start and on every SIGHUP. Each hash must end with a newline.</li>
 *   <li>The stats pages answer 403 unless the client's address is blessed with {@code -A}.</li>
 *   <li>Announce intervals are random, 1620 to 1980 s (1800 &plusmn; 10%), over HTTP and UDP alike;
 *       {@code min interval} is half the interval. Nothing configures them.</li>
 *   <li>Peer lists include the announcing peer itself, and seeds get seeds too. Seeds are the peers that
 *       announced {@code left=0}. Peers are known by address and port, not by peer id.</li>
 *   <li>HTTP answers are always compact: {@code compact=0} gets "400 Invalid Request"; a missing
 *       {@code compact} gets the compact form. {@code ip=} and {@code X-Forwarded-For} are ignored.</li>
 *   <li>A second opentracker may bind the same port ({@code SO_REUSEPORT}) without an error.</li>
 * </ul>
 */
package io.github.bttracker.it.opentracker;
