package io.github.bttracker.internal.transport;

import io.github.bttracker.options.ConnectionOptions;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/**
 * The TLS client context of HTTPS and WSS trackers: certificates verified against the configured trust (the JDK's
 * by default) and against the host name, always; there is no switch to turn verification off.
 */
public final class TlsContexts {

    private TlsContexts() {
    }

    /**
     * The client context, built on first use: a runtime whose trackers are all plain HTTP, UDP or {@code ws://} never
     * initialises the JDK's TLS stack nor reads its trust store (some 470 classes, a third of a second of a cold
     * start). Thread-safe; a failure to build it is thrown to each caller.
     */
    public static Supplier<SslContext> lazyClient(ConnectionOptions options) {
        return new Supplier<>() {
            private volatile SslContext built;

            @Override
            public SslContext get() {
                SslContext context = built;
                if (context == null) {
                    synchronized (this) {
                        context = built;
                        if (context == null) {
                            context = client(options);
                            built = context;
                        }
                    }
                }
                return context;
            }
        };
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
