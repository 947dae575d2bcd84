package io.github.bttracker.internal.transport.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class UdpTrackerUrlTest {

    @Test
    void parsesHostPortAndUrlData() {
        assertThat(UdpTrackerUrl.parse("udp://tracker.example:6969/announce?passkey=a%20b"))
                .isEqualTo(new UdpTrackerUrl("tracker.example", 6969, "/announce?passkey=a%20b", null));
        assertThat(UdpTrackerUrl.parse("udp://[::1]:1337"))
                .isEqualTo(new UdpTrackerUrl("::1", 1337, "", new InetSocketAddress("::1", 1337)));
        assertThat(UdpTrackerUrl.parse("UDP://1.2.3.4:80/"))
                .isEqualTo(new UdpTrackerUrl("1.2.3.4", 80, "/", new InetSocketAddress("1.2.3.4", 80)));
    }

    @Test
    void rejectsUrlsWithoutPortOrHost() {
        assertThatThrownBy(() -> UdpTrackerUrl.parse("udp://tracker.example/announce"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> UdpTrackerUrl.parse("udp:///announce")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UdpTrackerUrl.parse("udp://a b:1")).isInstanceOf(IllegalArgumentException.class);
    }
}
