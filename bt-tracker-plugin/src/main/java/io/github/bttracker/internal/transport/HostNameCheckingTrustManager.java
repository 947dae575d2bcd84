package io.github.bttracker.internal.transport;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A caller's trust manager, made to check the host name too. The caller decides whom to trust; the host name is
 * checked whatever the trust manager is. Without this, a plain {@link X509TrustManager} that went through Netty's
 * trust manager factories is wrapped in an extended one that ignores the SSL engine, and the JDK, seeing an extended
 * trust manager, leaves the endpoint identification to it: nobody checks the host.
 *
 * <p>The check itself is the JDK's, not a hand-written one: once the caller's trust manager has accepted the chain,
 * the JDK's PKIX trust manager, trusting just that chain's last certificate, checks it again with the engine, which
 * makes it verify the host name as the engine's endpoint identification algorithm says (RFC 2818 for HTTPS).
 */
final class HostNameCheckingTrustManager extends X509ExtendedTrustManager {

    private final X509TrustManager delegate;

    private HostNameCheckingTrustManager(X509TrustManager delegate) {
        this.delegate = delegate;
    }

    /** @return the factory's X.509 trust manager, wrapped */
    static TrustManager of(TrustManagerFactory factory) {
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return new HostNameCheckingTrustManager(x509);
            }
        }
        throw new IllegalArgumentException("the trust manager factory has no X.509 trust manager");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        if (delegate instanceof X509ExtendedTrustManager extended) {
            extended.checkServerTrusted(chain, authType, engine);
        } else {
            delegate.checkServerTrusted(chain, authType);
        }
        jdkCheckOf(chain).checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        if (delegate instanceof X509ExtendedTrustManager extended) {
            extended.checkServerTrusted(chain, authType, socket);
        } else {
            delegate.checkServerTrusted(chain, authType);
        }
        jdkCheckOf(chain).checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        // without an engine or a socket there is no host to check against: refuse rather than skip the check
        throw new CertificateException("a server certificate can only be checked with its connection's host name");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }

    /** The JDK check built for the last anchor: a tracker's connections all present the same chain. */
    private volatile Anchored last;

    private record Anchored(X509Certificate anchor, X509ExtendedTrustManager check) {
    }

    /** The JDK's PKIX trust manager, trusting only the last certificate of a chain the delegate accepted. */
    private X509ExtendedTrustManager jdkCheckOf(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server sent no certificate");
        }
        X509Certificate anchor = chain[chain.length - 1];
        Anchored cached = last;
        if (cached != null && cached.anchor().equals(anchor)) {
            return cached.check();
        }
        X509ExtendedTrustManager check = newJdkCheck(anchor);
        last = new Anchored(anchor, check);
        return check;
    }

    private static X509ExtendedTrustManager newJdkCheck(X509Certificate anchor) throws CertificateException {
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            anchors.setCertificateEntry("accepted", anchor);
            TrustManagerFactory pkix = TrustManagerFactory.getInstance("PKIX");
            pkix.init(anchors);
            for (TrustManager manager : pkix.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager extended) {
                    return extended;
                }
            }
            throw new CertificateException("the JDK has no extended X.509 trust manager");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new CertificateException("cannot check the host name: " + e.getMessage(), e);
        }
    }
}
