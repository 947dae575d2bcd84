package io.github.bttracker.it.hostile;

import static io.github.bttracker.it.hostile.HostileOutcomes.DEADLINE;
import static io.github.bttracker.it.hostile.HostileOutcomes.WAIT_SECONDS;
import static io.github.bttracker.it.hostile.HostileOutcomes.accepted;
import static io.github.bttracker.it.hostile.HostileOutcomes.fails;
import static io.github.bttracker.it.hostile.HostileOutcomes.refused;
import static io.github.bttracker.it.hostile.HostileOutcomes.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.TrackerException.Kind;
import io.github.bttracker.it.hostile.HostileOutcomes.Expected;
import io.github.bttracker.testing.EmbeddedTracker;
import io.github.bttracker.testing.RecordedDatagram;
import io.github.bttracker.testing.UdpBehaviour;
import io.github.bttracker.testing.internal.UdpProtocol;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A hostile UDP tracker (BEP 15), over the wire, with the client's default options. Each runtime is fresh, so an
 * announce is a connect then an announce: the connect is answered normally and the hostile behaviour applies to
 * the announce datagram.
 *
 * <p>Answers that must carry the announce's own transaction id (a short announce reply, an error with a
 * non-UTF-8 message...) cannot be scripted before the transaction id is known: the first transmission of the
 * announce is dropped, the test reads its transaction id from the tracker's log, and the scripted datagram
 * answers the retransmission (the same transaction id, 1 s later: the client's floor).
 *
 * <p>What the client documents: a datagram that is too short for its action, of an unknown action, from another
 * address, with an unknown transaction id or an action the request does not expect is dropped, never taken as an
 * error; the request is retransmitted and takes the next real answer, or times out within its deadline. An error
 * answer (action 3) is a refusal whose message is decoded as UTF-8 with replacement. A header-only announce answer
 * is a refusal. A peer list whose length fits no entry size is a MALFORMED_RESPONSE.
 */
class HostileUdpTrackerTest extends HostileTrackerBase {

    @RegisterExtension
    static final HostileOutcomes OUTCOMES = new HostileOutcomes("UDP");
    private static final int INTERVAL = EmbeddedTracker.DEFAULT_INTERVAL_SECONDS;

    /** How the tracker treats the announce datagram. */
    sealed interface Script {
    }

    /** These behaviours, for the announce datagram and (if more) for its retransmissions. */
    record Scripted(List<UdpBehaviour> behaviours) implements Script {
    }

    /** The first transmission dropped, the retransmission answered with this datagram, made for its transaction id. */
    record Crafted(IntFunction<byte[]> answer) implements Script {
    }

    record HostileDatagram(String name, Script script, Expected expected) {
    }

    static Stream<Arguments> hostileDatagrams() {
        return Stream.of(
                hostile("1-byte datagram before the answer", scripted(UdpBehaviour.garbageFirst(new byte[] {1})),
                        realAnswer("dropped, the real answer taken")),
                hostile("7-byte datagram before the answer",
                        scripted(UdpBehaviour.garbageFirst(new byte[] {0, 0, 0, 1, 0, 0, 0})),
                        realAnswer("dropped, the real answer taken")),
                hostile("announce reply of 19 bytes with the right transaction id",
                        crafted(tx -> header(UdpProtocol.ANNOUNCE, tx, 11).array()),
                        realAnswer("dropped, the retransmission answered")),
                hostile("announce reply of the 8-byte header only with the right transaction id",
                        crafted(tx -> header(UdpProtocol.ANNOUNCE, tx, 0).array()),
                        refused("the tracker refused the announce without a message")),
                hostile("oversized 65,000-byte datagram before the answer",
                        scripted(UdpBehaviour.garbageFirst(oversizedAnnounceReply(0x0BAD_F00D))),
                        realAnswer("dropped, the real answer taken")),
                // UdpChannel.RECEIVE_SLOT: a datagram longer than UdpProtocol.MAX_ANSWER is dropped on arrival
                hostile("oversized 65,000-byte announce reply with the right transaction id",
                        crafted(HostileUdpTrackerTest::oversizedAnnounceReply),
                        realAnswer("dropped, the retransmission answered")),
                hostile("scrape reply to an announce, right transaction id",
                        crafted(tx -> header(UdpProtocol.SCRAPE, tx, 12).putInt(1).putInt(2).putInt(3).array()),
                        realAnswer("dropped (wrong action), the retransmission answered")),
                hostile("unknown action 0x7fffffff before the answer",
                        scripted(UdpBehaviour.garbageFirst(header(0x7FFF_FFFF, 42, 12).array())),
                        realAnswer("dropped, the real answer taken")),
                hostile("answer with a foreign transaction id", scripted(UdpBehaviour.wrongTransactionId()),
                        realAnswer("dropped, the retransmission answered")),
                hostile("foreign transaction id on every transmission", scripted(
                                UdpBehaviour.wrongTransactionId(), UdpBehaviour.wrongTransactionId(),
                                UdpBehaviour.wrongTransactionId()),
                        fails(Kind.TIMEOUT, "no answer")),
                hostile("answer from another socket", scripted(UdpBehaviour.fromOtherSocket()),
                        realAnswer("dropped, the retransmission answered")),
                hostile("peer list of 7 bytes", crafted(tx -> header(UdpProtocol.ANNOUNCE, tx, 12 + 7)
                                .putInt(INTERVAL).putInt(0).putInt(0)
                                .put(new byte[] {10, 0, 0, 1, 0x1A, (byte) 0xE1, 9}).array()),
                        fails(Kind.MALFORMED_RESPONSE, "compact peer list of 7 bytes is not a multiple of 6")),
                hostile("error reply with the non-UTF-8 message 0xff 0xfe", crafted(tx ->
                                header(UdpProtocol.ERROR, tx, 13).put("banned ".getBytes())
                                        .put(new byte[] {(byte) 0xFF, (byte) 0xFE}).put(" now".getBytes()).array()),
                        refused("banned \uFFFD\uFFFD now")),
                hostile("64 random bytes before the answer",
                        scripted(UdpBehaviour.garbageFirst(randomBytes(64, 15))),
                        realAnswer("dropped, the real answer taken")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileDatagrams")
    void aHostileDatagramFailsOrIsDroppedAndTheNextAnnounceWorks(HostileDatagram hostile) throws Exception {
        String url = tracker.udpAnnounceUrl();
        OUTCOMES.run(hostile.name(), () -> {
            tracker.udp().enqueue(UdpBehaviour.normal()); // the connect
            CompletableFuture<AnnounceResponse> announce;
            if (hostile.script() instanceof Scripted scripted) {
                scripted.behaviours().forEach(tracker.udp()::enqueue);
                announce = runtime.announce(url, request(1), DEADLINE);
            } else {
                tracker.udp().enqueue(UdpBehaviour.drop());
                announce = runtime.announce(url, request(1), DEADLINE);
                int transactionId = takeAnnounce().transactionId();
                tracker.udp().enqueue(UdpBehaviour.raw(((Crafted) hostile.script()).answer().apply(transactionId)));
            }
            String outcome = HostileOutcomes.observe(url, announce, hostile.expected());

            AnnounceResponse next = runtime.announce(url, request(2), DEADLINE).get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(next.isSuccess()).as("the next announce after %s", hostile.name()).isTrue();
            assertThat(next.interval()).hasValue(Duration.ofSeconds(INTERVAL));
            return outcome;
        });
    }

    /** The first announce datagram the tracker received, skipping the connect before it. */
    private RecordedDatagram takeAnnounce() {
        for (;;) {
            RecordedDatagram datagram = tracker.udp().take(Duration.ofSeconds(WAIT_SECONDS));
            if (datagram.isAnnounce()) {
                return datagram;
            }
        }
    }

    private static Arguments hostile(String name, Script script, Expected expected) {
        return Arguments.of(Named.of(name, new HostileDatagram(name, script, expected)));
    }

    private static Script scripted(UdpBehaviour... behaviours) {
        return new Scripted(List.of(behaviours));
    }

    private static Script crafted(IntFunction<byte[]> answer) {
        return new Crafted(answer);
    }

    /** The tracker's real answer, for a torrent nobody else is in: its interval and no peers. */
    private static Expected realAnswer(String what) {
        Consumer<AnnounceResponse> isTheRealAnswer = response -> {
            String taken = "the answer taken has interval " + response.interval().map(Duration::toSeconds)
                    .map(s -> s + " s").orElse("none") + " and " + response.peers().size() + " peers"
                    + response.peers().stream().findFirst().map(p -> " (" + p + "...)").orElse("");
            assertThat(response.interval()).as(taken).hasValue(Duration.ofSeconds(INTERVAL));
            assertThat(response.peers()).as(taken).isEmpty();
        };
        return accepted(what, isTheRealAnswer);
    }

    /** Action, transaction id, and room for {@code body} more bytes. */
    private static ByteBuffer header(int action, int transactionId, int body) {
        return ByteBuffer.allocate(8 + body).putInt(action).putInt(transactionId);
    }

    /**
     * An announce answer of 65,000 bytes: interval 7 s, then 10,830 entries of 10.0.0.1:6881. Anything a client
     * takes from it shows as an interval of 7 s and peers at 10.0.0.1.
     */
    private static byte[] oversizedAnnounceReply(int transactionId) {
        ByteBuffer out = header(UdpProtocol.ANNOUNCE, transactionId, 65_000 - 8).putInt(7).putInt(0).putInt(0);
        while (out.hasRemaining()) {
            out.put(new byte[] {10, 0, 0, 1, 0x1A, (byte) 0xE1});
        }
        return out.array();
    }

    private static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
