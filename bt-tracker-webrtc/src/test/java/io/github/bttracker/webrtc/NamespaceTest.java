package io.github.bttracker.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bttracker.it.webtorrent.Namespace;
import org.junit.jupiter.api.Test;

class NamespaceTest {

    @Test
    void testJvmSeesOnlyTheNamespacesAddresses() throws Exception {
        assertThat(Namespace.ipv4Addresses()).as("the launcher src/test/namespace/bin/java made the namespace")
                .containsExactlyInAnyOrder("127.0.0.1", "10.77.0.1", "10.77.0.2");
    }
}
