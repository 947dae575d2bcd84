package io.github.bttracker.testing;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.Optional;

/** Reads the parameters of an HTTP announce (BEP 3) into protocol-independent {@link AnnounceParams}. */
final class HttpAnnounceRequests {

    private HttpAnnounceRequests() {
    }

    /**
     * @throws InvalidRequestException when {@code info_hash}, {@code peer_id} or {@code port} is missing or
     *                                 malformed, or {@code left} is not a number
     */
    static AnnounceParams parse(RecordedRequest request) throws InvalidRequestException {
        byte[] infoHash = id(request, "info_hash");
        byte[] peerId = id(request, "peer_id");
        int port = port(request);
        Long left = left(request);
        AnnounceEvent event = AnnounceEvent.fromWireName(request.param("event").orElse(null));
        return new AnnounceParams(infoHash, peerId, ip(request), port, left, event, numWant(request));
    }

    /** Whether the client asked for the compact peer list (BEP 23). */
    static boolean wantsCompact(RecordedRequest request) {
        return request.param("compact").map("1"::equals).orElse(false);
    }

    /** Whether the client asked for dictionary peers without peer ids. */
    static boolean wantsNoPeerId(RecordedRequest request) {
        return request.param("no_peer_id").map("1"::equals).orElse(false);
    }

    private static byte[] id(RecordedRequest request, String name) throws InvalidRequestException {
        Optional<byte[]> value = request.paramBytes(name);
        if (value.isEmpty()) {
            throw new InvalidRequestException("missing " + name);
        }
        if (value.get().length != Ids.LENGTH) {
            throw new InvalidRequestException(
                    "invalid " + name + ": " + value.get().length + " bytes instead of " + Ids.LENGTH);
        }
        return value.get();
    }

    private static int port(RecordedRequest request) throws InvalidRequestException {
        String value = request.param("port").orElseThrow(() -> new InvalidRequestException("missing port"));
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 0xFFFF) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidRequestException("invalid port: " + value);
    }

    private static Long left(RecordedRequest request) throws InvalidRequestException {
        Optional<String> value = request.param("left");
        if (value.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(value.get());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("invalid left: " + value.get());
        }
    }

    private static int numWant(RecordedRequest request) {
        try {
            int numWant = Integer.parseInt(request.param("numwant").orElse(""));
            return numWant >= 0 ? numWant : AnnounceParams.DEFAULT_NUM_WANT;
        } catch (NumberFormatException e) {
            return AnnounceParams.DEFAULT_NUM_WANT;
        }
    }

    /**
     * The {@code ip} parameter when it is an IP literal, else the connection's remote address. Host names are
     * ignored rather than resolved: a test tracker must never go to DNS.
     */
    private static InetAddress ip(RecordedRequest request) {
        InetAddress claimed = request.param("ip").map(NetUtil::createInetAddressFromIpAddressString).orElse(null);
        return claimed != null ? claimed : request.remoteAddress().getAddress();
    }
}
