package io.github.bttracker.testing;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * An HTTP request as the embedded tracker received it. Immutable; byte arrays handed out are copies.
 *
 * <p>Parameters are decoded byte-exactly from the raw query string (see {@link #params()}), so a test can check
 * that a client percent-encoded an info hash correctly, byte for byte.
 */
public final class RecordedRequest {
    private final String method;
    private final String target;
    private final String path;
    private final String rawQuery;
    private final Map<String, List<byte[]>> params;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final InetSocketAddress remoteAddress;
    private final int connectionIndex;
    private final int sequenceNumber;

    /**
     * @param target          the request target exactly as received, one char per byte
     * @param headers         header values by name, in any case
     * @param connectionIndex which accepted connection the request came on, counting from 0
     * @param sequenceNumber  which request it was on that connection, counting from 0
     */
    RecordedRequest(String method, String target, Map<String, List<String>> headers, byte[] body,
            InetSocketAddress remoteAddress, int connectionIndex, int sequenceNumber) {
        this.method = method;
        this.target = target;
        String originForm = stripSchemeAndAuthority(target);
        int question = originForm.indexOf('?');
        this.path = question < 0 ? originForm : originForm.substring(0, question);
        this.rawQuery = question < 0 ? "" : originForm.substring(question + 1);
        this.params = QueryString.parse(rawQuery);
        Map<String, List<String>> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> caseInsensitive.merge(name, List.copyOf(values), RecordedRequest::concat));
        this.headers = Collections.unmodifiableMap(caseInsensitive);
        this.body = body.clone();
        this.remoteAddress = remoteAddress;
        this.connectionIndex = connectionIndex;
        this.sequenceNumber = sequenceNumber;
    }

    /** {@return the HTTP method, e.g. {@code GET}} */
    public String method() {
        return method;
    }

    /** {@return the request target exactly as it appeared in the request line, e.g. {@code /announce?info_hash=...}} */
    public String target() {
        return target;
    }

    /** {@return the raw (not percent-decoded) path, e.g. {@code /announce.php}} */
    public String path() {
        return path;
    }

    /** {@return the raw query string after {@code ?}, not decoded; empty when there is none} */
    public String rawQuery() {
        return rawQuery;
    }

    /** {@return all decoded parameters by name, in the order they first appeared; repeated names keep every value} */
    public Map<String, List<byte[]>> params() {
        Map<String, List<byte[]>> copy = new LinkedHashMap<>();
        params.forEach((name, values) -> copy.put(name, params(name)));
        return Collections.unmodifiableMap(copy);
    }

    /**
     * {@return every value of a parameter, as bytes; empty when absent}
     *
     * @param name the parameter name, decoded
     */
    public List<byte[]> params(String name) {
        return params.getOrDefault(name, List.of()).stream().map(byte[]::clone).toList();
    }

    /**
     * {@return the first value of a parameter, as bytes}
     *
     * @param name the parameter name, decoded
     */
    public Optional<byte[]> paramBytes(String name) {
        List<byte[]> values = params.get(name);
        return values == null ? Optional.empty() : Optional.of(values.get(0).clone());
    }

    /**
     * {@return the first value of a parameter, decoded as ISO-8859-1 (one char per byte, so nothing is lost)}
     *
     * @param name the parameter name, decoded
     */
    public Optional<String> param(String name) {
        return paramBytes(name).map(bytes -> new String(bytes, StandardCharsets.ISO_8859_1));
    }

    /** {@return every header, by case-insensitive name} */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /**
     * {@return the first value of a header, by case-insensitive name}
     *
     * @param name the header name, any case
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** {@return the request body; empty for the GET requests trackers get} */
    public byte[] body() {
        return body.clone();
    }

    /** {@return the address the request came from} */
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    /** {@return which accepted TCP connection the request came on, counting from 0: equal for requests sharing one} */
    public int connectionIndex() {
        return connectionIndex;
    }

    /** {@return which request this was on its connection, counting from 0: above 0 means the connection was reused} */
    public int sequenceNumber() {
        return sequenceNumber;
    }

    /** {@return whether the path is an announce path (its last segment starts with {@code announce})} */
    public boolean isAnnounce() {
        return HttpRoute.of(path) == HttpRoute.ANNOUNCE;
    }

    /** {@return whether the path is a scrape path (its last segment starts with {@code scrape})} */
    public boolean isScrape() {
        return HttpRoute.of(path) == HttpRoute.SCRAPE;
    }

    /** {@return the first {@code info_hash} parameter, as bytes} */
    public Optional<byte[]> infoHash() {
        return paramBytes("info_hash");
    }

    /** {@return the first {@code info_hash} parameter, as lower-case hex} */
    public Optional<String> infoHashHex() {
        return infoHash().map(Ids::hex);
    }

    /** {@return the {@code peer_id} parameter, as bytes} */
    public Optional<byte[]> peerId() {
        return paramBytes("peer_id");
    }

    /** {@return the {@code event} parameter as sent (e.g. {@code started}); empty when absent} */
    public Optional<String> event() {
        return param("event");
    }

    @Override
    public String toString() {
        return method + " " + target + " from " + remoteAddress;
    }

    private static String stripSchemeAndAuthority(String target) {
        // absolute-form ("GET http://host/announce?...") is what a client sends through a proxy
        int scheme = target.indexOf("://");
        if (scheme < 0 || target.startsWith("/")) {
            return target;
        }
        int pathStart = target.indexOf('/', scheme + 3);
        return pathStart < 0 ? "/" : target.substring(pathStart);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
