package io.github.bttracker.internal.transport.http;

import static io.github.bttracker.internal.transport.http.EmbeddedPools.received;
import static io.github.bttracker.internal.transport.http.EmbeddedPools.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.bttracker.options.ConnectionOptions;
import io.github.bttracker.options.HttpOptions;
import io.github.bttracker.options.SafetyOptions;
import io.github.bttracker.core.TrackerException;
import io.github.bttracker.core.TrackerException.Kind;
import io.github.bttracker.internal.transport.http.HttpExchange.State;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The exchange's state machine, through embedded connections with the production pipeline and a clock the test
 * advances: the test plays the tracker with raw HTTP bytes.
 */
class HttpExchangeTest {

    static final String URL = "http://tracker.example:6969/announce";
    static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\npeers";

    HttpSettings options = new HttpSettings(ConnectionOptions.defaults(),
            HttpOptions.defaults().withReadTimeout(Duration.ofSeconds(20)).withMaxRedirects(2),
            SafetyOptions.defaults().withMaxResponseSize(100));
    EmbeddedPools pools = new EmbeddedPools(options);
    HttpExchange exchange;

    private CompletableFuture<HttpResult> get(String url) {
        return get(url, Duration.ofSeconds(30));
    }

    private CompletableFuture<HttpResult> get(String url, Duration timeout) {
        exchange = HttpExchange.start(URL, RequestUri.of(URI.create(url)), timeout, pools, options, null);
        return exchange.result();
    }

    private static String body(CompletableFuture<HttpResult> result) throws Exception {
        assertThat(result).isCompleted();
        return new String(result.get().body(), StandardCharsets.US_ASCII);
    }

    /** @return the connection the last request went out on, its request read */
    private EmbeddedChannel requestArrived() {
        EmbeddedChannel ch = pools.last();
        assertThat(received(ch)).startsWith("GET /");
        return ch;
    }

