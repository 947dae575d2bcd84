#!/usr/bin/python3
"""One libtorrent peer on 127.0.0.1 for bt-tracker's interoperability tests.

Seeds or downloads one torrent (a .torrent file, or a magnet link whose metadata comes from other peers) and prints
what libtorrent reports as JSON, one object per line on stdout:

  {"type": "listening", "port": P}     once the listen socket is bound
  {"type": "status", ...}              every half second, and at once after a tracker, peer or state alert
  {"type": "fatal", "kind": K, "message": M}  before exiting on an error (exit codes below)

A status line holds the torrent's state and progress, its peers (libtorrent's count, the peers connected now,
every peer seen since the start with its peer id, and the last ten disconnections with their reasons), and the
tracker traffic libtorrent saw: every announce it sent (with its event) and the last reply, error and warning.

DHT, local service discovery, UPnP, NAT-PMP and peer exchange are off, and the session listens on 127.0.0.1 only,
so the trackers of the torrent are the only way to find peers. uTP is off: the Bt engine speaks TCP only. Message
stream encryption is off too: connections use the plain BitTorrent handshake.
SIGTERM or SIGINT removes the torrent (libtorrent then announces 'stopped', waiting at most 2 s) and exits with 0.

Exit codes: 0 stopped by a signal; 2 bad arguments; 3 the listen socket could not be bound (kind "listen");
4 the libtorrent module is missing (kind "module"); 5 the torrent could not be added or failed (kind "torrent").
"""

import argparse
import json
import signal
import sys
import time

STATUS_INTERVAL = 0.5
DISCONNECTS_KEPT = 10
EVENTS = {0: "none", 1: "completed", 2: "started", 3: "stopped", 4: "paused"}


def emit(line):
    sys.stdout.write(json.dumps(line, sort_keys=True) + "\n")
    sys.stdout.flush()


def fatal(kind, message, code):
    emit({"type": "fatal", "kind": kind, "message": message})
    sys.exit(code)


try:
    import libtorrent as lt
except ImportError as e:
    fatal("module", "cannot import libtorrent (%s): apt-get install python3-libtorrent" % e, 4)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True, help="TCP (and tracker UDP) port on 127.0.0.1")
    parser.add_argument("--save", required=True, help="directory holding (or receiving) the content")
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--torrent", help="a .torrent file")
    what.add_argument("--magnet", help="a magnet link")
    return parser.parse_args()


def session_settings(port):
    return {
        "listen_interfaces": "127.0.0.1:%d" % port,
        "outgoing_interfaces": "127.0.0.1",
        "enable_dht": False,
        "enable_lsd": False,
        "enable_upnp": False,
        "enable_natpmp": False,
        "enable_ip_notifier": False,
        "dht_bootstrap_nodes": "",
        "enable_outgoing_utp": False,
        "enable_incoming_utp": False,
        # plaintext BitTorrent handshakes only: see the class comment of LibtorrentTest for why
        "out_enc_policy": int(lt.enc_policy.disabled),
        "in_enc_policy": int(lt.enc_policy.disabled),
        # every peer of a test runs on 127.0.0.1
        "allow_multiple_connections_per_ip": True,
        "stop_tracker_timeout": 2,
        "alert_mask": (lt.alert_category.error | lt.alert_category.peer | lt.alert_category.tracker
                       | lt.alert_category.connect | lt.alert_category.status | lt.alert_category.storage),
    }


def torrent_params(args):
    if args.magnet:
        params = lt.parse_magnet_uri(args.magnet)
    else:
        params = lt.add_torrent_params()
        params.ti = lt.torrent_info(args.torrent)
    params.save_path = args.save
    params.flags |= lt.torrent_flags.disable_dht | lt.torrent_flags.disable_lsd | lt.torrent_flags.disable_pex
    params.flags &= ~lt.torrent_flags.auto_managed
    params.flags &= ~lt.torrent_flags.paused
    return params


def text(value):
    """The python bindings give some strings (a peer's client name) as bytes."""
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


