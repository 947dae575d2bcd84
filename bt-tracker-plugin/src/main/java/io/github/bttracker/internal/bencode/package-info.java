/**
 * Bencode (BEP 3), the encoding of tracker responses: immutable values and a strict decoder with limits for input
 * from untrusted trackers. Internal: not API.
 *
 * <p>Decode with {@link io.github.bttracker.internal.bencode.BencodeDecoder} and read dictionaries with the typed
 * getters of {@link io.github.bttracker.internal.bencode.BencodeDictionary}. The library only reads bencode; the
 * encoder (canonical output, dictionary keys sorted by raw bytes) is test code, in the plugin's test-jar, for the
 * tests and the embedded tracker.
 */
package io.github.bttracker.internal.bencode;
