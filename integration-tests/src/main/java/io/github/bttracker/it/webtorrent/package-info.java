/**
 * WebTorrent peers in Node ({@link io.github.bttracker.it.webtorrent.WebTorrentNode}, the package in
 * bt-tracker-webrtc/webtorrent) and the network namespace bt-tracker-webrtc's tests run in
 * ({@link io.github.bttracker.it.webtorrent.Namespace}): for bt-tracker-webrtc's tests and the command-line tool's.
 */
package io.github.bttracker.it.webtorrent;
