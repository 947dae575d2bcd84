package io.github.bttracker.core;

/** The {@code event} of an announce (BEP 3; numeric codes from BEP 15). Immutable and thread-safe. */
public enum AnnounceEvent {
    /** A regular, periodic announce: no event is sent over HTTP. */
    NONE(null, 0),
    /** The first announce of a download session. */
    STARTED("started", 2),
    /** The download has just completed (not sent when the torrent started complete). */
    COMPLETED("completed", 1),
    /** The client is leaving the swarm. */
    STOPPED("stopped", 3);

    private final String httpValue;
    private final int udpCode;

    AnnounceEvent(String httpValue, int udpCode) {
        this.httpValue = httpValue;
        this.udpCode = udpCode;
    }

    /** @return the value of the HTTP {@code event} parameter, or {@code null} for {@link #NONE} */
    public String httpValue() {
        return httpValue;
    }

    /** @return the event code of a BEP 15 announce packet */
    public int udpCode() {
        return udpCode;
    }
}
