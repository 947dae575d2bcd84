package io.github.bttracker.testing;

import io.netty.util.NetUtil;
import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the bencodable dictionary of a successful HTTP announce response. */
final class AnnounceResponses {

    private AnnounceResponses() {
    }

    /**
     * @param extraPeers peers to list after the swarm's; they have no peer id, so dictionaries for them lack one
     */
    static Map<String, Object> body(
            AnnounceResult result, int interval, PeerListForm form, List<InetSocketAddress> extraPeers) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("interval", interval);
        body.put("complete", result.complete());
        body.put("incomplete", result.incomplete());
        List<Listed> peers = new ArrayList<>();
        result.peers().forEach(peer -> peers.add(new Listed(peer.ip(), peer.port(), peer.peerId())));
        extraPeers.forEach(peer -> peers.add(new Listed(peer.getAddress(), peer.getPort(), null)));
        if (form == PeerListForm.COMPACT) {
            putCompact(body, peers);
        } else {
            body.put("peers", dictionaries(peers, form == PeerListForm.DICTIONARY));
        }
        return body;
    }

    private static void putCompact(Map<String, Object> body, List<Listed> peers) {
        ByteArrayOutputStream ipv4 = new ByteArrayOutputStream();
        ByteArrayOutputStream ipv6 = new ByteArrayOutputStream();
        for (Listed peer : peers) {
            ByteArrayOutputStream target = peer.ip() instanceof Inet4Address ? ipv4 : ipv6;
            target.writeBytes(peer.ip().getAddress());
            target.write(peer.port() >>> 8);
            target.write(peer.port());
        }
        // "peers" is always there, even empty: clients expect it; "peers6" only when there is something to say
        body.put("peers", ipv4.toByteArray());
        if (ipv6.size() > 0) {
            body.put("peers6", ipv6.toByteArray());
        }
    }

    private static List<Object> dictionaries(List<Listed> peers, boolean withPeerIds) {
        List<Object> list = new ArrayList<>();
        for (Listed peer : peers) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("ip", NetUtil.toAddressString(peer.ip()));
            entry.put("port", peer.port());
            if (withPeerIds && peer.peerId() != null) {
                entry.put("peer id", peer.peerId());
            }
            list.add(entry);
        }
        return list;
    }

    /** A peer as listed in a response; {@code peerId} is {@code null} for scripted extra peers. */
    private record Listed(InetAddress ip, int port, byte[] peerId) {
    }
}