class Observed:
    """What libtorrent reported so far, beyond its torrent status."""

    def __init__(self):
        self.announces = []
        self.last_reply = None
        self.last_error = None
        self.last_warning = None
        self.peers_seen = {}
        self.disconnects = []

    def see_peer(self, ip, port, pid, client=None):
        peer_id = str(pid)
        if peer_id == "0" * 40:
            return
        seen = self.peers_seen.setdefault(peer_id, {"peer_id": peer_id, "ip": ip, "port": port})
        if client:
            seen["client"] = client

    def on_alert(self, alert):
        """Returns whether the alert changes what a status line says."""
        if isinstance(alert, lt.tracker_announce_alert):
            self.announces.append({"url": alert.url, "event": EVENTS.get(int(alert.event), str(alert.event))})
        elif isinstance(alert, lt.tracker_reply_alert):
            self.last_reply = {"url": alert.url, "num_peers": alert.num_peers}
        elif isinstance(alert, lt.tracker_error_alert):
            self.last_error = {"url": alert.url, "error": alert.error.message(),
                               "failure_reason": alert.failure_reason(), "times_in_row": alert.times_in_row}
        elif isinstance(alert, lt.tracker_warning_alert):
            self.last_warning = {"url": alert.url, "message": alert.message()}
        elif isinstance(alert, (lt.peer_connect_alert, lt.peer_disconnected_alert, lt.peer_error_alert)):
            self.see_peer(str(alert.ip[0]), int(alert.ip[1]), alert.pid)
            if not isinstance(alert, lt.peer_connect_alert):
                self.disconnects.append({"ip": str(alert.ip[0]), "port": int(alert.ip[1]), "peer_id": str(alert.pid),
                                         "operation": str(alert.op), "error": alert.error.message()})
                del self.disconnects[:-DISCONNECTS_KEPT]
        elif not isinstance(alert, (lt.state_changed_alert, lt.torrent_finished_alert, lt.metadata_received_alert,
                                    lt.torrent_checked_alert)):
            return False
        return True


def status_line(handle, observed):
    status = handle.status()
    connected = []
    for peer in handle.get_peer_info():
        ip, port = str(peer.ip[0]), int(peer.ip[1])
        client = text(peer.client)
        observed.see_peer(ip, port, peer.pid, client)
        connected.append({"peer_id": str(peer.pid), "ip": ip, "port": port, "client": client,
                          "seed": bool(peer.flags & lt.peer_info.seed),
                          "total_download": peer.total_download, "total_upload": peer.total_upload})
    return {
        "type": "status",
        "time": round(time.time(), 3),
        "info_hash": str(status.info_hashes.v1) if hasattr(status, "info_hashes") else str(status.info_hash),
        "state": str(status.state),
        "has_metadata": status.has_metadata,
        "progress": status.progress,
        "is_seeding": status.is_seeding,
        "num_peers": status.num_peers,
        "num_seeds": status.num_seeds,
        "total_wanted": status.total_wanted,
        "total_done": status.total_done,
        "total_payload_download": status.total_payload_download,
        "total_payload_upload": status.total_payload_upload,
        "error": status.error or None,
        "connected": connected,
        "peers_seen": list(observed.peers_seen.values()),
        "disconnects": observed.disconnects,
        "tracker": {
            "announces": observed.announces,
            "last_reply": observed.last_reply,
            "last_error": observed.last_error,
            "last_warning": observed.last_warning,
        },
    }


def await_listening(session, port):
    deadline = time.time() + 10
    while time.time() < deadline:
        session.wait_for_alert(500)
        for alert in session.pop_alerts():
            if isinstance(alert, lt.listen_succeeded_alert) and int(alert.port) == port:
                return
            if isinstance(alert, lt.listen_failed_alert):
                fatal("listen", "cannot listen on 127.0.0.1:%d: %s" % (port, alert.message()), 3)
    fatal("listen", "no listen alert for 127.0.0.1:%d within 10 s" % port, 3)


def main():
    args = parse_args()
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    signal.signal(signal.SIGINT, lambda *_: stopping.append(True))

    session = lt.session(session_settings(args.port))
    await_listening(session, args.port)
    emit({"type": "listening", "port": args.port})
    try:
        handle = session.add_torrent(torrent_params(args))
    except RuntimeError as e:
        fatal("torrent", "cannot add the torrent: %s" % e, 5)

    observed = Observed()
    next_status = 0.0
    while not stopping:
        session.wait_for_alert(int(STATUS_INTERVAL * 1000))
        changed = False
        for alert in session.pop_alerts():
            changed = observed.on_alert(alert) or changed
            if isinstance(alert, (lt.torrent_error_alert, lt.file_error_alert)):
                fatal("torrent", alert.message(), 5)
        if changed or time.time() >= next_status:
            emit(status_line(handle, observed))
            next_status = time.time() + STATUS_INTERVAL

    # removing the torrent sends 'stopped'; the session's destructor waits for it (stop_tracker_timeout)
    session.remove_torrent(handle)
    del session
    return 0


if __name__ == "__main__":
    sys.exit(main())
