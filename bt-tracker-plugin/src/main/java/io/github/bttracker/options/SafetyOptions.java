package io.github.bttracker.options;

import io.github.bttracker.spi.PeerFilter;
import java.util.Objects;

/**
 * What the client accepts from trackers and from the URLs torrents carry, both untrusted: how large and how deeply
 * nested an answer may be, where an announce URL may make the client send requests, and which peers of an answer are
 * handed on. Immutable and thread-safe; start from {@link #defaults()} and change settings with the {@code with…}
 * methods, each of which returns a copy.
 *
 * <p>Invalid values are refused when the record is made: {@code maxResponseSize} or {@code maxBencodeDepth} of 0 or
 * less throws {@link IllegalArgumentException} with the message {@code "<setting> must be positive: <value>"}; a null
 * {@code peerFilter} throws {@link NullPointerException} with the message {@code "peerFilter"}.
 *
 * @param maxResponseSize largest response accepted, in bytes: an HTTP body after decompression, a WebSocket message
 *     or frame; positive; default {@link #DEFAULT_MAX_RESPONSE_SIZE} (1 MiB)
 * @param maxBencodeDepth deepest nesting of lists and dictionaries accepted in a bencoded answer; positive; default
 *     {@value #DEFAULT_MAX_BENCODE_DEPTH}
 * @param ssrfMitigation on (the default, as libtorrent's {@code ssrf_mitigation}), the client refuses to be a tool for
 *     requests to services of this host or its network: an HTTP(S) or WebSocket tracker on a loopback address (by its
 *     URL, or by what its host name resolves to) is contacted only at a path whose last segment starts with
 *     {@code announce} (or, for a scrape, {@code scrape}), or, over WebSocket, at no path at all; and an HTTP redirect
 *     from a public address to a loopback, private or link-local one is not followed. A refused request fails with
 *     {@code INVALID_URL} (or {@code REDIRECT}) naming the rule. Through a proxy, only the URL is checked (the proxy
 *     resolves the name). UDP trackers are not restricted: BEP 15 packets are no request another service would act on
 * @param allowIdna whether a tracker whose host name is an international domain name (non-ASCII, or punycode labels
 *     starting {@code xn--}) is contacted; default false, as libtorrent's {@code allow_idna}: such names can imitate
 *     others
 * @param peerFilter which peers of a tracker's answer reach Bt and
 *     {@link io.github.bttracker.TrackerClientListener#onPeer}; default {@link PeerFilter#USABLE_UNICAST};
 *     {@link PeerFilter#ANY} keeps every address. Duplicates and the client itself are left out whatever the filter
 */
