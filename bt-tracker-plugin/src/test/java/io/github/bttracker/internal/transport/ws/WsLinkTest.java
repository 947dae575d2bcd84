package io.github.bttracker.internal.transport.ws;

import static io.github.bttracker.internal.transport.ws.EmbeddedConnector.written;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.bttracker.core.TrackerException;
import io.github.bttracker.internal.transport.ws.WsLink.State;
import io.github.bttracker.options.ConnectionOptions;
import io.github.bttracker.options.HttpOptions;
import io.github.bttracker.options.SafetyOptions;
import io.github.bttracker.options.WebSocketOptions;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The link's state machine, driven through embedded channels and a clock the test advances. */
class WsLinkTest {

    static final String URL = "ws://tracker.example:8000/announce";

    final ManualScheduler clock = new ManualScheduler();
    final EmbeddedConnector tracker = new EmbeddedConnector();
    final Recorder listener = new Recorder();
    /** The jitter's random numbers, one per back-off; 0.5 means none. */
    final ArrayDeque<Double> randoms = new ArrayDeque<>();
    final WsLink link = new WsLink(URL, URI.create(URL), new WsSettings(ConnectionOptions.defaults(),
            HttpOptions.defaults().withIdleConnectionTimeout(Duration.ofSeconds(30)),
            WebSocketOptions.defaults().withPingInterval(Duration.ofSeconds(30)), SafetyOptions.defaults()),
            clock, () -> randoms.isEmpty() ? 0.5 : randoms.poll(), tracker, listener);

    /** Records what the link tells its user. */
    final class Recorder implements WsLink.Listener {
        int opened;
        final List<TrackerException> connectFailures = new ArrayList<>();
        int dropped;
        final List<String> received = new ArrayList<>();
        boolean wantsConnection;
        boolean inUse;
        int closedUnused;
        List<String> unanswered = List.of();

        @Override
        public void opened() {
            opened++;
        }

        @Override
        public void connectFailed(TrackerException cause) {
            connectFailures.add(cause);
        }

        @Override
        public void dropped() {
            dropped++;
            unanswered.forEach(link::requeue);
        }

        @Override
        public void received(String text) {
            received.add(text);
        }

        @Override
        public boolean wantsConnection() {
            return wantsConnection;
        }

        @Override
        public boolean inUse() {
            return inUse;
        }

        @Override
        public void closedUnused() {
            closedUnused++;
        }
    }

    private EmbeddedChannel open() {
        assertThat(link.send("hello")).isEmpty();
        assertThat(link.state()).isEqualTo(State.CONNECTING);
        EmbeddedChannel ch = tracker.accept();
        assertThat(link.state()).isEqualTo(State.OPEN);
        assertThat(written(ch)).containsExactly("hello");
        return ch;
    }

    @Test
    void connectsOnFirstMessageAndSendsWhatWaitedOnceOpen() {
        assertThat(link.state()).isEqualTo(State.IDLE);
        assertThat(tracker.attempts()).isZero();

        link.send("first");
        link.send("second");
        assertThat(link.state()).isEqualTo(State.CONNECTING);
        assertThat(tracker.attempts()).isEqualTo(1);
        assertThat(written(tracker.last())).isEmpty();

        EmbeddedChannel ch = tracker.accept();
        assertThat(listener.opened).isEqualTo(1);
        assertThat(written(ch)).containsExactly("first", "second");

        link.send("third");
        assertThat(written(ch)).containsExactly("third");
        ch.writeInbound(new TextWebSocketFrame("reply"));
        assertThat(listener.received).containsExactly("reply");
    }

