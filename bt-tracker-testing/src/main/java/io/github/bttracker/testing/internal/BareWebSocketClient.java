package io.github.bttracker.testing.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A bare JDK {@link WebSocket} client, for tests that check what a WebSocket (WebTorrent) tracker answers
 * independently of the tracker client under test: sends JSON text, queues every text message received (fragments
 * joined), and notices when the tracker closes the connection. Ids are protocol strings of one character per byte.
 * Not API.
 */
public final class BareWebSocketClient implements AutoCloseable {
    /** The JSON codec of the messages built here. */
    public static final ObjectMapper JSON = new ObjectMapper();
    /** How long connecting, sending, {@link #receive()} and {@link #awaitClosed()} wait. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private BareWebSocketClient(String url, HttpClient client) {
        Listener listener = new Listener();
        try {
            this.socket = client.newWebSocketBuilder()
                    .connectTimeout(TIMEOUT)
                    .buildAsync(URI.create(url), listener)
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot connect to " + url, e);
        }
    }

    /** Connects with a default JDK {@link HttpClient}. */
    public static BareWebSocketClient connect(String url) {
        return new BareWebSocketClient(url, HttpClient.newHttpClient());
    }

    /** Connects with this client, e.g. one trusting a test certificate authority for {@code wss://}. */
    public static BareWebSocketClient connect(String url, HttpClient client) {
        return new BareWebSocketClient(url, client);
    }

    /** The protocol string standing for {@code bytes}. */
    public static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** The bytes a protocol string stands for. */
    public static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code {"action":"announce","info_hash":...,"peer_id":...,"uploaded":0,"downloaded":0,"left":left}}. */
    public static ObjectNode announce(byte[] infoHash, byte[] peerId, long left) {
        ObjectNode announce = JSON.createObjectNode();
        announce.put("action", "announce");
        announce.put("info_hash", latin1(infoHash));
        announce.put("peer_id", latin1(peerId));
        announce.put("uploaded", 0);
        announce.put("downloaded", 0);
        announce.put("left", left);
        return announce;
    }

    /** Adds offers with these ids, each with an SDP naming its id, and {@code numwant} as many. */
    public static ObjectNode withOffers(ObjectNode announce, List<String> offerIds) {
        announce.put("numwant", offerIds.size());
        var offers = announce.putArray("offers");
        for (String offerId : offerIds) {
            ObjectNode offer = offers.addObject();
            offer.put("offer_id", offerId);
            offer.putObject("offer").put("type", "offer").put("sdp", "v=0 offer " + offerId);
        }
        return announce;
    }

    /** An answer from {@code peerId} to the offer {@code offerId} of {@code toPeerId}, with an SDP naming it. */
    public static ObjectNode answer(byte[] infoHash, byte[] peerId, byte[] toPeerId, String offerId) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("action", "announce");
        answer.put("info_hash", latin1(infoHash));
        answer.put("peer_id", latin1(peerId));
        answer.put("to_peer_id", latin1(toPeerId));
        answer.put("offer_id", offerId);
        answer.putObject("answer").put("type", "answer").put("sdp", "v=0 answer " + offerId);
        return answer;
    }

    /** Sends {@code message} as one text frame. */
    public void send(JsonNode message) {
        try {
            send(JSON.writeValueAsString(message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends {@code text} as one text frame. */
    public void send(String text) {
        try {
            socket.sendText(text, true).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot send", e);
        }
    }

    /** The next text message; throws {@link AssertionError} if none comes within {@link #TIMEOUT}. */
    public String receiveText() {
        String message = poll(TIMEOUT);
        if (message == null) {
            throw new AssertionError("no message from the tracker within " + TIMEOUT);
        }
        return message;
    }

    /** The next message, parsed. */
    public JsonNode receive() {
        try {
            return JSON.readTree(receiveText());
        } catch (JsonProcessingException e) {
            throw new AssertionError("the tracker sent invalid JSON", e);
        }
    }

    /** The next message, or null if none comes within {@code timeout}. */
    public String poll(Duration timeout) {
        try {
            return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * How the connection ended, waiting up to 5 seconds: {@code "close <code> <reason>"} for a close frame,
     * {@code "error ..."} for a connection that just went away.
     */
    public String awaitClosed() {
        try {
            return closed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("the tracker did not close the connection within " + TIMEOUT, e);
        }
    }

    /** Whether the tracker closed the connection, or it went away. */
    public boolean isClosed() {
        return closed.isDone();
    }

    /** Closes the connection abruptly (no close frame), as a client that crashes. */
    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete("close " + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete("error " + error);
        }
    }
}
