package io.github.bttracker.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bttracker.TrackerClientOptions;
import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.transport.TrackerRuntime;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Hostile announce URLs, as a torrent file can carry them: they are untrusted input, and whatever the client keeps
 * of them must stay bounded, and must not outlive its runtime. Runs in the hostile suite's 64 MiB JVM.
 */
class HostileUrlTest extends HostileTrackerBase {

    private static final InfoHash HASH = InfoHash.fromHex("aa11bb22cc33dd44ee55ff6600112233445566ff");
    private static final int MIB = 1024 * 1024;

    /** A valid udp:// URL to the embedded tracker, about one MiB long (its path is BEP 41 URL data). */
    private String longUdpUrl(int n) {
        return tracker.udpAnnounceUrl() + "/" + n + "/" + "a".repeat(MIB);
    }

    private void announceAndForget(TrackerRuntime runtime, String url) throws Exception {
        AnnounceRequest request = AnnounceRequest.builder(HASH, PeerId.random("-HU0001-"), 6881).build();
        try {
            runtime.announce(url, request, Duration.ofMillis(100)).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // a 1 MiB URL cannot be sent in a datagram: failing is fine, keeping it is not
        }
    }

    @Test
    void longUdpUrlsAreNotKeptByARuntime() throws Exception {
        // 48 distinct URLs of 1 MiB (each held twice when parsed: the text and its URL data) would need some
        // 96 MiB if a runtime kept them
        for (int i = 0; i < 48; i++) {
            announceAndForget(runtime, longUdpUrl(i));
        }
        AnnounceRequest request = AnnounceRequest.builder(HASH, PeerId.random("-HU0001-"), 6881).build();
        AnnounceResponse answer = runtime.announce(tracker.udpAnnounceUrl(), request, Duration.ofSeconds(10))
                .get(20, TimeUnit.SECONDS);
        assertThat(answer.isSuccess()).isTrue();
    }

    @Test
    void nothingOfAUrlOutlivesItsRuntime() throws Exception {
        for (int i = 0; i < 48; i++) {
            try (TrackerRuntime shortLived = TrackerRuntime.create(TrackerClientOptions.defaults())) {
                announceAndForget(shortLived, longUdpUrl(i));
            }
        }
        AnnounceRequest request = AnnounceRequest.builder(HASH, PeerId.random("-HU0001-"), 6881).build();
        assertThat(runtime.announce(tracker.udpAnnounceUrl(), request, Duration.ofSeconds(10))
                .get(20, TimeUnit.SECONDS).isSuccess()).isTrue();
    }
}
