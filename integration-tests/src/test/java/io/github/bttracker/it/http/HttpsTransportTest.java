package io.github.bttracker.it.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bttracker.TrackerRuntime;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.TrackerException.Kind;
import io.github.bttracker.core.TrackerException;
import io.github.bttracker.it.TestCertificates;
import io.github.bttracker.options.ConnectionOptions;
import io.github.bttracker.options.TrackerClientOptions;
import io.github.bttracker.testing.EmbeddedTracker;
import io.github.bttracker.testing.RecordedRequest;
import io.netty.handler.ssl.SslContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * HTTPS trackers: certificates are verified against the trust material and the host name, always. A test CA
 * issues the tracker's certificates here; the client trusts that CA only when a test says so.
 */
class HttpsTransportTest {

    static EmbeddedTracker httpsTracker(SslContext server) {
        return EmbeddedTracker.builder().tls(server).start();
    }

    static TrackerRuntime runtimeTrusting(boolean testCa) {
        ConnectionOptions connection = ConnectionOptions.defaults();
        if (testCa) {
            connection = connection.withTrustManagerFactory(TestCertificates.trustManagerFactory());
        }
        return TrackerRuntime.create(TrackerClientOptions.defaults().withConnection(connection));
    }

    @Test
    void announcesOverHttpsToATrustedTracker() throws Exception {
        try (EmbeddedTracker tracker = httpsTracker(TestCertificates.loopbackServer()); TrackerRuntime runtime = runtimeTrusting(true)) {
            assertThat(tracker.httpAnnounceUrl()).startsWith("https://127.0.0.1:");
            AnnounceResponse response = runtime.announce(tracker.httpAnnounceUrl(),
                    HttpTransportTest.request(HttpTransportTest.hash(1), 1).build(), HttpTransportTest.TIMEOUT)
                    .get(20, TimeUnit.SECONDS);
            assertThat(response.isSuccess()).isTrue();
            RecordedRequest recorded = tracker.http().take();
            assertThat(recorded.infoHash()).hasValue(HttpTransportTest.hash(1).bytes());
        }
    }

    @Test
    void rejectsACertificateFromAnUntrustedIssuer() throws Exception {
        try (EmbeddedTracker tracker = httpsTracker(TestCertificates.loopbackServer()); TrackerRuntime runtime = runtimeTrusting(false)) {
            TrackerException e = HttpTransportTest.failureOf(runtime.announce(tracker.httpAnnounceUrl(),
                    HttpTransportTest.request(HttpTransportTest.hash(2), 1).build(), HttpTransportTest.TIMEOUT));
            assertThat(e.kind()).isEqualTo(Kind.TLS);
            assertThat(e).hasMessageContaining(tracker.httpAnnounceUrl()).hasMessageContaining("TLS failed");
            assertThat(tracker.http().count()).isZero();
        }
    }

    @Test
    void rejectsACertificateForAnotherHost() throws Exception {
        try (EmbeddedTracker tracker = httpsTracker(TestCertificates.otherHostServer()); TrackerRuntime runtime = runtimeTrusting(true)) {
            TrackerException e = HttpTransportTest.failureOf(runtime.announce(tracker.httpAnnounceUrl(),
                    HttpTransportTest.request(HttpTransportTest.hash(3), 1).build(), HttpTransportTest.TIMEOUT));
            assertThat(e.kind()).isEqualTo(Kind.TLS);
            assertThat(e.getCause()).hasStackTraceContaining("127.0.0.1");
            assertThat(tracker.http().count()).isZero();
        }
    }

    @Test
    void scrapesOverWssFromATrustedTrackerOnly() throws Exception {
        try (EmbeddedTracker tracker = httpsTracker(TestCertificates.loopbackServer()); TrackerRuntime trusting = runtimeTrusting(true);
             TrackerRuntime untrusting = runtimeTrusting(false)) {
            assertThat(tracker.wsAnnounceUrl()).startsWith("wss://127.0.0.1:");
            var hash = HttpTransportTest.hash(5);
            assertThat(trusting.scrape(tracker.wsAnnounceUrl(), java.util.List.of(hash), HttpTransportTest.TIMEOUT)
                    .get(20, TimeUnit.SECONDS)).containsKey(hash);

            TrackerException e = HttpTransportTest.failureOf(untrusting.scrape(tracker.wsAnnounceUrl(),
                    java.util.List.of(hash), io.github.bttracker.it.Futures.LONGER_THAN_FAILURE_OF));
            assertThat(e.kind()).isEqualTo(Kind.TLS);
            assertThat(e.getMessage()).contains("TLS failed").containsAnyOf("PKIX", "certificate", "SSL");
        }
    }

    @Test
    void refusesARedirectFromHttpsToHttp() throws Exception {
        try (EmbeddedTracker tracker = httpsTracker(TestCertificates.loopbackServer()); EmbeddedTracker plain = EmbeddedTracker.start();
             TrackerRuntime runtime = runtimeTrusting(true)) {
            tracker.http().enqueue(io.github.bttracker.testing.TrackerBehaviour.redirectKeepingQuery(302,
                    plain.httpAnnounceUrl()));
            TrackerException e = HttpTransportTest.failureOf(runtime.announce(tracker.httpAnnounceUrl(),
                    HttpTransportTest.request(HttpTransportTest.hash(4), 1).build(), HttpTransportTest.TIMEOUT));
            assertThat(e.kind()).isEqualTo(Kind.REDIRECT);
            assertThat(e).hasMessageContaining("https to http");
            assertThat(plain.http().count()).isZero();
        }
    }
}
