package io.github.bttracker.internal.transport.udp;

/** Constants of the UDP tracker protocol (BEP 15) and its URL data extension (BEP 41). */
final class UdpProtocol {

    /** The protocol id a connect request starts with. */
    static final long CONNECT_MAGIC = 0x41727101980L;

    static final int ACTION_CONNECT = 0;
    static final int ACTION_ANNOUNCE = 1;
    static final int ACTION_SCRAPE = 2;
    static final int ACTION_ERROR = 3;

    static final int CONNECT_REQUEST_LENGTH = 16;
    static final int CONNECT_RESPONSE_LENGTH = 16;
    static final int ANNOUNCE_REQUEST_LENGTH = 98;
    static final int ANNOUNCE_RESPONSE_HEADER = 20;
    static final int SCRAPE_REQUEST_HEADER = 16;
    static final int SCRAPE_RESPONSE_HEADER = 8;
    static final int SCRAPE_RESPONSE_ENTRY = 12;
    static final int ERROR_RESPONSE_HEADER = 8;

    /**
     * Info hashes per scrape packet: BEP 15 says "up to about 74", which keeps the 8 + 74 * 12 byte answer within
     * what every tracker and path is known to handle.
     */
    static final int MAX_SCRAPE_HASHES = 74;

    /** BEP 41 option types. */
    static final int OPTION_END = 0;
    static final int OPTION_NOP = 1;
    static final int OPTION_URL_DATA = 2;
    /** BEP 41: one URLData option carries at most 255 bytes; longer data is split over several. */
    static final int MAX_URL_DATA_CHUNK = 255;

    /** Largest UDP payload over IPv4: no datagram can be larger. */
    static final int MAX_DATAGRAM = 65_507;

    /**
     * Largest answer received: the size of one receive slot. Announces ask for at most {@link #MAX_NUM_WANT} peers so
     * that any honest answer fits, even with 18-byte IPv6 entries; a longer datagram is dropped on arrival (see
     * {@code UdpChannel.RECEIVE_SLOT}).
     */
    static final int MAX_ANSWER = 8192;

    /** The most peers an announce asks for: what fits {@link #MAX_ANSWER} in 18-byte entries. */
    static final int MAX_NUM_WANT = (MAX_ANSWER - ANNOUNCE_RESPONSE_HEADER) / 18;

    private UdpProtocol() {
    }
}
