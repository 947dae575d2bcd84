package io.github.bttracker.internal.bencode;

import java.util.LinkedHashMap;

/**
 * A dictionary being decoded. It alternates between expecting a key and expecting that key's value.
 *
 * <p>Keys out of sorted order are accepted on purpose: BEP 3 requires sorted keys, but real trackers send unsorted
 * dictionaries and rejecting them would make those trackers unusable. Duplicate keys are still rejected, because
 * they make the meaning of a response ambiguous.
 */
final class PendingDictionary extends PendingContainer {

    /*
     * A LinkedHashMap keeps input order. Hostile keys chosen to collide in Arrays.hashCode cannot degrade it to
     * quadratic time: BencodeString is Comparable, so HashMap turns crowded buckets into balanced trees.
     */
    private final LinkedHashMap<BencodeString, BencodeValue> entries = new LinkedHashMap<>();
    private BencodeString pendingKey;

    @Override
    String context() {
        return "inside a dictionary";
    }

    boolean expectsKey() {
        return pendingKey == null;
    }

    /**
     * Records the key whose value comes next.
     *
     * @param keyOffset the offset of the key, for the message if it is a duplicate
     */
    void acceptKey(BencodeString key, int keyOffset) throws BencodeException {
        if (entries.containsKey(key)) {
            throw new BencodeException("duplicate dictionary key " + key + " at offset " + keyOffset, keyOffset);
        }
        pendingKey = key;
    }

    @Override
    void add(BencodeValue value) {
        entries.put(pendingKey, value);
        pendingKey = null;
    }

    @Override
    BencodeValue build(int closeOffset) throws BencodeException {
        if (pendingKey != null) {
            throw new BencodeException("missing value for dictionary key " + pendingKey + " at offset "
                    + closeOffset, closeOffset);
        }
        return new BencodeDictionary(entries);
    }
}
