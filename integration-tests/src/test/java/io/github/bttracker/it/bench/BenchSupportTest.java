package io.github.bttracker.it.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the benchmark reads of the host. */
class BenchSupportTest {

    @Test
    void readsTheTimeWaitCountOfTheTcpLineOfSockstat() {
        assertThat(BenchSupport.timeWaitSockets(List.of(
                "sockets: used 131",
                "TCP: inuse 5 orphan 0 tw 14114 alloc 8 mem 1",
                "UDP: inuse 2 mem 4",
                "RAW: inuse 0"))).isEqualTo(14_114);
        // the same words on another protocol's line, or none at all, are no TIME_WAIT count
        assertThat(BenchSupport.timeWaitSockets(List.of("UDP: inuse 2 tw 7", "TCP: inuse 1 orphan 0"))).isZero();
        assertThat(BenchSupport.timeWaitSockets(List.of())).isZero();
        assertThat(BenchSupport.timeWaitSockets(List.of("TCP: inuse 1 orphan 0 tw many"))).isZero();
    }
}
