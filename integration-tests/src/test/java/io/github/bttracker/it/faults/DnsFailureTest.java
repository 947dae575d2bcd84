package io.github.bttracker.it.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.bttracker.core.TrackerException.Kind;
import io.github.bttracker.core.TrackerStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A tracker whose host name does not resolve ({@code .invalid} never does, RFC 6761), through the runtime's own
 * asynchronous DNS resolver, as users get it: a warning that says so, well before the request's deadline, and
 * retries with back-off rather than a hang.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DnsFailureTest extends FaultTestBase {

    private static final String HOST = "tracker.invalid";
    /** Long, so that a warning of kind DNS shows the failure came from the resolver, not from the deadline. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);


    @ParameterizedTest
    @ValueSource(strings = {"http://" + HOST + "/announce", "udp://" + HOST + ":6969/announce", "ws://" + HOST})
    void anUnresolvableHostIsADnsWarningAndTheClientKeepsRetrying(String url) {
        FaultEvents events = new FaultEvents();
        // a WebSocket request fails with its shared connection's failure to resolve the host
        runtime = Faults.runtime(REQUEST_TIMEOUT, url.startsWith("ws:"));
        client = Faults.client(Faults.builder(url), runtime, events);

        client.start();

        // a kind of DNS, not TIMEOUT, means the answer came from the resolver, within the request's deadline (here
        // the name server answers NXDOMAIN at once; one that cannot be reached costs its query timeout per attempt)
        await().atMost(Faults.PATIENCE.multipliedBy(2)).until(() -> events.warnings().size() >= 2);
        List<FaultEvents.Warning> warnings = events.warnings().subList(0, 2);
        assertThat(warnings).allSatisfy(w -> {
            assertThat(w.trackerUrl()).isEqualTo(url);
            assertThat(w.kind()).isEqualTo(Kind.DNS);
            assertThat(w.exception()).hasMessageStartingWith(url).hasMessageContaining(HOST);
            assertThat(w.message()).contains("cannot resolve host '" + HOST + "'");
        });
        Faults.assertDoublingBackoff(warnings.stream().map(FaultEvents.Warning::next).toList());
        TrackerStatus status = client.status().get(0);
        assertThat(status.state()).isEqualTo(TrackerStatus.State.FAILING);
        assertThat(status.lastError()).hasValueSatisfying(e -> assertThat(e).contains(HOST));
        assertThat(events.updates()).isEmpty();
        assertThat(events.errors()).isEmpty();
    }
}
