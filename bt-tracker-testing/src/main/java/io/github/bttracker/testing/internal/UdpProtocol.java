package io.github.bttracker.testing.internal;


/**
 * Numbers of the UDP tracker protocol (BEP 15, with BEP 41 options), for tests that build or check datagrams by
 * hand. Every multi-byte field is big-endian (network byte order). Not API (see {@code package-info}).
 */
public final class UdpProtocol {
    /** The magic a connect request carries where later requests carry the connection id. */
    public static final long PROTOCOL_ID = 0x41727101980L;

    /** Action of a connect request and response. */
    public static final int CONNECT = 0;
    /** Action of an announce request and response. */
    public static final int ANNOUNCE = 1;
    /** Action of a scrape request and response. */
    public static final int SCRAPE = 2;
    /** Action of an error response. */
    public static final int ERROR = 3;

    /** Every request starts with 8 bytes of connection id (or protocol id), 4 of action, 4 of transaction id. */
    public static final int HEADER_LENGTH = 16;
    /** Length of an announce request without BEP 41 options. */
    public static final int ANNOUNCE_LENGTH = 98;
    /** The largest payload a UDP datagram can carry over IPv4. */
    public static final int MAX_DATAGRAM_LENGTH = 65_507;
    /** How many info hashes one scrape may carry: their counts must fit in one response. */
    public static final int MAX_SCRAPE_HASHES = 74;

    /** Announce {@code event} codes; note that they are not in the order of {@code AnnounceEvent}. */
    public static final int EVENT_NONE = 0;
    /** The download finished. */
    public static final int EVENT_COMPLETED = 1;
    /** The download started. */
    public static final int EVENT_STARTED = 2;
    /** The peer leaves the swarm. */
    public static final int EVENT_STOPPED = 3;

    /** BEP 41 option type: no more options follow. */
    public static final int OPTION_END = 0;
    /** BEP 41 option type: a single padding byte. */
    public static final int OPTION_NOP = 1;
    /** BEP 41 option type: a length byte, then that many bytes of the announce URL's path and query. */
    public static final int OPTION_URL_DATA = 2;

    private UdpProtocol() {
    }
}
