package io.github.bttracker.internal.transport;

import io.github.bttracker.spi.HostResolver;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;

/**
 * A user's {@link HostResolver} as Netty's resolver group, so that the public option is in JDK terms. IP address
 * literals are answered here, without asking the user's resolver; an empty answer is an unknown host.
 */
public final class HostResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    private final HostResolver hostResolver;

    public HostResolverGroup(HostResolver hostResolver) {
        this.hostResolver = Objects.requireNonNull(hostResolver, "hostResolver");
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new Resolver(executor, hostResolver).asAddressResolver();
    }

    private static final class Resolver extends InetNameResolver {

        private final HostResolver hostResolver;

        Resolver(EventExecutor executor, HostResolver hostResolver) {
            super(executor);
            this.hostResolver = hostResolver;
        }

        @Override
        protected void doResolve(String host, Promise<InetAddress> promise) {
            try {
                promise.setSuccess(addresses(host).get(0));
            } catch (Exception e) {
                promise.setFailure(e);
            }
        }

        @Override
        protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
            try {
                promise.setSuccess(addresses(host));
            } catch (Exception e) {
                promise.setFailure(e);
            }
        }

        private List<InetAddress> addresses(String host) throws UnknownHostException {
            byte[] literal = NetUtil.createByteArrayFromIpAddressString(host);
            if (literal != null) {
                return List.of(InetAddress.getByAddress(host, literal));
            }
            List<InetAddress> addresses = hostResolver.resolve(host);
            if (addresses == null || addresses.isEmpty()) {
                throw new UnknownHostException(host);
            }
            return List.copyOf(addresses);
        }
    }
}
