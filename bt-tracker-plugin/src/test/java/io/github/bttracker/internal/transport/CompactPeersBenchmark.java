package io.github.bttracker.internal.transport;

import io.github.bttracker.core.PeerAddress;
import io.github.bttracker.jmh.Samples;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Parsing 200 compact peer entries, IPv4 (6 bytes) and IPv6 (18 bytes). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CompactPeersBenchmark {

    private final byte[] ipv4 = Samples.compactPeers(200, 6);
    private final byte[] ipv6 = Samples.compactPeers(200, 18);

    @Benchmark
    public List<PeerAddress> parse200Ipv4Peers() {
        return CompactPeers.decode(ipv4, 6);
    }

    @Benchmark
    public List<PeerAddress> parse200Ipv6Peers() {
        return CompactPeers.decode(ipv6, 18);
    }
}
