package io.github.bttracker.internal.bencode;

/**
 * One bencoded value: an integer, a byte string, a list or a dictionary. All implementations are immutable, so a
 * decoded document can be shared between threads without copying.
 */
public sealed interface BencodeValue permits BencodeInteger, BencodeString, BencodeList, BencodeDictionary {
}
