package io.github.bttracker.internal.bencode;

/**
 * A list or dictionary that the decoder has opened but not yet closed. The decoder keeps these on an explicit stack
 * instead of recursing, so that nesting depth costs heap (bounded by {@link BencodeLimits#maxDepth()}) and never
 * thread stack, whatever limit the caller configures.
 */
abstract sealed class PendingContainer permits PendingList, PendingDictionary {

    /** @return where the decoder is, for the message if the input ends here, for example "inside a list" */
    abstract String context();

    /** Adds a completed element (for a dictionary: the value of the pending key). */
    abstract void add(BencodeValue value);

    /**
     * Builds the finished value when the closing {@code 'e'} is found.
     *
     * @param closeOffset the offset of the {@code 'e'}, for the message if the container is incomplete
     */
    abstract BencodeValue build(int closeOffset) throws BencodeException;
}
