package io.github.bttracker;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What a {@link TrackerClient} tells trackers about its progress, asked of the caller's supplier before every
 * announce, timer-driven ones included. Immutable and thread-safe.
 *
 * @param uploaded bytes uploaded
 * @param downloaded bytes downloaded
 * @param left bytes still to download, empty when unknown
 * @param numWant how many peers to ask for, empty for the default (50)
 * @param customParameters extra parameters for HTTP (query) and WebSocket (message fields) trackers
 */
public record AnnounceOptions(long uploaded, long downloaded, OptionalLong left, OptionalInt numWant,
                              Map<String, String> customParameters) {

    /**
     * Checks the values and copies the map.
     *
     * @param uploaded bytes uploaded
     * @param downloaded bytes downloaded
     * @param left bytes still to download, empty when unknown
     * @param numWant how many peers to ask for, empty for the default (50)
     * @param customParameters extra parameters for HTTP (query) and WebSocket (message fields) trackers
     * @throws NullPointerException if an argument, or a key or value of the map, is null
     */
    public AnnounceOptions {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(numWant, "numWant");
        customParameters = Map.copyOf(customParameters);
    }

    /**
     * Nothing transferred, the remaining size unknown, default numwant, no custom parameters.
     *
     * @return such options
     */
    public static AnnounceOptions none() {
        return new AnnounceOptions(0, 0, OptionalLong.empty(), OptionalInt.empty(), Map.of());
    }

    /**
     * Progress with a known remaining size, default numwant and no custom parameters. Negative values are refused
     * with an {@link IllegalArgumentException} when an announce is built from them, not here.
     *
     * @param uploaded bytes uploaded in this session
     * @param downloaded bytes downloaded in this session
     * @param left bytes still to download
     * @return such options
     */
    public static AnnounceOptions of(long uploaded, long downloaded, long left) {
        return new AnnounceOptions(uploaded, downloaded, OptionalLong.of(left), OptionalInt.empty(), Map.of());
    }

    /**
     * @param numWant how many peers to ask for
     * @return these options asking for that many peers
     */
    public AnnounceOptions withNumWant(int numWant) {
        return new AnnounceOptions(uploaded, downloaded, left, OptionalInt.of(numWant), customParameters);
    }

    /**
     * @param parameters extra parameters, replacing the current ones (copied)
     * @return these options with those parameters
     * @throws NullPointerException if the map, a key or a value is null
     */
    public AnnounceOptions withCustomParameters(Map<String, String> parameters) {
        return new AnnounceOptions(uploaded, downloaded, left, numWant, parameters);
    }
}
