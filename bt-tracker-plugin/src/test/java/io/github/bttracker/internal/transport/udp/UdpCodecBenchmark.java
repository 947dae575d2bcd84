package io.github.bttracker.internal.transport.udp;

import io.github.bttracker.core.AnnounceEvent;
import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerAddress;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.jmh.Samples;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** BEP 15 packets: encoding an announce (with BEP 41 URL data), decoding an announce reply with 200 peers. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class UdpCodecBenchmark {

    private final AnnounceRequest request = AnnounceRequest.builder(
                    InfoHash.fromHex("d2474e86c95b19b8bcfdb92bc12c9d44667cfa36"),
                    PeerId.fromHex("2d4254303130302d8a7c31f0e2d4c6b8a0f1e2d3"), 6881)
            .event(AnnounceEvent.STARTED).uploaded(123_456_789L).downloaded(987_654_321L).left(1L << 40)
            .numWant(50).key(0x1234abcd).build();
    private final String urlData = "/announce?passkey=0123456789abcdef";
    private final ByteBuf out = Unpooled.directBuffer(UdpRequests.announceLength(urlData));
    private final ByteBuf reply = announceReply(200);

    private static ByteBuf announceReply(int peers) {
        ByteBuf b = Unpooled.directBuffer();
        b.writeInt(UdpProtocol.ACTION_ANNOUNCE).writeInt(0x0badcafe).writeInt(1800).writeInt(80).writeInt(120);
        b.writeBytes(Samples.compactPeers(peers, 6));
        return b;
    }

    @Benchmark
    public ByteBuf encodeAnnounce() {
        out.clear();
        UdpRequests.announce(out, 0x41727101980L, 0x0badcafe, request, urlData);
        return out;
    }

    @Benchmark
    public List<PeerAddress> decodeAnnounceReplyWith200Peers() throws UdpResponseDecoder.MalformedDatagramException {
        UdpResponse.Announced announced = (UdpResponse.Announced) UdpResponseDecoder.decode(reply.duplicate());
        return UdpPeerEntries.decode(announced.peers(), false);
    }

    @TearDown
    public void release() {
        out.release();
        reply.release();
    }
}
