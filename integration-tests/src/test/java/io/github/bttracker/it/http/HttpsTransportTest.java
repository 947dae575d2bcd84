package io.github.bttracker.it.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bttracker.TrackerClientOptions;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.TrackerException;
import io.github.bttracker.core.TrackerException.Kind;
import io.github.bttracker.it.tracker.EmbeddedTracker;
import io.github.bttracker.it.tracker.RecordedRequest;
import io.github.bttracker.transport.TrackerRuntime;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTPS trackers: certificates are verified against the trust material and the host name, always. A test CA
 * issues the tracker's certificates here; the client trusts that CA only when a test says so.
 */
class HttpsTransportTest {

    static X509Bundle ca;
    static X509Bundle loopbackCert;
    static X509Bundle otherHostCert;

    @BeforeAll
    static void issueCertificates() throws Exception {
        Instant now = Instant.now();
        CertificateBuilder template = new CertificateBuilder().notBefore(now.minus(1, ChronoUnit.DAYS))
                .notAfter(now.plus(1, ChronoUnit.DAYS)).ecp256();
        ca = template.copy().subject("CN=bt-tracker test CA").setIsCertificateAuthority(true).buildSelfSigned();
        loopbackCert = template.copy().subject("CN=127.0.0.1").addSanIpAddress("127.0.0.1")
                .addExtendedKeyUsageServerAuth().buildIssuedBy(ca);
        otherHostCert = template.copy().subject("CN=tracker.example").addSanDnsName("tracker.example")
                .addExtendedKeyUsageServerAuth().buildIssuedBy(ca);
    }

    static EmbeddedTracker httpsTracker(X509Bundle cert) throws Exception {
        SslContext server = SslContextBuilder.forServer(cert.toKeyManagerFactory()).build();
        return EmbeddedTracker.builder().tls(server).start();
    }

    static TrackerRuntime runtimeTrusting(X509Bundle authority) {
        TrackerClientOptions.Builder options = TrackerClientOptions.builder();
        if (authority != null) {
            options.trustManagerFactory(authority.toTrustManagerFactory());
        }
        return TrackerRuntime.create(options.build());
    }

    @Test
    void announcesOverHttpsToATrustedTracker() throws Exception {
        try (EmbeddedTracker tracker = httpsTracker(loopbackCert); TrackerRuntime runtime = runtimeTrusting(ca)) {
            assertThat(tracker.httpAnnounceUrl()).startsWith("https://127.0.0.1:");
            AnnounceResponse response = runtime.announce(tracker.httpAnnounceUrl(),
                    HttpTransportTest.request(HttpTransportTest.hash(1), 1).build(), HttpTransportTest.TIMEOUT)
                    .get(20, TimeUnit.SECONDS);
            assertThat(response.isSuccess()).isTrue();
            RecordedRequest recorded = tracker.takeRequest();
            assertThat(recorded.infoHash()).hasValue(HttpTransportTest.hash(1).bytes());
        }
    }

    @Test
    void rejectsACertificateFromAnUntrustedIssuer() throws Exception {
        try (EmbeddedTracker tracker = httpsTracker(loopbackCert); TrackerRuntime runtime = runtimeTrusting(null)) {
            TrackerException e = HttpTransportTest.failureOf(runtime.announce(tracker.httpAnnounceUrl(),
                    HttpTransportTest.request(HttpTransportTest.hash(2), 1).build(), HttpTransportTest.TIMEOUT));
            assertThat(e.kind()).isEqualTo(Kind.TLS);
            assertThat(e).hasMessageContaining(tracker.httpAnnounceUrl()).hasMessageContaining("TLS failed");
            assertThat(tracker.requestCount()).isZero();
        }
    }

    @Test
    void rejectsACertificateForAnotherHost() throws Exception {
        try (EmbeddedTracker tracker = httpsTracker(otherHostCert); TrackerRuntime runtime = runtimeTrusting(ca)) {
            TrackerException e = HttpTransportTest.failureOf(runtime.announce(tracker.httpAnnounceUrl(),
                    HttpTransportTest.request(HttpTransportTest.hash(3), 1).build(), HttpTransportTest.TIMEOUT));
            assertThat(e.kind()).isEqualTo(Kind.TLS);
            assertThat(e.getCause()).hasStackTraceContaining("127.0.0.1");
            assertThat(tracker.requestCount()).isZero();
        }
    }

    @Test
    void scrapesOverWssFromATrustedTrackerOnly() throws Exception {
        try (EmbeddedTracker tracker = httpsTracker(loopbackCert); TrackerRuntime trusting = runtimeTrusting(ca);
             TrackerRuntime untrusting = runtimeTrusting(null)) {
            assertThat(tracker.wsAnnounceUrl()).startsWith("wss://127.0.0.1:");
            var hash = HttpTransportTest.hash(5);
            assertThat(trusting.scrape(tracker.wsAnnounceUrl(), java.util.List.of(hash), HttpTransportTest.TIMEOUT)
                    .get(20, TimeUnit.SECONDS)).containsKey(hash);

            TrackerException e = HttpTransportTest.failureOf(untrusting.scrape(tracker.wsAnnounceUrl(),
                    java.util.List.of(hash), java.time.Duration.ofSeconds(2)));
            assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
            assertThat(e.getMessage()).containsAnyOf("PKIX", "certificate", "SSL");
        }
    }

    @Test
    void refusesARedirectFromHttpsToHttp() throws Exception {
        try (EmbeddedTracker tracker = httpsTracker(loopbackCert); EmbeddedTracker plain = EmbeddedTracker.start();
             TrackerRuntime runtime = runtimeTrusting(ca)) {
            tracker.enqueue(io.github.bttracker.it.tracker.TrackerBehaviour.redirectKeepingQuery(302,
                    plain.httpAnnounceUrl()));
            TrackerException e = HttpTransportTest.failureOf(runtime.announce(tracker.httpAnnounceUrl(),
                    HttpTransportTest.request(HttpTransportTest.hash(4), 1).build(), HttpTransportTest.TIMEOUT));
            assertThat(e.kind()).isEqualTo(Kind.REDIRECT);
            assertThat(e).hasMessageContaining("https to http");
            assertThat(plain.requestCount()).isZero();
        }
    }
}
