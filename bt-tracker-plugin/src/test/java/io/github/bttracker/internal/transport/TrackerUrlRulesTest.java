package io.github.bttracker.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bttracker.options.SafetyOptions;
import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;

class TrackerUrlRulesTest {

    private static final SafetyOptions DEFAULTS = SafetyOptions.defaults();

    @Test
    void loopbackTrackersAreContactedOnlyAtAnnounceOrScrapePaths() {
        for (String allowed : new String[] {"http://127.0.0.1:8080/announce", "http://127.0.0.1/a/announce.php?pk=1",
            "https://localhost/scrape", "http://[::1]:80/announce", "ws://127.0.0.1:8000", "ws://127.0.0.1:8000/",
            "wss://localhost/announce", "udp://127.0.0.1:6969/admin", "http://10.0.0.1/admin",
            "http://tracker.example/admin"}) {
            assertThat(TrackerUrlRules.refusal(URI.create(allowed), DEFAULTS)).as(allowed).isEmpty();
        }
        for (String refused : new String[] {"http://127.0.0.1:8080/admin/delete?id=7", "http://127.0.0.1:8080",
            "http://127.1.2.3/", "http://LOCALHOST/admin", "http://api.localhost/admin", "http://[::1]/x",
            "ws://127.0.0.1:8000/admin", "http://127.0.0.1/announce/../admin"}) {
            assertThat(TrackerUrlRules.refusal(URI.create(refused), DEFAULTS)).as(refused).get().asString()
                    .contains("ssrfMitigation");
        }
        SafetyOptions off = SafetyOptions.defaults().withSsrfMitigation(false);
        assertThat(TrackerUrlRules.refusal(URI.create("http://127.0.0.1:8080/admin"), off)).isEmpty();
    }

    @Test
    void internationalDomainNamesAreRefusedUnlessAllowed() {
        for (String idn : new String[] {"http://xn--bcher-kva.example/announce", "http://b\u00fccher.example/announce",
            "udp://tracker.XN--P1AI:6969/announce"}) {
            assertThat(TrackerUrlRules.refusal(URI.create(idn), DEFAULTS)).as(idn).get().asString()
                    .contains("allowIdna");
            assertThat(TrackerUrlRules.refusal(URI.create(idn), SafetyOptions.defaults().withAllowIdna(true)))
                    .isEmpty();
        }
    }

    @Test
    void aConnectionIsCheckedForTheAddressItReached() throws Exception {
        URI admin = URI.create("http://tracker.test/admin");
        URI announce = URI.create("http://tracker.test/announce");
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        InetAddress lan = InetAddress.getByName("192.168.1.10");
        InetAddress global = InetAddress.getByName("203.0.113.5");
        assertThat(TrackerUrlRules.connectionRefusal(admin, loopback, false)).get().asString().contains("loopback");
        assertThat(TrackerUrlRules.connectionRefusal(announce, loopback, false)).isEmpty();
        assertThat(TrackerUrlRules.connectionRefusal(admin, lan, false)).isEmpty();
        assertThat(TrackerUrlRules.connectionRefusal(admin, global, false)).isEmpty();
        // after a hop to a public address, a private or loopback one is refused even at an announce path
        assertThat(TrackerUrlRules.connectionRefusal(announce, lan, true)).get().asString().contains("redirect");
        assertThat(TrackerUrlRules.connectionRefusal(announce, loopback, true)).isPresent();
        assertThat(TrackerUrlRules.connectionRefusal(announce, global, true)).isEmpty();
    }

    @Test
    void tellsPublicAddressesFromPrivateOnes() throws Exception {
        for (String priv : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.0.1", "169.254.169.254",
            "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fd00::1", "::"}) {
            assertThat(TrackerUrlRules.isPublic(InetAddress.getByName(priv))).as(priv).isFalse();
        }
        for (String pub : new String[] {"203.0.113.5", "8.8.8.8", "100.128.0.1", "2001:db8::1"}) {
            assertThat(TrackerUrlRules.isPublic(InetAddress.getByName(pub))).as(pub).isTrue();
        }
    }
}
