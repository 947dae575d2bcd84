package io.github.bttracker.testing;

import io.github.bttracker.testing.UdpRequest.Announce;
import io.github.bttracker.testing.UdpRequest.Connect;
import io.github.bttracker.testing.UdpRequest.Scrape;
import io.github.bttracker.testing.internal.UdpProtocol;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The normal behaviour of the UDP tracker: answers connects, announces and scrapes as BEP 15 says. */
final class UdpTrackerEndpoints {
    /** The error message of an announce or scrape whose connection id is unknown or expired. */
    static final String INVALID_CONNECTION_ID = "invalid connection id";
    // keeps an answer well within one datagram (200 × 18 bytes), whatever numwant a client asks for
    static final int MAX_PEERS = 200;

    private final Swarms swarms;
    private final TrackerSettings settings;
    private final ConnectionIds connectionIds;
    private final int addressLength;

    UdpTrackerEndpoints(Swarms swarms, TrackerSettings settings, ConnectionIds connectionIds,
            UdpPeerEntries peerEntries, boolean ipv6Socket) {
        this.swarms = swarms;
        this.settings = settings;
        this.connectionIds = connectionIds;
        this.addressLength = peerEntries.addressLength(ipv6Socket);
    }

    /** The answer to {@code request} from {@code sender}, applying it; empty for a malformed request. */
    Optional<byte[]> answer(UdpRequest request, InetSocketAddress sender) {
        if (request instanceof Connect connect) {
            return Optional.of(UdpResponses.connect(connect.transactionId(), connectionIds.issue()));
        }
        if (request instanceof Announce announce) {
            return Optional.of(ifConnected(announce, () -> announce(announce, sender)));
        }
        if (request instanceof Scrape scrape) {
            return Optional.of(ifConnected(scrape, () -> scrape(scrape)));
        }
        // a tracker cannot tell whom garbage came from, so it does not answer it
        return Optional.empty();
    }

    /** The answer, when the request carries a connection id this tracker issued and that has not expired. */
    private byte[] ifConnected(UdpRequest request, Supplier<byte[]> answer) {
        return connectionIds.isValid(request.connectionId())
                ? answer.get()
                : UdpResponses.error(request.transactionId(), INVALID_CONNECTION_ID);
    }

    private byte[] announce(Announce announce, InetSocketAddress sender) {
        AnnounceParams params = new AnnounceParams(announce.infoHash(), announce.peerId(),
                peerAddress(announce, sender), announce.port(), announce.left() < 0 ? null : announce.left(),
                AnnounceEvent.ofUdpCode(announce.event()), numWant(announce.numWant()));
        AnnounceResult result = swarms.announce(params);
        return UdpResponses.announce(announce.transactionId(), settings.interval(), result, addressLength);
    }

    private byte[] scrape(Scrape scrape) {
        if (scrape.infoHashes().size() > UdpProtocol.MAX_SCRAPE_HASHES) {
            return UdpResponses.error(scrape.transactionId(), "too many info hashes: "
                    + scrape.infoHashes().size() + " > " + UdpProtocol.MAX_SCRAPE_HASHES);
        }
        List<ScrapeCounts> counts = scrape.infoHashes().stream().map(swarms::scrape).toList();
        return UdpResponses.scrape(scrape.transactionId(), counts);
    }

    /** The {@code ip} field when set (IPv4 only, BEP 15 has no room for more), the sender's address otherwise. */
    private static InetAddress peerAddress(Announce announce, InetSocketAddress sender) {
        return announce.ipAddress().orElse(sender.getAddress());
    }

    private static int numWant(int requested) {
        // -1 is the protocol's "default"; other negative values mean nothing better
        return requested < 0 ? AnnounceParams.DEFAULT_NUM_WANT : Math.min(requested, MAX_PEERS);
    }
}
