package io.github.bttracker.it.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.bttracker.TrackerClient;
import io.github.bttracker.TrackerRuntime;
import io.github.bttracker.core.TrackerException.Kind;
import io.github.bttracker.it.TestCertificates;
import io.github.bttracker.testing.EmbeddedTracker;
import io.github.bttracker.it.ws.FakeWebRtc;
import io.github.bttracker.options.ConnectionOptions;
import io.github.bttracker.options.HttpOptions;
import io.github.bttracker.options.RetryPolicy;
import io.github.bttracker.options.SafetyOptions;
import io.github.bttracker.options.TrackerClientOptions;
import io.github.bttracker.options.UdpOptions;
import io.github.bttracker.options.WebSocketOptions;
import io.github.bttracker.testing.EmbeddedTracker;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.SimpleTrustManagerFactory;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.security.KeyStore;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.TrustManagerFactorySpi;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * TLS verification cannot be turned off by accident. What HttpsTransportTest already shows is not repeated here: an
 * issuer the default options do not trust is refused ({@code rejectsACertificateFromAnUntrustedIssuer}), a
 * certificate for another host is refused although its CA is trusted ({@code rejectsACertificateForAnotherHost}),
 * and WSS from an untrusted issuer gets no answer ({@code scrapesOverWssFromATrustedTrackerOnly}). Here: what a
 * standalone client's user sees with a self-signed tracker, and the usual accidents: a {@code null} trust manager
 * factory (a missing setting), a hand-written trust manager that checks only the chain, WSS to another host name,
 * and an option to look for that would switch verification off.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TlsVerificationTest {

    private final List<AutoCloseable> closing = new ArrayList<>();
    private TrackerClient client;

    @AfterEach
    void tearDown() throws Exception {
        if (client != null) {
            client.destroy();
        }
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private EmbeddedTracker httpsTracker(SslContext server) {
        EmbeddedTracker tracker = EmbeddedTracker.builder().tls(server).start();
        closing.add(tracker);
        return tracker;
    }

    private TrackerRuntime runtime(TrackerClientOptions options) {
        TrackerRuntime runtime = TrackerRuntime.create(options);
        closing.add(runtime);
        return runtime;
    }

    private FaultEvents start(String url, TrackerRuntime runtime) {
        FaultEvents events = new FaultEvents();
        client = Faults.client(Faults.builder(url), runtime, events);
        client.start();
        return events;
    }

    /** The tracker's certificate is refused: warnings of kind TLS that name it, retries with back-off, no request. */
    private static void assertRefusedOverTls(FaultEvents events, EmbeddedTracker tracker) {
        String url = tracker.httpAnnounceUrl();
        await().atMost(Faults.PATIENCE).until(() -> events.warnings().size() >= 2 || !events.updates().isEmpty());
        assertThat(events.updates()).as("announces accepted over a connection that should have been refused")
                .isEmpty();
        List<FaultEvents.Warning> warnings = events.warnings().subList(0, 2);
        assertThat(warnings).allSatisfy(w -> {
            assertThat(w.trackerUrl()).isEqualTo(url);
            assertThat(w.kind()).isEqualTo(Kind.TLS);
            assertThat(w.exception()).hasMessageStartingWith(url).hasMessageContaining("TLS failed");
        });
        Faults.assertDoublingBackoff(warnings.stream().map(FaultEvents.Warning::next).toList());
        assertThat(events.updates()).isEmpty();
        assertThat(tracker.http().count()).as("no request went over an unverified connection").isZero();
    }

    @Test
    void aSelfSignedTrackerIsATlsWarningWithTheDefaultOptions() throws Exception {
        EmbeddedTracker tracker = httpsTracker(server(selfSignedLoopback()));
        FaultEvents events = start(tracker.httpAnnounceUrl(), runtime(TrackerClientOptions.defaults()));

        assertRefusedOverTls(events, tracker);
        assertThat(events.warnings().get(0).message()).containsAnyOf("PKIX", "certificate", "trust");
    }

    @Test
    void aNullTrustManagerFactoryMeansTheJdkTrustStoreNotTrustingEverything() {
        EmbeddedTracker tracker = httpsTracker(TestCertificates.loopbackServer());
        // a setting that was there, then "unset" with a missing value
        TrackerClientOptions options = TrackerClientOptions.defaults()
                .withConnection(ConnectionOptions.defaults()
                        .withTrustManagerFactory(TestCertificates.trustManagerFactory()).withTrustManagerFactory(null));
        assertThat(options.connection().trustManagerFactory()).isEmpty();

        assertRefusedOverTls(start(tracker.httpAnnounceUrl(), runtime(options)), tracker);
    }

    /** A trust manager that checks only the chain: it does trust the CA, so a certificate for 127.0.0.1 passes. */
    private void assertTrustsTheTestCa(TrackerClientOptions options) {
        EmbeddedTracker loopback = httpsTracker(TestCertificates.loopbackServer());
        FaultEvents accepted = start(loopback.httpAnnounceUrl(), runtime(options));
        await().atMost(Faults.PATIENCE).until(() -> !accepted.updates().isEmpty());
        assertThat(accepted.warnings()).isEmpty();
        client.destroy();
    }

    @Test
    void aHandWrittenTrustManagerThatChecksOnlyTheChainStillGetsHostNamesVerified() {
        TrackerClientOptions chainOnly = TrackerClientOptions.defaults()
                .withConnection(ConnectionOptions.defaults()
                        .withTrustManagerFactory(jdkFactoryOf(chainOnly(TestCertificates.trustManagerFactory()))));
        assertTrustsTheTestCa(chainOnly);

        // its certificate for tracker.example, served from 127.0.0.1, is refused
        EmbeddedTracker otherHost = httpsTracker(TestCertificates.otherHostServer());
        FaultEvents events = start(otherHost.httpAnnounceUrl(), runtime(chainOnly));

        assertRefusedOverTls(events, otherHost);
        assertThat(events.warnings().get(0).exception().getCause()).hasStackTraceContaining("127.0.0.1");
    }

    /**
     * The same hand-written trust manager, in a factory made with Netty's own helper for that,
     * {@link SimpleTrustManagerFactory}. The options promise that host names are always verified, whatever the
     * factory; but that helper wraps a plain X509TrustManager in an X509ExtendedTrustManager that ignores the
     * engine, so the JDK's wrapper, which would check the host name for a plain trust manager, is never used, and
     * nothing checks it.
     */
    @Test
    void aTrustManagerFactoryMadeWithNettysHelperStillGetsHostNamesVerified() {
        TrackerClientOptions chainOnly = TrackerClientOptions.defaults()
                .withConnection(ConnectionOptions.defaults()
                        .withTrustManagerFactory(nettyFactoryOf(chainOnly(TestCertificates.trustManagerFactory()))));
        assertTrustsTheTestCa(chainOnly);

        EmbeddedTracker otherHost = httpsTracker(TestCertificates.otherHostServer());
        FaultEvents events = start(otherHost.httpAnnounceUrl(), runtime(chainOnly));

        assertRefusedOverTls(events, otherHost);
    }

    /** Over WSS as over HTTPS, a certificate for another host name is refused although its CA is trusted. */
    @Test
    void overWssACertificateForAnotherHostIsRefusedToo() {
        EmbeddedTracker otherHost = httpsTracker(TestCertificates.otherHostServer());
        assertThat(otherHost.wsAnnounceUrl()).startsWith("wss://127.0.0.1:");
        TrackerRuntime runtime = runtime(TrackerClientOptions.defaults()
                .withConnection(ConnectionOptions.defaults()
                        .withTrustManagerFactory(TestCertificates.trustManagerFactory())
                        .withRequestTimeout(Faults.SHORT_REQUEST_TIMEOUT))
                .withWebSocket(WebSocketOptions.defaults().withWebRtc(new FakeWebRtc("tls"))));
        FaultEvents events = start(otherHost.wsAnnounceUrl(), runtime);

        await().atMost(Faults.PATIENCE).until(() -> events.warnings().size() >= 2);
        assertThat(events.warnings().subList(0, 2)).allSatisfy(w -> {
            assertThat(w.trackerUrl()).isEqualTo(otherHost.wsAnnounceUrl());
            assertThat(w.kind()).isEqualTo(Kind.TLS);
            assertThat(w.exception()).hasMessageStartingWith(otherHost.wsAnnounceUrl()).hasMessageContaining("TLS failed");
        });
        assertThat(events.updates()).isEmpty();
        assertThat(otherHost.ws().count()).as("no message went over an unverified connection").isZero();
    }

    @Test
    void theOptionsHaveNoSwitchThatTurnsVerificationOff() {
        List<Method> methods = Stream.of(TrackerClientOptions.class, ConnectionOptions.class, HttpOptions.class,
                        UdpOptions.class, WebSocketOptions.class, RetryPolicy.class, SafetyOptions.class)
                .flatMap(type -> Arrays.stream(type.getDeclaredMethods()))
                .filter(m -> Modifier.isPublic(m.getModifiers())).toList();
        List<String> settings = methods.stream().map(Method::getName).toList();
        assertThat(settings).contains("withTrustManagerFactory")
                .noneMatch(name -> name.matches("(?i).*(insecure|trustall|verif|hostname|endpoint|ssl|tls|cert).*"));
        // trust is only ever a TrustManagerFactory: whom to trust, not whether to check
        assertThat(methods.stream().filter(m -> m.getName().equals("withTrustManagerFactory")))
                .singleElement().satisfies(m -> assertThat(m.getParameterTypes())
                        .containsExactly(TrustManagerFactory.class));
    }

    private static X509Bundle selfSignedLoopback() throws Exception {
        Instant now = Instant.now();
        return new CertificateBuilder().notBefore(now.minus(1, ChronoUnit.DAYS)).notAfter(now.plus(1, ChronoUnit.DAYS))
                .ecp256().subject("CN=127.0.0.1").addSanIpAddress("127.0.0.1").addExtendedKeyUsageServerAuth()
                .setIsCertificateAuthority(true) // as most self-signed certificates are, and pkitesting wants
                .buildSelfSigned();
    }

    private static SslContext server(X509Bundle certificate) throws Exception {
        return SslContextBuilder.forServer(certificate.toKeyManagerFactory()).build();
    }

    /**
     * Trust as people often write it by hand: a plain {@link X509TrustManager} (not an X509ExtendedTrustManager)
     * that checks the chain against the trusted CA and nothing else, leaving the host name to the TLS stack.
     */
    private static X509TrustManager chainOnly(TrustManagerFactory trusted) {
        X509TrustManager ca = Arrays.stream(trusted.getTrustManagers()).filter(X509TrustManager.class::isInstance)
                .map(X509TrustManager.class::cast).findFirst().orElseThrow();
        return new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                ca.checkClientTrusted(chain, authType);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                ca.checkServerTrusted(chain, authType);
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return ca.getAcceptedIssuers();
            }
        };
    }

    /** A factory handing out {@code trustManager}, written against the JDK's SPI. */
    private static TrustManagerFactory jdkFactoryOf(TrustManager trustManager) {
        TrustManagerFactorySpi spi = new TrustManagerFactorySpi() {
            @Override
            protected void engineInit(KeyStore keyStore) {
            }

            @Override
            protected void engineInit(ManagerFactoryParameters parameters) {
            }

            @Override
            protected TrustManager[] engineGetTrustManagers() {
                return new TrustManager[] {trustManager};
            }
        };
        Provider provider = new Provider("faults-test", "1", "a test trust manager factory") {
            private static final long serialVersionUID = 1L;
        };
        return new TrustManagerFactory(spi, provider, "chain-only") {
        };
    }

    /** A factory handing out {@code trustManager}, written with Netty's helper. */
    private static TrustManagerFactory nettyFactoryOf(TrustManager trustManager) {
        return new SimpleTrustManagerFactory() {
            @Override
            protected void engineInit(KeyStore keyStore) {
            }

            @Override
            protected void engineInit(ManagerFactoryParameters parameters) {
            }

            @Override
            protected TrustManager[] engineGetTrustManagers() {
                return new TrustManager[] {trustManager};
            }
        };
    }
}
