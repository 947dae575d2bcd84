package io.github.bttracker.internal.bencode;

/**
 * Bounds that {@link BencodeDecoder} enforces so that hostile or broken input cannot exhaust memory or time.
 *
 * @param maxDepth the deepest nesting of lists and dictionaries; a top-level list is at depth 1
 * @param maxStringLength the longest byte string, in bytes
 * @param maxInputSize the largest input, in bytes
 * @param maxElements the most values in one document, counting every integer, string (dictionary keys included),
 *     list and dictionary once
 */
public record BencodeLimits(int maxDepth, int maxStringLength, int maxInputSize, int maxElements) {

    private static final int ONE_MIB = 1_048_576;

    /**
     * Validates the limits.
     *
     * @param maxDepth the deepest nesting of lists and dictionaries
     * @param maxStringLength the longest byte string, in bytes
     * @param maxInputSize the largest input, in bytes
     * @param maxElements the most values in one document
     * @throws IllegalArgumentException if any limit is zero or negative
     */
    public BencodeLimits {
        requirePositive("maxDepth", maxDepth);
        requirePositive("maxStringLength", maxStringLength);
        requirePositive("maxInputSize", maxInputSize);
        requirePositive("maxElements", maxElements);
    }

    /**
     * Returns limits that comfortably fit tracker responses: depth 32, strings and input up to 1 MiB, and 250,000
     * elements (enough for a scrape of thousands of torrents, far too few to exhaust the heap).
     *
     * @return the default limits
     */
    public static BencodeLimits defaults() {
        return new BencodeLimits(32, ONE_MIB, ONE_MIB, 250_000);
    }

    /**
     * @param newMaxDepth the new nesting limit
     * @return a copy with {@code maxDepth} replaced
     */
    public BencodeLimits withMaxDepth(int newMaxDepth) {
        return new BencodeLimits(newMaxDepth, maxStringLength, maxInputSize, maxElements);
    }

    /**
     * @param newMaxStringLength the new string length limit in bytes
     * @return a copy with {@code maxStringLength} replaced
     */
    public BencodeLimits withMaxStringLength(int newMaxStringLength) {
        return new BencodeLimits(maxDepth, newMaxStringLength, maxInputSize, maxElements);
    }

    /**
     * @param newMaxInputSize the new input size limit in bytes
     * @return a copy with {@code maxInputSize} replaced
     */
    public BencodeLimits withMaxInputSize(int newMaxInputSize) {
        return new BencodeLimits(maxDepth, maxStringLength, newMaxInputSize, maxElements);
    }

    /**
     * @param newMaxElements the new element count limit
     * @return a copy with {@code maxElements} replaced
     */
    public BencodeLimits withMaxElements(int newMaxElements) {
        return new BencodeLimits(maxDepth, maxStringLength, maxInputSize, newMaxElements);
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
