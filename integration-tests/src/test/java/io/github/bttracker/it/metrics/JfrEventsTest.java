package io.github.bttracker.it.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bttracker.options.TrackerClientOptions;
import io.github.bttracker.TrackerRuntime;
import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.testing.EmbeddedTracker;
import io.github.bttracker.testing.TrackerBehaviour;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JFR events of announces and scrapes, as a recording of a real run shows them. */
class JfrEventsTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void everyAnnounceAndScrapeIsAnEventWithItsTrackerProtocolAndOutcome() throws Exception {
        InfoHash hash = InfoHash.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20});
        AnnounceRequest request = AnnounceRequest.builder(hash, PeerId.random("-BT0001-"), 6881).build();
        Path file = dir.resolve("run.jfr");
        try (EmbeddedTracker tracker = EmbeddedTracker.start();
             TrackerRuntime runtime = TrackerRuntime.create(TrackerClientOptions.defaults());
             Recording recording = new Recording()) {
            recording.enable("io.github.bttracker.Announce").withThreshold(Duration.ZERO);
            recording.enable("io.github.bttracker.Scrape").withThreshold(Duration.ZERO);
            recording.start();
            String passkeyUrl = tracker.httpUrl("/secret0123456789abcdef0123456789ab/announce");
            runtime.announce(tracker.httpAnnounceUrl(), request, TIMEOUT).get();
            runtime.announce(tracker.udpAnnounceUrl(), request, TIMEOUT).get();
            tracker.http().enqueue(TrackerBehaviour.failure("not registered"));
            runtime.announce(passkeyUrl, request, TIMEOUT).get();
            runtime.announce("http://127.0.0.1:1/announce", request, TIMEOUT).handle((r, e) -> null).get();
            runtime.scrape(tracker.httpAnnounceUrl(), List.of(hash, InfoHash.of(new byte[20])), TIMEOUT).get();
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        List<RecordedEvent> announces = events.stream()
                .filter(e -> e.getEventType().getName().equals("io.github.bttracker.Announce")).toList();
        Map<String, String> outcomeByTracker = announces.stream().collect(Collectors.toMap(
                e -> e.getString("tracker"), e -> e.getString("protocol") + " " + e.getString("outcome")));
        assertThat(outcomeByTracker).containsOnlyKeys(tracker(events, "http", "success"),
                tracker(events, "udp", "success"), tracker(events, "http", "refused"), "http://127.0.0.1:1/announce");
        assertThat(outcomeByTracker.values())
                .containsExactlyInAnyOrder("http success", "udp success", "http refused", "http connect");
        assertThat(outcomeByTracker.keySet()).as("passkeys are masked in events")
                .noneMatch(url -> url.contains("secret0123456789abcdef"));
        assertThat(announces).allSatisfy(e -> assertThat(e.getDuration()).isPositive());

        List<RecordedEvent> scrapes = events.stream()
                .filter(e -> e.getEventType().getName().equals("io.github.bttracker.Scrape")).toList();
        assertThat(scrapes).singleElement().satisfies(e -> {
            assertThat(e.getString("outcome")).isEqualTo("success");
            assertThat(e.getInt("torrents")).isEqualTo(2);
        });
    }

    private static String tracker(List<RecordedEvent> events, String protocol, String outcome) {
        return events.stream().filter(e -> e.getEventType().getName().equals("io.github.bttracker.Announce"))
                .filter(e -> protocol.equals(e.getString("protocol")) && outcome.equals(e.getString("outcome")))
                .map(e -> e.getString("tracker")).findFirst().orElse("none for " + protocol + " " + outcome);
    }
}
