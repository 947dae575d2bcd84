package io.github.bttracker.internal.bencode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A bencoded dictionary ({@code d...e}): byte-string keys mapped to values, kept in the order they appeared in the
 * input. The order is kept (rather than re-sorted) so that decoded data can be inspected as the tracker sent it;
 * the encoder (test code) sorts keys when writing, as BEP 3 requires.
 *
 * <p>Keys are usually ASCII names, so the lookup methods take a {@code String} and use its UTF-8 bytes as the key.
 * Binary keys, such as the info hashes of a scrape response, are reached through {@link #entries()}.
 *
 * <p>Two dictionaries are equal when they hold the same entries, regardless of order.
 */
public final class BencodeDictionary implements BencodeValue {

    private final Map<BencodeString, BencodeValue> entries;

    /** Takes ownership of a map nobody else holds, so the decoder need not copy what it just built. */
    BencodeDictionary(LinkedHashMap<BencodeString, BencodeValue> exclusivelyOwnedEntries) {
        this.entries = Collections.unmodifiableMap(exclusivelyOwnedEntries);
    }

    /**
     * Creates a dictionary with a copy of the given entries, in the map's iteration order.
     *
     * @param entries the entries
     * @return the dictionary
     * @throws NullPointerException if the map, a key or a value is {@code null}
     */
    public static BencodeDictionary of(Map<BencodeString, BencodeValue> entries) {
        LinkedHashMap<BencodeString, BencodeValue> copy = new LinkedHashMap<>();
        entries.forEach((key, value) -> copy.put(
                Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value")));
        return new BencodeDictionary(copy);
    }

    /** @return the entries in input order, as an unmodifiable map */
    public Map<BencodeString, BencodeValue> entries() {
        return entries;
    }

    /** @return the number of entries */
    public int size() {
        return entries.size();
    }

    /**
     * @param key the key's text, looked up as its UTF-8 bytes
     * @return whether the dictionary has an entry for the key
     */
    public boolean containsKey(String key) {
        return entries.containsKey(key(key));
    }

    /**
     * @param key the key's text, looked up as its UTF-8 bytes
     * @return the value of the key, or empty if there is no such entry
     */
    public Optional<BencodeValue> get(String key) {
        return Optional.ofNullable(entries.get(key(key)));
    }

    /**
     * @param key the key's text, looked up as its UTF-8 bytes
     * @return the integer value of the key, or empty if there is no such entry
     * @throws BencodeTypeException if the entry exists but is not an integer; the message names the key
     */
    public Optional<Long> getLong(String key) {
        return getTyped(key, BencodeInteger.class, "an integer").map(BencodeInteger::value);
    }

    /**
     * @param key the key's text, looked up as its UTF-8 bytes
     * @return the string value of the key, or empty if there is no such entry
     * @throws BencodeTypeException if the entry exists but is not a string; the message names the key
     */
    public Optional<BencodeString> getString(String key) {
        return getTyped(key, BencodeString.class, "a string");
    }

    /**
     * @param key the key's text, looked up as its UTF-8 bytes
     * @return the list value of the key, or empty if there is no such entry
     * @throws BencodeTypeException if the entry exists but is not a list; the message names the key
     */
    public Optional<BencodeList> getList(String key) {
        return getTyped(key, BencodeList.class, "a list");
    }

    /**
     * @param key the key's text, looked up as its UTF-8 bytes
     * @return the dictionary value of the key, or empty if there is no such entry
     * @throws BencodeTypeException if the entry exists but is not a dictionary; the message names the key
     */
    public Optional<BencodeDictionary> getDictionary(String key) {
        return getTyped(key, BencodeDictionary.class, "a dictionary");
    }

    /**
     * The keys looked up, as bencode strings with their hash: the mappers look up a dozen keys in every tracker
     * response, and encoding and hashing each afresh was a visible part of an HTTP announce's event-loop time. The
     * keys are the code's own constants; the cache stops growing at {@link #MAX_CACHED_KEYS} in case a caller passes
     * other text.
     */
    private static final java.util.concurrent.ConcurrentHashMap<String, BencodeString> KEYS =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_CACHED_KEYS = 256;

    private static BencodeString key(String text) {
        BencodeString key = KEYS.get(text);
        if (key == null) {
            key = BencodeString.of(text);
            if (KEYS.size() < MAX_CACHED_KEYS) {
                KEYS.putIfAbsent(text, key);
            }
        }
        return key;
    }

    private <T extends BencodeValue> Optional<T> getTyped(String key, Class<T> type, String typeDescription) {
        BencodeValue value = entries.get(key(key));
        if (value == null) {
            return Optional.empty();
        }
        if (!type.isInstance(value)) {
            throw BencodeTypeException.forEntry(key, value, typeDescription);
        }
        return Optional.of(type.cast(value));
    }

    /** @return {@code true} if {@code other} is a dictionary with equal entries, in any order */
    @Override
    public boolean equals(Object other) {
        return other instanceof BencodeDictionary that && entries.equals(that.entries);
    }

    /** @return a hash of the entries that does not depend on their order */
    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    /** @return the entries in input order, for logs and test failures */
    @Override
    public String toString() {
        return entries.toString();
    }
}
