package io.github.bttracker.it.udp;

import io.github.bttracker.spi.HostResolver;
import java.net.InetAddress;
import java.util.List;

/** A resolver for tests: one made-up host name with fixed addresses, in order; every other name is unknown. */
public final class FixedResolver {

    private FixedResolver() {
    }

    /** @return a resolver that knows {@code host} (unless {@code addresses} is empty) and nothing else */
    public static HostResolver of(String host, List<InetAddress> addresses) {
        List<InetAddress> fixed = List.copyOf(addresses);
        return name -> name.equals(host) ? fixed : List.of();
    }
}
