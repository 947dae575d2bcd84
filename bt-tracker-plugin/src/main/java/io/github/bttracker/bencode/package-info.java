/**
 * Bencode (BEP 3), the encoding of tracker responses: immutable values, a strict decoder with limits for input
 * from untrusted trackers, and an encoder that writes canonical output (dictionary keys sorted by raw bytes).
 *
 * <p>Decode with {@link io.github.bttracker.bencode.BencodeDecoder}, read dictionaries with the typed getters of
 * {@link io.github.bttracker.bencode.BencodeDictionary}, and build responses (for tests and the embedded tracker)
 * with {@link io.github.bttracker.bencode.BencodeEncoder}.
 */
package io.github.bttracker.bencode;
