package io.github.bttracker.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bttracker.core.AnnounceEvent;
import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.core.TrackerException;
import io.github.bttracker.core.TrackerException.Kind;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * What a user of the runtime sees of one hostile input: the outcome of the announce, checked against what is
 * expected, and recorded for the one-line summary each hostile test class prints at the end (registered as an
 * extension, it prints it itself).
 */
final class HostileOutcomes implements org.junit.jupiter.api.extension.AfterAllCallback {

    /** The caller's timeout of every announce. */
    static final Duration DEADLINE = Duration.ofSeconds(5);
    /** How long the test waits for the outcome: far beyond the deadline, so that only a hang exceeds it. */
    static final long WAIT_SECONDS = 15;

    private static final int MAX_DETAIL = 110;

    /** What the user must see of one hostile input. */
    sealed interface Expected permits Refused, Fails, Accepted {
    }

    /** A failed {@link AnnounceResponse}: the tracker refused, in its own (readable) words. */
    record Refused(String fragment) implements Expected {
    }

    /** A {@link TrackerException} of this kind whose message names the tracker and contains the fragment. */
    record Fails(Kind kind, String fragment) implements Expected {
    }

    /**
     * A successful response: the documented outcome where the hostile part is dropped (garbage datagrams, a
     * dropped connection the request is re-sent on) or where a value is ignored or taken as it is.
     */
    record Accepted(String what, Consumer<AnnounceResponse> check) implements Expected {
    }

    static Expected refused(String fragment) {
        return new Refused(fragment);
    }

    static Expected fails(Kind kind, String fragment) {
        return new Fails(kind, fragment);
    }

    static Expected accepted(String what, Consumer<AnnounceResponse> check) {
        return new Accepted(what, check);
    }

    /** A body of work that yields the outcome it observed. */
    interface Case {
        String run() throws Exception;
    }

    private final String protocol;
    private final Queue<String> outcomes = new ConcurrentLinkedQueue<>();

    HostileOutcomes(String protocol) {
        this.protocol = protocol;
    }

    /** Runs one hostile case and records its outcome, or what went wrong if it failed, then rethrows. */
    void run(String caseName, Case body) throws Exception {
        try {
            outcomes.add(caseName + " -> " + body.run());
        } catch (Exception | AssertionError e) {
            outcomes.add(caseName + " -> UNEXPECTED " + e.getClass().getSimpleName() + ": "
                    + abbreviate(oneLine(e.getMessage())));
            throw e;
        }
    }

    /**
     * Waits for the announce's outcome and checks it: it must come within {@link #WAIT_SECONDS} (the request's
     * own deadline is {@link #DEADLINE}), as the expected kind of outcome, never as an Error.
     *
     * @return the outcome in a few words, for the summary
     */
    static String observe(String trackerUrl, CompletableFuture<AnnounceResponse> future, Expected expected)
            throws InterruptedException {
        AnnounceResponse response;
        try {
            response = future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AssertionError("no outcome within " + WAIT_SECONDS + " s although the caller's deadline was "
                    + DEADLINE.toSeconds() + " s: the request hangs", e);
        } catch (ExecutionException e) {
            return failure(trackerUrl, e.getCause(), expected);
        }
        assertThat(response.trackerUrl()).isEqualTo(trackerUrl);
        if (expected instanceof Refused refused) {
            assertThat(response.isSuccess()).as("a refusal was expected, got %s", response).isFalse();
            assertThat(response.failureReason()).hasValueSatisfying(reason -> assertThat(reason)
                    .contains(refused.fragment()));
            return "refused \"" + abbreviate(response.failureReason().orElseThrow()) + "\"";
        }
        if (expected instanceof Accepted accepted) {
            assertThat(response.isSuccess()).as("a successful response was expected, got %s", response).isTrue();
            accepted.check().accept(response);
            return "accepted: " + accepted.what();
        }
        throw new AssertionError("expected " + expected + ", got the response " + response);
    }

    private static String failure(String trackerUrl, Throwable cause, Expected expected) {
        for (Throwable c = cause; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof Error error) {
                throw new AssertionError("the request failed with an Error: " + error, cause);
            }
        }
        if (!(cause instanceof TrackerException e)) {
            throw new AssertionError("expected a TrackerException, got " + cause, cause);
        }
        if (!(expected instanceof Fails fails)) {
            throw new AssertionError("expected " + expected + ", got " + e.kind() + ": " + e.getMessage(), e);
        }
        assertThat(e.kind()).as("kind of %s", e.getMessage()).isEqualTo(fails.kind());
        assertThat(e.trackerUrl()).isEqualTo(trackerUrl);
        assertThat(e.getMessage()).startsWith(trackerUrl + ": ").contains(fails.fragment());
        return e.kind() + " \"" + abbreviate(e.detail()) + "\"";
    }

    /** An announce for a fresh torrent, as a client starting a download sends it. */
    static AnnounceRequest request(int n) {
        byte[] hash = new byte[20];
        hash[0] = (byte) n;
        hash[1] = (byte) (n >> 8);
        hash[19] = (byte) 0x5A;
        return AnnounceRequest.builder(InfoHash.of(hash), PeerId.random("-HT0001-"), 6000 + n)
                .event(AnnounceEvent.STARTED).left(1000).build();
    }

    /** The one-line summary: protocol, how many hostile inputs were tried, and each outcome. */
    /** Prints the one-line summary once the class's cases have run. */
    @Override
    public void afterAll(org.junit.jupiter.api.extension.ExtensionContext context) {
        System.out.println(summary());
    }

    String summary() {
        return "HOSTILE " + protocol + ": " + outcomes.size() + " hostile inputs tried | "
                + String.join(" | ", outcomes);
    }

    /** The message on one line, as AssertJ spreads its messages over several. */
    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ");
    }

    /** Cut to a readable length, with anything outside printable ASCII escaped (U+FFFD shows as \ufffd). */
    private static String abbreviate(String text) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (; i < text.length() && out.length() < MAX_DETAIL; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return i < text.length() ? out + "..." : out.toString();
    }
}
