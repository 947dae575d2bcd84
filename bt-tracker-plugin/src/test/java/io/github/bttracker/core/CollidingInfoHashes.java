package io.github.bttracker.core;

/**
 * Info hashes made to collide, as a hostile tracker can make them: all with one {@code Arrays.hashCode} (hence one
 * {@link InfoHash#hashCode}), and as many distinct ones as a test asks for (up to 9<sup>10</sup>).
 */
public final class CollidingInfoHashes {

    private CollidingInfoHashes() {
    }

    /**
     * @return the n-th (from 0) of the colliding info hashes: ten byte pairs, each {@code (10 + k, 120 - 31 k)} for a
     *     digit k of n in base 9, so that every pair adds the same to the polynomial hash
     */
    public static InfoHash nth(int n) {
        byte[] bytes = new byte[20];
        for (int pair = 0; pair < 10; pair++) {
            int k = n % 9;
            n /= 9;
            bytes[2 * pair] = (byte) (10 + k);
            bytes[2 * pair + 1] = (byte) (120 - 31 * k);
        }
        return InfoHash.of(bytes);
    }
}
