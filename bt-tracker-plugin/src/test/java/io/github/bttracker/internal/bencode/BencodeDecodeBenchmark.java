package io.github.bttracker.internal.bencode;

import io.github.bttracker.jmh.Samples;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Decoding an HTTP announce response with 200 compact peers, through the strict bounded decoder. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BencodeDecodeBenchmark {

    private final byte[] response = Samples.httpAnnounceResponse(200);

    @Benchmark
    public BencodeValue decode200PeerResponse() throws BencodeException {
        return BencodeDecoder.decode(response);
    }
}