public record SafetyOptions(int maxResponseSize, int maxBencodeDepth, boolean ssrfMitigation, boolean allowIdna,
                            PeerFilter peerFilter) {

    /** The default {@link #maxResponseSize()}. */
    public static final int DEFAULT_MAX_RESPONSE_SIZE = 1024 * 1024;
    /** The default {@link #maxBencodeDepth()}. */
    public static final int DEFAULT_MAX_BENCODE_DEPTH = 32;

    /**
     * Checks the values.
     *
     * @param maxResponseSize largest response accepted, in bytes: an HTTP body after decompression, a WebSocket message
     *     or frame; positive; default {@link #DEFAULT_MAX_RESPONSE_SIZE} (1 MiB)
     * @param maxBencodeDepth deepest nesting of lists and dictionaries accepted in a bencoded answer; positive; default
     *     {@value #DEFAULT_MAX_BENCODE_DEPTH}
     * @param ssrfMitigation on (the default, as libtorrent's {@code ssrf_mitigation}), the client refuses to be a tool
     *     for requests to services of this host or its network: an HTTP(S) or WebSocket tracker on a loopback address
     *     (by its URL, or by what its host name resolves to) is contacted only at a path whose last segment starts with
     *     {@code announce} (or, for a scrape, {@code scrape}), or, over WebSocket, at no path at all; and an HTTP
     *     redirect from a public address to a loopback, private or link-local one is not followed. A refused request
     *     fails with {@code INVALID_URL} (or {@code REDIRECT}) naming the rule. Through a proxy, only the URL is
     *     checked (the proxy resolves the name). UDP trackers are not restricted: BEP 15 packets are no request another
     *     service would act on
     * @param allowIdna whether a tracker whose host name is an international domain name (non-ASCII, or punycode labels
     *     starting {@code xn--}) is contacted; default false, as libtorrent's {@code allow_idna}: such names can
     *     imitate others
     * @param peerFilter which peers of a tracker's answer reach Bt and
     *     {@link io.github.bttracker.TrackerClientListener#onPeer}; default {@link PeerFilter#USABLE_UNICAST};
     *     {@link PeerFilter#ANY} keeps every address. Duplicates and the client itself are left out whatever the filter
     * @throws IllegalArgumentException when {@code maxResponseSize} or {@code maxBencodeDepth} is not positive
     * @throws NullPointerException when {@code peerFilter} is null
     */
    public SafetyOptions {
        Checks.positive(maxResponseSize, "maxResponseSize");
        Checks.positive(maxBencodeDepth, "maxBencodeDepth");
        Objects.requireNonNull(peerFilter, "peerFilter");
    }

    /** @return every setting at its default: 1 MiB, depth 32, SSRF mitigation on, no IDNA, usable unicast peers */
    public static SafetyOptions defaults() {
        return new SafetyOptions(DEFAULT_MAX_RESPONSE_SIZE, DEFAULT_MAX_BENCODE_DEPTH, true, false,
                PeerFilter.USABLE_UNICAST);
    }

    /**
     * A copy with another {@code maxResponseSize}, every other setting the same.
     *
     * @param bytes largest response accepted, in bytes: an HTTP body after decompression, a WebSocket message or frame;
     *     positive; default {@link #DEFAULT_MAX_RESPONSE_SIZE} (1 MiB)
     * @return the copy
     * @throws IllegalArgumentException "maxResponseSize must be positive: N" when {@code bytes} is 0 or less
     */
    public SafetyOptions withMaxResponseSize(int bytes) {
        return new SafetyOptions(bytes, maxBencodeDepth, ssrfMitigation, allowIdna, peerFilter);
    }

    /**
     * A copy with another {@code maxBencodeDepth}, every other setting the same.
     *
     * @param depth deepest nesting of lists and dictionaries accepted in a bencoded answer; positive; default
     *     {@value #DEFAULT_MAX_BENCODE_DEPTH}
     * @return the copy
     * @throws IllegalArgumentException "maxBencodeDepth must be positive: N" when {@code depth} is 0 or less
     */
    public SafetyOptions withMaxBencodeDepth(int depth) {
        return new SafetyOptions(maxResponseSize, depth, ssrfMitigation, allowIdna, peerFilter);
    }

    /**
     * A copy with another {@code ssrfMitigation}, every other setting the same.
     *
     * @param on the new {@code ssrfMitigation}, as the class comment describes it
     * @return the copy
     */
    public SafetyOptions withSsrfMitigation(boolean on) {
        return new SafetyOptions(maxResponseSize, maxBencodeDepth, on, allowIdna, peerFilter);
    }

    /**
     * A copy with another {@code allowIdna}, every other setting the same.
     *
     * @param allow whether a tracker whose host name is an international domain name (non-ASCII, or punycode labels
     *     starting {@code xn--}) is contacted; default false, as libtorrent's {@code allow_idna}: such names can
     *     imitate others
     * @return the copy
     */
    public SafetyOptions withAllowIdna(boolean allow) {
        return new SafetyOptions(maxResponseSize, maxBencodeDepth, ssrfMitigation, allow, peerFilter);
    }

    /**
     * A copy with another {@code peerFilter}, every other setting the same.
     *
     * @param filter which peers of a tracker's answer reach Bt and
     *     {@link io.github.bttracker.TrackerClientListener#onPeer}; default {@link PeerFilter#USABLE_UNICAST};
     *     {@link PeerFilter#ANY} keeps every address. Duplicates and the client itself are left out whatever the filter
     * @return the copy
     * @throws NullPointerException "peerFilter" when {@code filter} is null
     */
    public SafetyOptions withPeerFilter(PeerFilter filter) {
        return new SafetyOptions(maxResponseSize, maxBencodeDepth, ssrfMitigation, allowIdna, filter);
    }
}
