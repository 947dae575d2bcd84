package io.github.bttracker.internal.transport.http;

import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.PeerAddress;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.core.TrackerException;
import io.github.bttracker.internal.bencode.BencodeDictionary;
import io.github.bttracker.internal.bencode.BencodeLimits;
import io.github.bttracker.internal.bencode.BencodeList;
import io.github.bttracker.internal.bencode.BencodeString;
import io.github.bttracker.internal.bencode.BencodeTypeException;
import io.github.bttracker.internal.bencode.BencodeValue;
import io.github.bttracker.internal.transport.CompactPeers;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns an HTTP tracker's bencoded announce response (BEP 3, 7, 23, 24) into an {@link AnnounceResponse}. A
 * {@code failure reason} becomes a failed response; a body that is not a valid tracker response becomes a
 * {@link TrackerException} of kind {@code MALFORMED_RESPONSE} that says what was wrong.
 */
final class AnnounceResponseMapper {

    private AnnounceResponseMapper() {
    }

    static AnnounceResponse map(String trackerUrl, byte[] body, BencodeLimits limits) throws TrackerException {
        BencodeDictionary dict = BencodedResponse.decode(trackerUrl, body, limits);
        try {
            return map(trackerUrl, dict);
        } catch (BencodeTypeException | IllegalArgumentException e) {
            throw BencodedResponse.malformed(trackerUrl, e.getMessage(), e);
        }
    }

    private static AnnounceResponse map(String trackerUrl, BencodeDictionary dict) {
        Optional<BencodeString> failure = dict.getString("failure reason");
        if (failure.isPresent()) {
            AnnounceResponse.Builder b = AnnounceResponse.builder(trackerUrl).failureReason(failure.get().utf8());
            retryIn(dict, b);
            return b.build();
        }
        AnnounceResponse.Builder b = AnnounceResponse.builder(trackerUrl);
        seconds(dict, "interval").ifPresent(b::interval);
        seconds(dict, "min interval").ifPresent(b::minInterval);
        count(dict, "complete").ifPresent(b::complete);
        count(dict, "incomplete").ifPresent(b::incomplete);
        dict.getString("warning message").ifPresent(w -> b.warningMessage(w.utf8()));
        dict.getString("tracker id").ifPresent(id -> b.trackerId(id.latin1()));
        dict.getString("external ip").flatMap(AnnounceResponseMapper::externalIp).ifPresent(b::externalIp);
        b.peers(peers(dict));
        return b.build();
    }

    /** BEP 31: {@code retry in} is a number of minutes, or the string {@code never}. */
    private static void retryIn(BencodeDictionary dict, AnnounceResponse.Builder b) {
        Optional<BencodeValue> retry = dict.get("retry in");
        if (retry.isEmpty()) {
            return;
        }
        if (retry.get() instanceof io.github.bttracker.internal.bencode.BencodeInteger minutes && minutes.value() >= 0) {
            b.retryIn(Duration.ofMinutes(Math.min(minutes.value(), Integer.MAX_VALUE)));
        } else if (retry.get() instanceof BencodeString text && text.utf8().equals("never")) {
            b.retryNever();
        }
    }

    private static List<PeerAddress> peers(BencodeDictionary dict) {
        List<PeerAddress> peers = new ArrayList<>();
        Optional<BencodeValue> v4 = dict.get("peers");
        if (v4.isPresent()) {
            if (v4.get() instanceof BencodeString compact) {
                peers.addAll(CompactPeers.decode(compact.bytes(), CompactPeers.IPV4_ENTRY));
            } else if (v4.get() instanceof BencodeList list) {
                peers.addAll(dictionaryPeers(list));
            } else {
                throw new IllegalArgumentException("'peers' is neither a string nor a list");
            }
        }
        dict.getString("peers6").ifPresent(compact ->
                peers.addAll(CompactPeers.decode(compact.bytes(), CompactPeers.IPV6_ENTRY)));
        return peers;
    }

    /**
     * The original, non-compact form: a list of {@code {ip, port, peer id}} dictionaries. Entries without a usable
     * IP literal or port are skipped rather than failing the whole response; host names are skipped too, since
     * resolving them would send the client's DNS traffic wherever a tracker points it.
     */
    private static List<PeerAddress> dictionaryPeers(BencodeList list) {
        List<PeerAddress> peers = new ArrayList<>(list.values().size());
        for (BencodeValue entry : list.values()) {
            if (entry instanceof BencodeDictionary peer) {
                dictionaryPeer(peer).ifPresent(peers::add);
            }
        }
        return peers;
    }

    private static Optional<PeerAddress> dictionaryPeer(BencodeDictionary peer) {
        Optional<BencodeString> ip = peer.get("ip").filter(BencodeString.class::isInstance)
                .map(BencodeString.class::cast);
        Optional<Long> port = peer.get("port").filter(io.github.bttracker.internal.bencode.BencodeInteger.class::isInstance)
                .map(v -> ((io.github.bttracker.internal.bencode.BencodeInteger) v).value());
        if (ip.isEmpty() || port.isEmpty() || port.get() < 1 || port.get() > 65535) {
            return Optional.empty();
        }
        byte[] raw = NetUtil.createByteArrayFromIpAddressString(ip.get().latin1());
        if (raw == null) {
            return Optional.empty();
        }
        InetAddress address = toInetAddress(raw);
        Optional<PeerId> peerId = peer.get("peer id").filter(BencodeString.class::isInstance)
                .map(BencodeString.class::cast).filter(id -> id.length() == 20).map(id -> PeerId.of(id.bytes()));
        int p = port.get().intValue();
        return Optional.of(peerId.map(id -> PeerAddress.of(address, p, id)).orElseGet(() -> PeerAddress.of(address, p)));
    }

    /** BEP 24: the 4 or 16 raw bytes of the address the tracker saw. Any other length is ignored. */
    private static Optional<InetAddress> externalIp(BencodeString value) {
        int length = value.length();
        return length == 4 || length == 16 ? Optional.of(toInetAddress(value.bytes())) : Optional.empty();
    }

    /** A negative duration is no interval at all: the response is malformed (a hostile or broken tracker). */
    private static Optional<Duration> seconds(BencodeDictionary dict, String key) {
        Optional<Long> seconds = dict.getLong(key);
        if (seconds.isPresent() && seconds.get() < 0) {
            throw new IllegalArgumentException("negative " + key + " of " + seconds.get() + " s");
        }
        return seconds.map(Duration::ofSeconds);
    }

    private static Optional<Long> count(BencodeDictionary dict, String key) {
        return dict.getLong(key).filter(n -> n >= 0);
    }

    private static InetAddress toInetAddress(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("invalid address of " + raw.length + " bytes", e);
        }
    }
}
