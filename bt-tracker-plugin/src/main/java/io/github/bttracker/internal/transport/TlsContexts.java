package io.github.bttracker.internal.transport;

import io.github.bttracker.options.ConnectionOptions;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import javax.net.ssl.SSLException;

/**
 * The TLS client context of HTTPS and WSS trackers: certificates verified against the configured trust (the JDK's
 * by default) and against the host name, always; there is no switch to turn verification off.
 */
public final class TlsContexts {

    private TlsContexts() {
    }

    public static SslContext client(ConnectionOptions options) {
        try {
            SslContextBuilder builder = SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS");
            // a caller's trust manager decides whom to trust; the host name is checked in any case
            options.trustManagerFactory().ifPresent(factory -> builder.trustManager(HostNameCheckingTrustManager.of(factory)));
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalStateException("Cannot initialise TLS for tracker connections", e);
        }
    }
}
