package io.github.bttracker.it;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.net.ssl.TrustManagerFactory;

/**
 * A test certificate authority and the certificates it issues for trackers on loopback, made once per JVM. Clients
 * trust the CA only when a test gives them {@link #trustManagerFactory()}.
 */
public final class TestCertificates {

    private static X509Bundle ca;
    private static X509Bundle loopback;
    private static X509Bundle otherHost;

    private TestCertificates() {
    }

    private static synchronized void issue() {
        if (ca != null) {
            return;
        }
        try {
            Instant now = Instant.now();
            CertificateBuilder template = new CertificateBuilder().notBefore(now.minus(1, ChronoUnit.DAYS))
                    .notAfter(now.plus(1, ChronoUnit.DAYS)).ecp256();
            ca = template.copy().subject("CN=bt-tracker test CA").setIsCertificateAuthority(true).buildSelfSigned();
            loopback = template.copy().subject("CN=127.0.0.1").addSanIpAddress("127.0.0.1")
                    .addExtendedKeyUsageServerAuth().buildIssuedBy(ca);
            otherHost = template.copy().subject("CN=tracker.example").addSanDnsName("tracker.example")
                    .addExtendedKeyUsageServerAuth().buildIssuedBy(ca);
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue test certificates", e);
        }
    }

    /** @return trust in the test CA */
    public static TrustManagerFactory trustManagerFactory() {
        issue();
        return ca.toTrustManagerFactory();
    }

    /** @return a server context with a certificate for 127.0.0.1 */
    public static SslContext loopbackServer() {
        issue();
        return server(loopback);
    }

    /** @return a server context with a certificate for another host name (tracker.example) */
    public static SslContext otherHostServer() {
        issue();
        return server(otherHost);
    }

    private static SslContext server(X509Bundle certificate) {
        try {
            return SslContextBuilder.forServer(certificate.toKeyManagerFactory()).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
