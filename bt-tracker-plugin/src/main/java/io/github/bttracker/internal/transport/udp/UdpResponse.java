package io.github.bttracker.internal.transport.udp;

import java.util.List;

/** A decoded BEP 15 response datagram. */
sealed interface UdpResponse {

    int transactionId();

    int action();

    /** Answer to a connect: the connection id to use for the next minute. */
    record Connected(int transactionId, long connectionId) implements UdpResponse {
        @Override
        public int action() {
            return UdpProtocol.ACTION_CONNECT;
        }
    }

    /**
     * Answer to an announce.
     *
     * @param peers the raw peer entries, 6 or 18 bytes each depending on the tracker (see {@link UdpPeerEntries})
     */
    record Announced(int transactionId, long interval, long leechers, long seeders, byte[] peers)
            implements UdpResponse {
        @Override
        public int action() {
            return UdpProtocol.ACTION_ANNOUNCE;
        }
    }

    /** Answer to a scrape: one entry per requested hash, in request order. */
    record Scraped(int transactionId, List<ScrapeEntry> entries) implements UdpResponse {
        @Override
        public int action() {
            return UdpProtocol.ACTION_SCRAPE;
        }
    }

    /** The counts of one torrent in a scrape answer. */
    record ScrapeEntry(long seeders, long completed, long leechers) {
    }

    /** An error (action 3) with the tracker's message. */
    record Failed(int transactionId, String message) implements UdpResponse {
        @Override
        public int action() {
            return UdpProtocol.ACTION_ERROR;
        }
    }
}