    /** The caller sees {@code kind} and {@code detail}; the exchange is FAILED. */
    private void assertFailed(CompletableFuture<HttpResult> result, Kind kind, String detail) {
        assertThat(result).failsWithin(Duration.ZERO).withThrowableThat().havingCause()
                .isInstanceOfSatisfying(TrackerException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.detail()).isEqualTo(detail);
                });
        assertThat(exchange.state()).isEqualTo(State.FAILED);
    }

    @Test
    void sendsTheGetAndCompletesWithTheResponseThenReleasesTheConnection() throws Exception {
        CompletableFuture<HttpResult> result = get(URL + "?info_hash=%01");
        EmbeddedChannel ch = pools.last();
        String request = received(ch);
        assertThat(exchange.state()).isEqualTo(State.SENT);
        assertThat(request).startsWith("GET /announce?info_hash=%01 HTTP/1.1\r\n")
                .contains("host: tracker.example:6969\r\n").contains("accept-encoding: gzip, deflate\r\n");
        assertThat(result).isNotDone();

        send(ch, OK);

        assertThat(body(result)).isEqualTo("peers");
        assertThat(result.get().status()).isEqualTo(200);
        assertThat(exchange.state()).isEqualTo(State.DONE);
        assertThat(ch.isActive()).isTrue();
        assertThat(pools.idle).containsExactly(ch);
    }

    @Test
    void reusesAKeptAliveConnectionForTheNextRequest() throws Exception {
        CompletableFuture<HttpResult> first = get(URL);
        EmbeddedChannel ch = requestArrived();
        send(ch, OK);
        assertThat(body(first)).isEqualTo("peers");

        CompletableFuture<HttpResult> second = get(URL + "?event=stopped");
        assertThat(received(ch)).startsWith("GET /announce?event=stopped HTTP/1.1");
        send(ch, "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nbye");

        assertThat(body(second)).isEqualTo("bye");
        assertThat(pools.opened).containsExactly(ch);
        assertThat(pools.releases).isEqualTo(2);
        assertThat(pools.idle).containsExactly(ch);
    }

    @Test
    void closesTheConnectionAfterAResponseWithConnectionClose() throws Exception {
        CompletableFuture<HttpResult> result = get(URL);
        EmbeddedChannel ch = requestArrived();

        send(ch, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 5\r\n\r\npeers");

        assertThat(body(result)).isEqualTo("peers");
        assertThat(exchange.state()).isEqualTo(State.DONE);
        assertThat(ch.isActive()).isFalse();
        assertThat(pools.idle).isEmpty();
    }

    @Test
    void skipsInformationalResponsesBeforeTheFinalOne() throws Exception {
        CompletableFuture<HttpResult> result = get(URL);
        EmbeddedChannel ch = requestArrived();

        send(ch, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </style.css>\r\n\r\n");
        assertThat(exchange.state()).isEqualTo(State.SENT);
        assertThat(result).isNotDone();

        send(ch, OK);
        assertThat(body(result)).isEqualTo("peers");
        assertThat(exchange.state()).isEqualTo(State.DONE);
    }

    @Test
    void followsARedirectToAnotherOriginOnANewConnection() throws Exception {
        CompletableFuture<HttpResult> result = get(URL);
        EmbeddedChannel first = pools.last();
        received(first);

        send(first, "HTTP/1.1 302 Found\r\nLocation: http://mirror.example/announce?x=1\r\nContent-Length: 0\r\n\r\n");

        assertThat(exchange.state()).isEqualTo(State.SENT);
        assertThat(pools.idle).as("the first connection went back to the pool").containsExactly(first);
        EmbeddedChannel second = pools.last();
        assertThat(second).isNotSameAs(first);
        assertThat(received(second)).startsWith("GET /announce?x=1 HTTP/1.1\r\n").contains("host: mirror.example\r\n");
        send(second, OK);
        assertThat(body(result)).isEqualTo("peers");
        assertThat(exchange.state()).isEqualTo(State.DONE);
    }

    @Test
    void failsOnTheRedirectBeyondTheLimit() {
        CompletableFuture<HttpResult> result = get(URL);
        for (int i = 0; i < 3; i++) {
            EmbeddedChannel ch = pools.last();
            assertThat(received(ch)).startsWith("GET /announce" + (i == 0 ? "" : i) + " HTTP/1.1");
            send(ch, "HTTP/1.1 301 Moved\r\nLocation: /announce" + (i + 1) + "\r\nContent-Length: 0\r\n\r\n");
        }

        assertFailed(result, Kind.REDIRECT, "more than 2 redirects");
        assertThat(pools.opened).as("one kept-alive connection for every hop").hasSize(1);
    }

    @Test
    void failsAfterTheReadTimeoutWithNoDataAndClosesTheConnection() {
        CompletableFuture<HttpResult> result = get(URL, Duration.ofSeconds(60));
        EmbeddedChannel ch = requestArrived();

        pools.advance(Duration.ofSeconds(19));
        send(ch, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\npe");
        assertThat(exchange.state()).isEqualTo(State.READING);
        pools.advance(Duration.ofSeconds(19));
        assertThat(result).as("data came within the read timeout").isNotDone();
        pools.advance(Duration.ofSeconds(1));

        assertFailed(result, Kind.TIMEOUT, "no data from the tracker for 20000 ms");
        assertThat(ch.isActive()).isFalse();
    }

    @Test
    void failsAtTheRequestDeadlineEvenWhileDataKeepsComing() {
        CompletableFuture<HttpResult> result = get(URL, Duration.ofSeconds(10));
        EmbeddedChannel ch = requestArrived();
        send(ch, "HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n");

        for (int i = 0; i < 9; i++) {
            pools.advance(Duration.ofSeconds(1));
            send(ch, "x");
        }
        assertThat(result).isNotDone();
        pools.advance(Duration.ofSeconds(1));

        assertFailed(result, Kind.TIMEOUT, "no complete response within 10000 ms");
        assertThat(ch.isActive()).isFalse();
    }

    @Test
    void failsWhenTheBodyGrowsBeyondTheSizeLimit() {
        CompletableFuture<HttpResult> result = get(URL);
        EmbeddedChannel ch = requestArrived();
        send(ch, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n40\r\n" + "a".repeat(64) + "\r\n");
        assertThat(exchange.state()).isEqualTo(State.READING);

        send(ch, "40\r\n" + "b".repeat(64) + "\r\n");

        assertFailed(result, Kind.TOO_LARGE, "the response is larger than the limit of 100 bytes");
        assertThat(ch.isActive()).isFalse();
        assertThat(pools.idle).isEmpty();
    }

    @Test
    void failsWhenTheTrackerClosesInTheMiddleOfTheBody() {
        CompletableFuture<HttpResult> result = get(URL);
        EmbeddedChannel ch = requestArrived();
        send(ch, "HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\nd8:complete");
        assertThat(exchange.state()).isEqualTo(State.READING);

        ch.close();

        assertFailed(result, Kind.CONNECTION_LOST, "Channel closed while still aggregating message");
        assertThat(pools.opened).as("a new connection is not retried").hasSize(1);
    }

    @Test
    void readsAChunkedBody() throws Exception {
        CompletableFuture<HttpResult> result = get(URL);
        EmbeddedChannel ch = requestArrived();

        send(ch, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\npee\r\n");
        assertThat(exchange.state()).isEqualTo(State.READING);
        send(ch, "2\r\nrs\r\n0\r\n\r\n");

        assertThat(body(result)).isEqualTo("peers");
        assertThat(exchange.state()).isEqualTo(State.DONE);
        assertThat(pools.idle).containsExactly(ch);
    }

    @Test
    void sendsAgainOnANewConnectionWhenTheServerClosesAKeptAliveOneBeforeAnswering() throws Exception {
        CompletableFuture<HttpResult> first = get(URL);
        EmbeddedChannel kept = pools.last();
        received(kept);
        send(kept, OK);
        body(first);
        pools.advance(Duration.ofSeconds(5));

        CompletableFuture<HttpResult> second = get(URL);
        assertThat(received(kept)).startsWith("GET /announce HTTP/1.1");
        kept.close(); // the server's idle timeout, as the request was on its way

        assertThat(exchange.state()).isEqualTo(State.SENT);
        EmbeddedChannel fresh = pools.last();
        assertThat(fresh).isNotSameAs(kept);
        assertThat(received(fresh)).startsWith("GET /announce HTTP/1.1");
        send(fresh, OK);
        assertThat(body(second)).isEqualTo("peers");
        assertThat(pools.closing).as("closed long after its last response: an idle timeout").isEmpty();
    }

    @Test
    void closesConnectionsOfAServerSeenClosingThemRightAfterAResponse() throws Exception {
        CompletableFuture<HttpResult> first = get(URL);
        EmbeddedChannel kept = pools.last();
        received(kept);
        send(kept, OK);
        body(first);

        CompletableFuture<HttpResult> second = get(URL);
        received(kept);
        kept.close();
        EmbeddedChannel fresh = pools.last();
        received(fresh);
        send(fresh, OK);

        assertThat(body(second)).isEqualTo("peers");
        assertThat(pools.closing).containsExactly(Origin.of(URI.create(URL)));
        assertThat(fresh.isActive()).as("not pooled: the server would close it").isFalse();
    }

    @Test
    void cancellingTheFutureClosesTheConnection() {
        CompletableFuture<HttpResult> result = get(URL);
        EmbeddedChannel ch = requestArrived();

        result.cancel(false);

        assertThat(exchange.state()).isEqualTo(State.FAILED);
        assertThat(ch.isActive()).isFalse();
        assertThat(pools.idle).isEmpty();
    }
}
