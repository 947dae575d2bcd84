package io.github.bttracker.internal.transport.http;

import io.github.bttracker.core.AnnounceEvent;
import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.core.TrackerException;
import io.github.bttracker.internal.bencode.BencodeLimits;
import io.github.bttracker.jmh.Samples;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** The HTTP hot path: encoding an announce's query string, and mapping a 200-peer response to the API value. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HttpCodecBenchmark {

    private static final String URL = "http://tracker.example:6969/announce?passkey=0123456789abcdef";

    private final RequestUri announceUrl = RequestUri.of(URI.create(URL));
    // binary info hash and peer id: most bytes need percent-encoding
    private final AnnounceRequest request = AnnounceRequest.builder(
                    InfoHash.fromHex("d2474e86c95b19b8bcfdb92bc12c9d44667cfa36"),
                    PeerId.fromHex("2d4254303130302d8a7c31f0e2d4c6b8a0f1e2d3"), 6881)
            .event(AnnounceEvent.STARTED).uploaded(123_456_789L).downloaded(987_654_321L).left(1L << 40)
            .numWant(50).key(0x1234abcd).build();
    private final byte[] response = Samples.httpAnnounceResponse(200);
    private final BencodeLimits limits = BencodeLimits.defaults();

    @Benchmark
    public RequestUri encodeAnnounceQuery() {
        return AnnounceQuery.request(announceUrl, request);
    }

    @Benchmark
    public AnnounceResponse map200PeerResponse() throws TrackerException {
        return AnnounceResponseMapper.map(URL, response, limits);
    }
}
