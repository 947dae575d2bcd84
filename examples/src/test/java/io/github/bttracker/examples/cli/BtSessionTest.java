package io.github.bttracker.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import bt.module.PeerConnectionSelector;
import bt.net.SharedSelector;
import com.google.inject.Key;
import io.github.bttracker.it.bt.PeerWireSelectorModule;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the command-line tool's Bt runtimes are made of, where no test of the jar can show it.
 */
class BtSessionTest {

    /**
     * {@code download} and the demo's seeder register their peer connections with a selector that cannot starve the
     * registration: Bt 1.10's own could leave a connection unread for good on a busy machine, and a download that
     * never starts is only seen on such a machine, by chance (see {@link PeerWireSelectorModule}).
     */
    @Test
    void registersPeerConnectionsWithASelectorThatDoesNotStarveThem(@TempDir Path dir) throws Exception {
        try (BtSession session = new BtSession("leecher", "magnet:?xt=urn:btih:" + "ab".repeat(20), dir,
                PeerNetwork.loopbackOnly(Jar.freePort()), null)) {
            SharedSelector selector = session.runtime().getInjector()
                    .getInstance(Key.get(SharedSelector.class, PeerConnectionSelector.class));

            assertThat(selector).isInstanceOf(PeerWireSelectorModule.NonStarvingSelector.class);
        }
    }
}
