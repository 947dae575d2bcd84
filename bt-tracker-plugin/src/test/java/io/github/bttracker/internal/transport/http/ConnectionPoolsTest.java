package io.github.bttracker.internal.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** Where {@link ConnectionPools} connects to for an origin: IP literals resolved, host names left to the resolver. */
class ConnectionPoolsTest {

    @Test
    void anIpLiteralIsConnectedToAsItIs() {
        InetSocketAddress v4 = ConnectionPools.remoteAddress(new Origin(false, "127.0.0.1", 6969), false);
        assertThat(v4.isUnresolved()).isFalse();
        assertThat(v4.getAddress()).isInstanceOf(Inet4Address.class);
        assertThat(v4.getHostString()).isEqualTo("127.0.0.1");
        assertThat(v4.getPort()).isEqualTo(6969);

        InetSocketAddress v6 = ConnectionPools.remoteAddress(Origin.of(java.net.URI.create("https://[::1]/announce")),
                false);
        assertThat(v6.isUnresolved()).isFalse();
        assertThat(v6.getAddress()).isInstanceOf(Inet6Address.class);
        assertThat(v6.getAddress().isLoopbackAddress()).isTrue();
        assertThat(v6.getPort()).isEqualTo(443);
    }

    @Test
    void aHostNameIsResolvedForEachConnection() {
        InetSocketAddress named = ConnectionPools.remoteAddress(new Origin(false, "tracker.example", 80), false);
        assertThat(named.isUnresolved()).isTrue();
        assertThat(named.getHostString()).isEqualTo("tracker.example");
    }

    @Test
    void throughAProxyEvenAnIpLiteralGoesToTheProxyUnresolved() {
        InetSocketAddress proxied = ConnectionPools.remoteAddress(new Origin(false, "127.0.0.1", 6969), true);
        assertThat(proxied.isUnresolved()).isTrue();
        assertThat(proxied.getHostString()).isEqualTo("127.0.0.1");
    }
}
