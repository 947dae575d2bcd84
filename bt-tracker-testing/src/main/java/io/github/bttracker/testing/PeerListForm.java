package io.github.bttracker.testing;

/** How an HTTP announce response lists peers. */
enum PeerListForm {
    /** BEP 23: {@code peers} as 6-byte IPv4 entries, {@code peers6} as 18-byte IPv6 entries (BEP 7). */
    COMPACT,
    /** BEP 3: {@code peers} as a list of {@code {"ip", "port", "peer id"}} dictionaries. */
    DICTIONARY,
    /** BEP 3 with {@code no_peer_id=1}: dictionaries without {@code peer id}. */
    DICTIONARY_WITHOUT_PEER_ID
}
