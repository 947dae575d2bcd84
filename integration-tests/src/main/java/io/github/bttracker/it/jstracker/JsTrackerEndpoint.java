package io.github.bttracker.it.jstracker;

/** One protocol and address family a {@link JsTracker} serves, and how the tracker records a peer announcing there. */
public enum JsTrackerEndpoint {
    HTTP("http", "127.0.0.1"),
    HTTP6("http", "::1"),
    UDP("udp", "127.0.0.1"),
    UDP6("udp", "::1"),
    WS("ws", "127.0.0.1");

    private final String type;
    private final String ip;

    JsTrackerEndpoint(String type, String ip) {
        this.type = type;
        this.ip = ip;
    }

    /** @return the tracker's announce URL here */
    public String url(JsTracker tracker) {
        return switch (this) {
            case HTTP -> tracker.httpAnnounceUrl();
            case HTTP6 -> tracker.http6AnnounceUrl();
            case UDP -> tracker.udpAnnounceUrl();
            case UDP6 -> tracker.udp6AnnounceUrl();
            case WS -> tracker.wsAnnounceUrl();
        };
    }

    /** @return the {@link JsTrackerSwarm.Peer#type() type} the tracker gives a peer announcing here */
    public String type() {
        return type;
    }

    /** @return the {@link JsTrackerSwarm.Peer#ip() address} the tracker records for a peer announcing here */
    public String ip() {
        return ip;
    }
}
