package io.github.bttracker.testing;

import io.github.bttracker.testing.TrackerBehaviour.NormalResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The normal behaviour of the HTTP tracker: routes a request to announce or scrape and builds the reply. */
final class HttpTrackerEndpoints {
    private final Swarms swarms;
    private final TrackerSettings settings;

    HttpTrackerEndpoints(Swarms swarms, TrackerSettings settings) {
        this.swarms = swarms;
        this.settings = settings;
    }

    /** Answers {@code request}, applying the announce to the swarms, dressed up as {@code dressing} says. */
    TrackerReply answer(RecordedRequest request, NormalResponse dressing) {
        TrackerReply reply = switch (HttpRoute.of(request.path())) {
            case ANNOUNCE -> announce(request, dressing);
            case SCRAPE -> scrape(request);
            case UNKNOWN -> TrackerReply.failure(404, "unknown path " + request.path());
        };
        Map<String, Object> body = new LinkedHashMap<>(reply.body());
        if (dressing.warning() != null) {
            body.put("warning message", dressing.warning());
        }
        body.putAll(dressing.extraFields());
        return new TrackerReply(reply.status(), body);
    }

    private TrackerReply announce(RecordedRequest request, NormalResponse dressing) {
        AnnounceParams announce;
        try {
            announce = HttpAnnounceRequests.parse(request);
        } catch (InvalidRequestException e) {
            return TrackerReply.failure(200, e.getMessage());
        }
        AnnounceResult result = swarms.announce(announce);
        return new TrackerReply(200,
                AnnounceResponses.body(result, settings.interval(), peerListForm(request, dressing),
                        dressing.extraPeers()));
    }

    private static PeerListForm peerListForm(RecordedRequest request, NormalResponse dressing) {
        if (HttpAnnounceRequests.wantsCompact(request) && !dressing.dictionaryPeers()) {
            return PeerListForm.COMPACT;
        }
        return HttpAnnounceRequests.wantsNoPeerId(request)
                ? PeerListForm.DICTIONARY_WITHOUT_PEER_ID
                : PeerListForm.DICTIONARY;
    }

    private TrackerReply scrape(RecordedRequest request) {
        List<byte[]> infoHashes = request.params("info_hash");
        for (byte[] infoHash : infoHashes) {
            if (infoHash.length != Ids.LENGTH) {
                return TrackerReply.failure(200,
                        "invalid info_hash: " + infoHash.length + " bytes instead of " + Ids.LENGTH);
            }
        }
        // no info_hash at all means "everything", as BEP 48 allows
        return new TrackerReply(200, ScrapeResponses.body(infoHashes.isEmpty() ? swarms.infoHashes() : infoHashes,
                swarms));
    }
}
