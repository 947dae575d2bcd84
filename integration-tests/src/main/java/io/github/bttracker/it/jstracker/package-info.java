/**
 * Runs the reference JavaScript tracker (npm package {@code bittorrent-tracker} 11.2.3, the one
 * WebTorrent uses), or PeerTube's fork of it ({@code @peertube/bittorrent-tracker-server} 11.1.2),
 * in Node.js on loopback, for interoperability tests; {@link io.github.bttracker.it.jstracker.JsTrackerPackage}
 * names them.
 *
 * <p>Install once with {@code npm ci --ignore-scripts} in {@code integration-tests/js-tracker}
 * (the scripts would fetch a native WebRTC build the server never loads), and in
 * {@code integration-tests/peertube-tracker} for the fork. Both directories' {@code server.mjs}
 * hand their package's Server class to {@code js-tracker/serve.mjs}, which binds it and adds
 * {@code /swarm.json} (one swarm as the library holds it, see
 * {@link io.github.bttracker.it.jstracker.JsTrackerSwarm}).
 *
 * <p>The fork's server code ({@code server.js} and {@code lib/}) is byte for byte the reference's
 * 11.2.3, so everything below holds for both. The one difference is its older
 * {@code bittorrent-peerid} (1.3.6, against 2.0.2), which names fewer clients in
 * {@code /stats.json} (a {@code -RM0100-} peer id is RUM Torrent 0.1.0.0 to the reference and
 * "unknown" to the fork). The fork's package has no WebRTC client, so it installs 19 packages
 * rather than 81. What this server code does, read in its source and checked by experiment:
 * <ul>
 *   <li>Binding: the library's {@code listen(port, host)} binds its one HTTP server (which also
 *       carries WebSocket and {@code /stats.json}) to a single host, and its udp4 and udp6 sockets to
 *       the hosts given for them. {@code server.mjs} binds HTTP and udp4 to 127.0.0.1, udp6 to ::1,
 *       and adds an HTTP listener on ::1 that hands every request and upgrade to the library's
 *       handlers; nothing is bound to a wildcard address. The UDP sockets set {@code SO_REUSEADDR}.</li>
 *   <li>Intervals: {@code interval} 600 s over HTTP and UDP unless configured, over WebSocket a
 *       fifth of it (120 s); scrapes carry {@code flags: {min_request_interval: <interval>}}. It never
 *       sends {@code min interval}, {@code tracker id} or {@code warning message}. Failures are
 *       HTTP 200 with a {@code failure reason}.</li>
 *   <li>Peers: HTTP and UDP peers are known by {@code ip:port} (a new peer id from the same
 *       address and port is the same peer), WebSocket peers by peer id. HTTP and UDP answers include
 *       the announcing peer itself; WebSocket ones never do, and the two kinds never see each other.
 *       A missing event counts as an update, and an update from an unknown peer as a start.</li>
 *   <li>HTTP: compact answers always hold both {@code peers} and {@code peers6} (18-byte entries),
 *       either possibly empty; a peer announcing over ::1 is in {@code peers6}. {@code ip=} and
 *       {@code X-Forwarded-For} are ignored.</li>
 *   <li>UDP: there are no connection ids of its own: a connect is answered with the protocol id
 *       0x41727101980 as connection id, and a request carrying any other is dropped without an
 *       answer. Answers list IPv4 peers only, 6 bytes each, on the IPv6 socket as well: IPv6 peers,
 *       the announcer included, are in the swarm counts but in no UDP peer list. A non-zero
 *       {@code ip} field is taken as the peer's address; port 0 means the datagram's source port.</li>
 *   <li>Scrape: the keys of {@code files} are the info hash bytes taken as Latin-1 characters and
 *       written as UTF-8, so a byte of 0x80 or more comes back as two bytes; {@code downloaded} equals
 *       {@code complete}; a scrape without {@code info_hash} lists every torrent.</li>
 *   <li>Stats: {@code /stats.json} is {@code {"torrents", "activeTorrents", "peersAll",
 *       "peersSeederOnly", "peersLeecherOnly", "peersSeederAndLeecher", "peersIPv4", "peersIPv6",
 *       "clients": {name: {version: count}}}}, see {@link io.github.bttracker.it.jstracker.JsTrackerStats}.</li>
 * </ul>
 */
package io.github.bttracker.it.jstracker;
