package io.github.bttracker.bt;

import static org.assertj.core.api.Assertions.assertThat;

import bt.metainfo.TorrentId;
import bt.tracker.Tracker;
import bt.tracker.TrackerRequestBuilder;
import bt.tracker.TrackerResponse;
import io.github.bttracker.internal.announce.AnnounceList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** BEP 12 tiers in Bt, and the WebSocket trackers beside them when WebRTC gives those peers. */
class TieredTrackerTest {

    static final TorrentId TORRENT = TorrentId.fromBytes(new byte[20]);
    static final String HTTP = "http://tracker.test/announce";
    static final String UDP = "udp://tracker.test:6969";
    static final String WS1 = "ws://one.test/announce";
    static final String WS2 = "wss://two.test/announce";

    final List<String> asked = new CopyOnWriteArrayList<>();

    @Test
    void withoutWebRtcTheFirstTrackerThatAnswersEndsTheSearchAndWebSocketTrackersComeLast() {
        TieredTracker tiers = tiered(List.of(List.of(WS1, HTTP), List.of(UDP)), Map.of(), false);
        assertThat(tiers.request(TORRENT).start().isSuccess()).isTrue();
        assertThat(asked).containsExactly(HTTP);
    }

    @Test
    void withWebRtcEveryWebSocketTrackerIsAskedBesideTheTiersAndTheTiersAnswerCounts() {
        TieredTracker tiers = tiered(List.of(List.of(WS1, HTTP), List.of(UDP), List.of(WS2)), Map.of(), true);
        TrackerResponse response = tiers.request(TORRENT).query();
        assertThat(response.isSuccess()).isTrue();
        assertThat(response.getInterval()).as("the HTTP tracker's answer").isEqualTo(100);
        assertThat(asked).containsExactly(HTTP, WS1, WS2);
    }

    @Test
    void withWebRtcAndNoTierAnsweringAWebSocketTrackersSuccessIsTheAnswer() {
        TieredTracker tiers = tiered(List.of(List.of(HTTP), List.of(UDP), List.of(WS1, WS2)),
                Map.of(HTTP, false, UDP, false, WS1, false), true);
        TrackerResponse response = tiers.request(TORRENT).start();
        assertThat(response.isSuccess()).isTrue();
        assertThat(asked).containsExactly(HTTP, UDP, WS1, WS2);
    }

    @Test
    void withWebRtcAndEveryTrackerFailingTheAnswerIsAFailure() {
        TieredTracker tiers = tiered(List.of(List.of(HTTP), List.of(WS1)), Map.of(HTTP, false, WS1, false), true);
        assertThat(tiers.request(TORRENT).stop().isSuccess()).isFalse();
        assertThat(asked).containsExactly(HTTP, WS1);
    }

    /** @param fails which trackers fail (true: succeeds) */
    TieredTracker tiered(List<List<String>> urls, Map<String, Boolean> fails, boolean webRtc) {
        return new TieredTracker(new AnnounceList(urls, new Random(1), () -> webRtc, Duration.ofSeconds(1),
                Duration.ofSeconds(8)), url -> tracker(url, fails.getOrDefault(url, true)));
    }

    Tracker tracker(String url, boolean succeeds) {
        return new Tracker() {
            @Override
            public TrackerRequestBuilder request(TorrentId torrentId) {
                return new TrackerRequestBuilder(torrentId) {
                    @Override
                    public TrackerResponse start() {
                        return answer();
                    }

                    @Override
                    public TrackerResponse stop() {
                        return answer();
                    }

                    @Override
                    public TrackerResponse complete() {
                        return answer();
                    }

                    @Override
                    public TrackerResponse query() {
                        return answer();
                    }

                    private TrackerResponse answer() {
                        asked.add(url);
                        if (!succeeds) {
                            return TrackerResponse.failure(url + " failed");
                        }
                        TrackerResponse ok = TrackerResponse.ok();
                        ok.setInterval(url.startsWith("http") ? 100 : 200);
                        return ok;
                    }
                };
            }

            @Override
            public void close() {
            }
        };
    }
}
