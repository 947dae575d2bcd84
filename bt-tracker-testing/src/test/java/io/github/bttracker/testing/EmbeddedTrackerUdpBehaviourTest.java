package io.github.bttracker.testing;

import static io.github.bttracker.testing.TrackerTestSupport.id;
import static io.github.bttracker.testing.TrackerTestSupport.udpClient;
import static io.github.bttracker.testing.internal.BareUdpClient.announceRequest;
import static io.github.bttracker.testing.internal.BareUdpClient.connectRequest;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.bttracker.testing.internal.BareUdpClient.Reply;
import io.github.bttracker.testing.internal.BareUdpClient;
import io.github.bttracker.testing.internal.UdpProtocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EmbeddedTrackerUdpBehaviourTest {
    private static final byte[] HASH = id(0x55);

    private final EmbeddedTracker tracker = EmbeddedTracker.start();
    private final BareUdpClient client = udpClient(tracker);

    @AfterEach
    void close() {
        client.close();
        tracker.close();
    }

    @Test
    void dropRecordsTheDatagramAndAnswersNothing() {
        long connectionId = client.connect(1);
        tracker.udp().take();
        tracker.udp().enqueue(UdpBehaviour.drop());

        client.send(announceRequest(connectionId, 2, HASH, id(1), UdpProtocol.EVENT_STARTED, 10, 6881, 0, -1,
                new byte[0]));

        client.assertNothingArrives();
        assertThat(tracker.udp().take().isAnnounce()).isTrue();
        assertThat(tracker.peers(HASH)).isEmpty();
        assertThat(client.announce(connectionId, 3, HASH, id(1), UdpProtocol.EVENT_STARTED, 10, 6881).action())
                .isEqualTo(UdpProtocol.ANNOUNCE);
    }

    @Test
    void enqueuesSeveralCopiesAtOnce() {
        tracker.udp().enqueue(UdpBehaviour.drop(), 3);

        for (int transactionId = 1; transactionId <= 4; transactionId++) {
            client.send(connectRequest(transactionId));
        }

        assertThat(client.receive().transactionId()).isEqualTo(4);
        client.assertNothingArrives();
        assertThat(tracker.udp().count()).isEqualTo(4);
        assertThat(tracker.udp().connectCount()).isEqualTo(4);
    }

    @Test
    void duplicateSendsTheAnswerTwice() {
        tracker.udp().enqueue(UdpBehaviour.duplicate());

        client.send(connectRequest(5));

        Reply first = client.receive();
        Reply second = client.receive();
        assertThat(first.transactionId()).isEqualTo(5);
        assertThat(second.bytes()).isEqualTo(first.bytes());
        client.assertNothingArrives();
    }

    @Test
    void holdUntilNextSwapsTwoAnswers() {
        tracker.udp().enqueue(UdpBehaviour.holdUntilNext());

        client.send(connectRequest(1));
        assertThat(client.receiveWithin(Duration.ofMillis(100))).isEmpty();
        client.send(connectRequest(2));

        assertThat(client.receive().transactionId()).isEqualTo(2);
        assertThat(client.receive().transactionId()).isEqualTo(1);
    }

    @Test
    void fromOtherSocketAnswersFromAnotherPort() {
        tracker.udp().enqueue(UdpBehaviour.fromOtherSocket());

        client.send(connectRequest(3));
        Reply reply = client.receive();

        assertThat(reply.transactionId()).isEqualTo(3);
        assertThat(reply.source().getAddress()).isEqualTo(tracker.address());
        assertThat(reply.source().getPort()).isNotEqualTo(tracker.udpPort());
        assertThat(client.connect(4)).isNotZero();
    }

    @Test
    void wrongTransactionIdNeverSendsTheRightOne() {
        tracker.udp().enqueue(UdpBehaviour.wrongTransactionId());

        client.send(connectRequest(6));
        Reply reply = client.receive();

        assertThat(reply.action()).isEqualTo(UdpProtocol.CONNECT);
        assertThat(reply.transactionId()).isNotEqualTo(6);
        client.assertNothingArrives();
    }

    @Test
    void garbageFirstPrecedesTheNormalAnswer() {
        byte[] garbage = {0, 0, 0, 0, 0, 0, 0, 7, 1};
        tracker.udp().enqueue(UdpBehaviour.garbageFirst(garbage));

        client.send(connectRequest(7));

        assertThat(client.receive().bytes()).isEqualTo(garbage);
        Reply answer = client.receive();
        assertThat(answer.action()).isEqualTo(UdpProtocol.CONNECT);
        assertThat(answer.transactionId()).isEqualTo(7);
    }

    @Test
    void errorAnswersWithTheMessageAndLeavesTheSwarmAlone() {
        long connectionId = client.connect(1);
        tracker.udp().enqueue(UdpBehaviour.error("torrent not registered"));

        Reply reply = client.announce(connectionId, 8, HASH, id(1), UdpProtocol.EVENT_STARTED, 10, 6881);

        assertThat(reply.transactionId()).isEqualTo(8);
        assertThat(reply.errorMessage()).isEqualTo("torrent not registered");
        assertThat(tracker.peers(HASH)).isEmpty();
    }

    @Test
    void rawSendsExactlyTheseBytes() {
        byte[] raw = {0, 0, 0, 1, 0, 0, 0, 9};
        tracker.udp().enqueue(UdpBehaviour.raw(raw));

        client.send(connectRequest(9));

        assertThat(client.receive().bytes()).isEqualTo(raw);
        client.assertNothingArrives();
    }

    @Test
    void delayHoldsTheAnswerBack() {
        tracker.udp().enqueue(UdpBehaviour.delay(Duration.ofMillis(400)));
        long sent = System.nanoTime();

        client.send(connectRequest(10));

        assertThat(client.receiveWithin(Duration.ofMillis(150))).isEmpty();
        assertThat(client.receive().transactionId()).isEqualTo(10);
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void behavioursApplyInOrderWhateverTheAction() {
        tracker.udp().enqueue(UdpBehaviour.error("first"));
        tracker.udp().enqueue(UdpBehaviour.normal());
        tracker.udp().enqueue(UdpBehaviour.error("third"));

        client.send(new byte[] {1, 2, 3});
        Reply first = client.receive();
        long connectionId = client.connect(2);
        client.send(BareUdpClient.scrapeRequest(connectionId, 3, HASH));

        assertThat(first.errorMessage()).isEqualTo("first");
        assertThat(first.transactionId()).isZero();
        assertThat(client.receive().errorMessage()).isEqualTo("third");
        assertThat(client.connect(4)).isNotZero();
    }

    @Test
    void losesEveryInboundDatagramAtRateOne() {
        tracker.udp().setLossRate(1, 0, 1);

        client.send(connectRequest(1));

        client.assertNothingArrives();
        assertThat(tracker.udp().count()).isZero();
        tracker.udp().setLossRate(0, 0, 1);
        assertThat(client.connect(2)).isNotZero();
    }

    @Test
    void losesEveryOutboundDatagramAtRateOne() {
        tracker.udp().setLossRate(0, 1, 1);

        client.send(connectRequest(1));

        client.assertNothingArrives();
        assertThat(tracker.udp().take().isConnect()).isTrue();
    }

    @Test
    void losesSomeDatagramsBothWaysAtRandom() {
        int sent = 40;
        tracker.udp().setLossRate(0.3, 0.3, 42);

        for (int transactionId = 0; transactionId < sent; transactionId++) {
            client.send(connectRequest(transactionId));
        }
        List<Integer> answered = new ArrayList<>();
        for (Optional<Reply> reply = client.receiveWithin(BareUdpClient.SILENCE); reply.isPresent();
                reply = client.receiveWithin(BareUdpClient.SILENCE)) {
            answered.add(reply.get().transactionId());
        }

        assertThat(tracker.udp().count()).isBetween(1, sent - 1);
        assertThat(answered).hasSizeBetween(1, tracker.udp().count() - 1).doesNotHaveDuplicates();
    }
}
