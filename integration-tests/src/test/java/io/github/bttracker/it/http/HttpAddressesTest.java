package io.github.bttracker.it.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bttracker.TrackerRuntime;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerAddress;
import io.github.bttracker.core.TrackerException;
import io.github.bttracker.options.TrackerClientOptions;
import io.github.bttracker.testing.EmbeddedTracker;
import io.github.bttracker.testing.RecordedRequest;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Trackers on IPv6 and behind host names. */
class HttpAddressesTest {

    @Test
    void announcesToAnIpv6TrackerAndGetsIpv6Peers() throws Exception {
        try (EmbeddedTracker tracker = EmbeddedTracker.builder().bindAddress(InetAddress.getByName("::1")).start();
             TrackerRuntime runtime = TrackerRuntime.create(TrackerClientOptions.defaults())) {
            assertThat(tracker.httpAnnounceUrl()).startsWith("http://[::1]:");
            InfoHash hash = HttpTransportTest.hash(1);
            runtime.announce(tracker.httpAnnounceUrl(), HttpTransportTest.request(hash, 6881).build(),
                    HttpTransportTest.TIMEOUT).get(20, TimeUnit.SECONDS);
            AnnounceResponse second = runtime.announce(tracker.httpAnnounceUrl(),
                    HttpTransportTest.request(hash, 6882).build(), HttpTransportTest.TIMEOUT).get(20, TimeUnit.SECONDS);

            assertThat(second.peers()).containsExactly(PeerAddress.of(InetAddress.getByName("::1"), 6881));
            RecordedRequest recorded = tracker.http().take();
            assertThat(recorded.remoteAddress().getAddress()).isEqualTo(InetAddress.getByName("::1"));
            assertThat(recorded.header("Host")).hasValue("[::1]:" + tracker.port());
        }
    }

    @Test
    void resolvesHostNamesWithTheAsynchronousResolver() throws Exception {
        try (EmbeddedTracker tracker = EmbeddedTracker.start();
             TrackerRuntime runtime = TrackerRuntime.create(TrackerClientOptions.defaults())) {
            String url = "http://localhost:" + tracker.port() + "/announce";
            AnnounceResponse response = runtime.announce(url, HttpTransportTest.request(HttpTransportTest.hash(2), 1)
                    .build(), HttpTransportTest.TIMEOUT).get(20, TimeUnit.SECONDS);
            assertThat(response.isSuccess()).isTrue();
            assertThat(tracker.http().take().header("Host")).hasValue("localhost:" + tracker.port());
        }
    }

    @Test
    void anUnresolvableHostFailsWithinTheTimeout() {
        try (TrackerRuntime runtime = TrackerRuntime.create(TrackerClientOptions.defaults())) {
            TrackerException e = HttpTransportTest.failureOf(runtime.announce("http://no-such-host.invalid/announce",
                    HttpTransportTest.request(HttpTransportTest.hash(3), 1).build(), Duration.ofSeconds(3)));
            assertThat(e.kind()).isIn(TrackerException.Kind.DNS, TrackerException.Kind.TIMEOUT);
            assertThat(e).hasMessageContaining("no-such-host.invalid");
        }
    }
}
