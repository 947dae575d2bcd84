package io.github.bttracker.it.udp;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/** A resolver for tests: one made-up host name with fixed addresses, in order; every other name is unknown. */
public final class FixedResolver extends InetNameResolver {

    private final String host;
    private final List<InetAddress> addresses;

    private FixedResolver(EventExecutor executor, String host, List<InetAddress> addresses) {
        super(executor);
        this.host = host;
        this.addresses = addresses;
    }

    public static AddressResolverGroup<InetSocketAddress> group(String host, List<InetAddress> addresses) {
        return new AddressResolverGroup<>() {
            @Override
            protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
                return new FixedResolver(executor, host, addresses).asAddressResolver();
            }
        };
    }

    @Override
    protected void doResolve(String inetHost, Promise<InetAddress> promise) {
        if (inetHost.equals(host) && !addresses.isEmpty()) {
            promise.setSuccess(addresses.get(0));
        } else {
            promise.setFailure(new UnknownHostException(inetHost));
        }
    }

    @Override
    protected void doResolveAll(String inetHost, Promise<List<InetAddress>> promise) {
        if (inetHost.equals(host) && !addresses.isEmpty()) {
            promise.setSuccess(addresses);
        } else {
            promise.setFailure(new UnknownHostException(inetHost));
        }
    }
}