    @Test
    void failedConnectBacksOffFromOneSecondDoublingUpToSixtySeconds() {
        listener.wantsConnection = true;
        tracker.refusal = new ConnectException("Connection refused");

        link.send("announce");

        assertThat(listener.connectFailures).singleElement()
                .satisfies(e -> assertThat(e.kind()).isEqualTo(TrackerException.Kind.CONNECT));
        List<Long> waits = new ArrayList<>();
        for (int attempt = 1; attempt <= 9; attempt++) {
            assertThat(link.state()).isEqualTo(State.BACKING_OFF);
            assertThat(tracker.attempts()).isEqualTo(attempt);
            Duration wait = clock.nextTimer();
            waits.add(wait.toMillis());
            clock.advance(wait.minusMillis(1));
            assertThat(tracker.attempts()).as("no attempt before the back-off ends").isEqualTo(attempt);
            clock.advance(Duration.ofMillis(1));
        }
        assertThat(waits).containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 32_000L, 60_000L, 60_000L,
                60_000L);
    }

    @Test
    void backOffIsSpreadByAQuarterEitherWay() {
        listener.wantsConnection = true;
        tracker.refusal = new ConnectException("Connection refused");
        randoms.addAll(List.of(0.0, 0.999_999, 0.0, 0.999_999));

        link.send("announce");
        assertThat(clock.nextTimer()).isEqualTo(Duration.ofMillis(750));
        clock.advance(Duration.ofMillis(750));
        assertThat(clock.nextTimer()).isEqualTo(Duration.ofMillis(2_499));
        clock.advance(Duration.ofMillis(2_499));
        assertThat(clock.nextTimer()).isEqualTo(Duration.ofMillis(3_000));
        clock.advance(Duration.ofMillis(3_000));
        assertThat(clock.nextTimer()).isEqualTo(Duration.ofMillis(9_999));
        assertThat(tracker.attempts()).isEqualTo(4);
    }

    @Test
    void messagesWhileBackingOffFromAFailedConnectAreRefusedAtOnceWithItsCause() {
        listener.wantsConnection = true;
        tracker.refusal = new ConnectException("Connection refused");
        link.send("announce");
        clock.advance(Duration.ofMillis(400));

        Optional<TrackerException> refused = link.send("scrape");

        assertThat(refused).hasValueSatisfying(e -> {
            assertThat(e.kind()).isEqualTo(TrackerException.Kind.CONNECT);
            assertThat(e.detail()).contains("Connection refused").endsWith("(trying again in 600 ms)");
        });
        assertThat(tracker.attempts()).isEqualTo(1);
    }

    @Test
    void failedConnectThatNothingWantsRetriedStaysIdleAndConnectsAgainOnTheNextMessage() {
        tracker.refusal = new ConnectException("Connection refused");
        link.send("scrape");
        assertThat(link.state()).isEqualTo(State.IDLE);
        assertThat(clock.nextTimer()).isNull();

        tracker.refusal = null;
        link.send("scrape again");
        assertThat(tracker.attempts()).isEqualTo(2);
        assertThat(written(tracker.accept())).containsExactly("scrape again");
    }

    @Test
    void brokenConnectionReconnectsAfterOneSecondAndSendsTheUnansweredMessagesAgain() {
        EmbeddedChannel first = open();
        listener.wantsConnection = true;
        listener.unanswered = List.of("announce A", "scrape");

        first.close();

        assertThat(listener.dropped).isEqualTo(1);
        assertThat(listener.connectFailures).isEmpty();
        assertThat(link.state()).isEqualTo(State.BACKING_OFF);
        assertThat(clock.nextTimer()).isEqualTo(Duration.ofSeconds(1));
        assertThat(link.send("announce B")).as("waits for the next connection").isEmpty();

        clock.advance(Duration.ofSeconds(1));
        assertThat(link.state()).isEqualTo(State.CONNECTING);
        EmbeddedChannel second = tracker.accept();

        assertThat(link.state()).isEqualTo(State.OPEN);
        assertThat(listener.opened).isEqualTo(2);
        assertThat(written(second)).containsExactly("announce A", "scrape", "announce B");
    }

    @Test
    void brokenConnectionThatNothingWantsStaysIdle() {
        EmbeddedChannel ch = open();
        ch.close();
        assertThat(link.state()).isEqualTo(State.IDLE);
        assertThat(clock.nextTimer()).isNull();
    }

    @Test
    void pingsAQuietConnectionAndTakesTwoSilentIntervalsForDead() {
        EmbeddedChannel ch = open();
        listener.wantsConnection = true;

        ch.advanceTimeBy(30, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        Object ping = ch.readOutbound();
        assertThat(ping).isInstanceOf(PingWebSocketFrame.class);
        ReferenceCountUtil.release(ping);
        assertThat(link.state()).isEqualTo(State.OPEN);

        ch.advanceTimeBy(30, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();

        assertThat(ch.isOpen()).isFalse();
        assertThat(link.state()).isEqualTo(State.BACKING_OFF);
        assertThat(link.lastError()).isEqualTo("nothing received for 60000 ms");
    }

    @Test
    void closesWhenUnusedForTheIdleTimeout() {
        EmbeddedChannel ch = open();

        link.closeWhenUnused();
        clock.advance(Duration.ofSeconds(30).minusMillis(1));
        assertThat(link.state()).isEqualTo(State.OPEN);
        clock.advance(Duration.ofMillis(1));

        assertThat(link.state()).isEqualTo(State.CLOSED);
        assertThat(ch.isOpen()).isFalse();
        assertThat(listener.closedUnused).isEqualTo(1);
    }

    @Test
    void staysOpenWhileUsedOrWhenAMessageCancelsTheIdleClose() {
        EmbeddedChannel ch = open();

        listener.inUse = true;
        link.closeWhenUnused();
        assertThat(clock.nextTimer()).as("in use: no idle close").isNull();

        listener.inUse = false;
        link.closeWhenUnused();
        clock.advance(Duration.ofSeconds(10));
        link.cancelCloseWhenUnused();
        clock.advance(Duration.ofMinutes(5));

        assertThat(link.state()).isEqualTo(State.OPEN);
        assertThat(ch.isOpen()).isTrue();
        assertThat(listener.closedUnused).isZero();
    }

    @Test
    void closeIsFinalEvenWhileBackingOff() {
        listener.wantsConnection = true;
        tracker.refusal = new ConnectException("Connection refused");
        link.send("announce");
        assertThat(link.state()).isEqualTo(State.BACKING_OFF);

        link.close();
        clock.advance(Duration.ofMinutes(5));

        assertThat(link.state()).isEqualTo(State.CLOSED);
        assertThat(tracker.attempts()).isEqualTo(1);
        assertThat(clock.nextTimer()).isNull();
    }
}
