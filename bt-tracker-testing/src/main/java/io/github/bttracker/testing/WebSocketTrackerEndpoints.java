package io.github.bttracker.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.bttracker.testing.WebSocketRequest.Announce;
import io.github.bttracker.testing.WebSocketRequest.Answer;
import io.github.bttracker.testing.WebSocketRequest.Malformed;
import io.github.bttracker.testing.WebSocketRequest.Offer;
import io.github.bttracker.testing.WebSocketRequest.Scrape;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The normal behaviour of the WebSocket tracker, as the reference WebTorrent tracker has it: announces update the
 * swarm, get a reply and have their offers passed on to other WebSocket peers of the swarm, one offer per peer, in
 * the order the peers joined; answers are passed on to the peer that made the offer; scrapes get the counts.
 */
final class WebSocketTrackerEndpoints {
    private static final System.Logger LOG = System.getLogger(WebSocketTrackerEndpoints.class.getName());

    private final Swarms swarms;
    private final TrackerSettings settings;
    private final WebSocketPeerSockets sockets;

    WebSocketTrackerEndpoints(Swarms swarms, TrackerSettings settings, WebSocketPeerSockets sockets) {
        this.swarms = swarms;
        this.settings = settings;
        this.sockets = sockets;
    }

    /** Applies {@code request}, which came on {@code from}, and returns what to send. */
    Outcome answer(WebSocketRequest request, Channel from) {
        if (request instanceof Announce announce) {
            return announce(announce, from);
        }
        if (request instanceof Answer answer) {
            return answer(answer);
        }
        if (request instanceof Scrape scrape) {
            return new Outcome(WebSocketResponses.scrape(WebSocketResponses.countsOf(
                    scrape.infoHashes().isEmpty()
                            ? swarms.infoHashes()
                            : scrape.infoHashes().stream().map(WebSocketJson::bytes).toList(),
                    swarms)), List.of());
        }
        Malformed malformed = (Malformed) request;
        return new Outcome(
                WebSocketResponses.failure(malformed.problem(), malformed.action(), malformed.infoHash()), List.of());
    }

    private Outcome announce(Announce announce, Channel from) {
        byte[] infoHash = WebSocketJson.bytes(announce.infoHash());
        byte[] peerId = WebSocketJson.bytes(announce.peerId());
        // every other WebSocket peer: those without an open connection are skipped below
        AnnounceParams params = new AnnounceParams(infoHash, peerId,
                ((InetSocketAddress) from.remoteAddress()).getAddress(), 0, announce.left(), announce.event(),
                Integer.MAX_VALUE);
        AnnounceResult result = swarms.announceWebSocket(params);
        if (announce.event() == AnnounceEvent.STOPPED) {
            sockets.forget(infoHash, peerId);
        } else {
            sockets.register(infoHash, peerId, from);
        }
        int offers = Math.min(announce.offers().size(), announce.numWant().orElse(Integer.MAX_VALUE));
        List<Forward> forwards = new ArrayList<>();
        for (Peer peer : result.peers()) {
            if (forwards.size() >= offers) {
                break;
            }
            Channel socket = sockets.socketOf(infoHash, peer.peerId());
            if (socket != null) {
                Offer offer = announce.offers().get(forwards.size());
                forwards.add(new Forward(socket, WebSocketResponses.offer(
                        announce.infoHash(), announce.peerId(), offer.offerId(), offer.offer())));
            }
        }
        ObjectNode reply = WebSocketResponses.announce(announce.infoHash(), settings.wsInterval(),
                new AnnounceResult(result.complete(), result.incomplete(), List.of()));
        return new Outcome(reply, forwards);
    }

    private Outcome answer(Answer answer) {
        byte[] infoHash = WebSocketJson.bytes(answer.infoHash());
        byte[] toPeerId = WebSocketJson.bytes(answer.toPeerId());
        boolean inSwarm = swarms.webSocketPeers(infoHash).stream().anyMatch(peer -> peer.hasPeerId(toPeerId));
        Channel socket = inSwarm ? sockets.socketOf(infoHash, toPeerId) : null;
        if (socket == null) {
            // the reference server drops it too: the answer has nobody to go to, and the answerer gets no reply
            LOG.log(System.Logger.Level.DEBUG, "no WebSocket peer {0} in swarm {1} to pass an answer on to",
                    Ids.hex(toPeerId), Ids.hex(infoHash));
            return new Outcome(null, List.of());
        }
        return new Outcome(null, List.of(new Forward(socket,
                WebSocketResponses.answer(answer.infoHash(), answer.peerId(), answer.offerId(), answer.answer()))));
    }

    /**
     * What the tracker sends for one message.
     *
     * @param reply    the reply to the sender, or null for none (answers get none)
     * @param forwards offers or answers for other connections
     */
    record Outcome(ObjectNode reply, List<Forward> forwards) {
    }

    /** A message for another peer's connection. */
    record Forward(Channel to, ObjectNode message) {
    }
}
