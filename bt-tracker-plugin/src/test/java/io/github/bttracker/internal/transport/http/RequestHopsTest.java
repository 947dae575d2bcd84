package io.github.bttracker.internal.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;

class RequestHopsTest {

    private static final URI ANNOUNCE = URI.create("http://tracker.test/announce");

    @Test
    void aRedirectFromAPublicAddressToAPrivateOneIsRefused() {
        RequestHops hops = new RequestHops();
        assertThat(hops.check(ANNOUNCE, new InetSocketAddress("203.0.113.5", 80))).isEmpty();
        assertThat(hops.redirected()).isFalse();
        assertThat(hops.check(ANNOUNCE, new InetSocketAddress("10.0.0.7", 80))).get().asString()
                .contains("public address");
        assertThat(hops.redirected()).isTrue();
    }

    @Test
    void hopsWithinAPrivateNetworkAreFollowed() {
        RequestHops hops = new RequestHops();
        assertThat(hops.check(ANNOUNCE, new InetSocketAddress("192.168.1.2", 80))).isEmpty();
        assertThat(hops.check(ANNOUNCE, new InetSocketAddress("127.0.0.1", 80))).isEmpty();
        assertThat(hops.check(URI.create("http://tracker.test/admin"), new InetSocketAddress("127.0.0.1", 80)))
                .get().asString().contains("loopback");
    }
}
