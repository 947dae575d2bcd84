package io.github.bttracker.examples.cli;

import io.github.bttracker.TrackerRuntime;
import io.github.bttracker.core.AnnounceEvent;
import io.github.bttracker.core.AnnounceRequest;
import io.github.bttracker.core.AnnounceResponse;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerAddress;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.core.Secrets;
import io.github.bttracker.options.ConnectionOptions;
import io.github.bttracker.options.TrackerClientOptions;
import io.netty.util.NetUtil;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code announce}: one announce to every tracker given, all at once, and what each answered. */
@Command(name = "announce", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Announce a torrent to every tracker given (http, https, udp, ws, wss), all at once, and print "
                + "what each answered.",
            "WebSocket trackers are scraped instead (no WebRTC here): they give counts, no peers.",
            "Exit code 0 when at least one tracker answered with a success, 1 when none did, 2 for bad arguments."})
final class AnnounceCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--info-hash", required = true, paramLabel = "HEX", converter = Converters.InfoHashConverter.class,
            description = "The torrent's info hash, 40 hexadecimal digits.")
    InfoHash infoHash;

    @Option(names = "--event", paramLabel = "EVENT", defaultValue = "started",
            converter = Converters.EventConverter.class,
            description = "started, completed, stopped or update (default: ${DEFAULT-VALUE}).")
    AnnounceEvent event;

    @Option(names = "--port", paramLabel = "N", defaultValue = "6881", description = "The port peers reach you on (default: "
            + "${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--peer-id", paramLabel = "HEX", converter = Converters.PeerIdConverter.class,
            description = "Your peer id, 40 hexadecimal digits (default: a random one).")
    PeerId peerId;

    @Option(names = "--numwant", paramLabel = "N", defaultValue = "50", description = "How many peers to ask for (default: "
            + "${DEFAULT-VALUE}).")
    int numWant;

    @Option(names = "--uploaded", paramLabel = "BYTES", defaultValue = "0", description = "Bytes uploaded (default: ${DEFAULT-VALUE}).")
    long uploaded;

    @Option(names = "--downloaded", paramLabel = "BYTES", defaultValue = "0", description = "Bytes downloaded (default: ${DEFAULT-VALUE}).")
    long downloaded;

    @Option(names = "--left", paramLabel = "BYTES", description = "Bytes left to download; unknown when not given (as for a magnet link).")
    Long left;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long each tracker gets (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--json", description = "Print one JSON array, one object per tracker, in the order given.")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "URL", description = "Tracker announce URLs.")
    List<String> urls;

    @Override
    public Integer call() throws Exception {
        validate();
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        PeerId peer = peerId != null ? peerId : PeerId.random("-BT0100-");
        AnnounceRequest.Builder request = AnnounceRequest.builder(infoHash, peer, port).event(event)
                .numWant(numWant).uploaded(uploaded).downloaded(downloaded);
        if (left != null) {
            request.left(left);
        }
        AnnounceRequest built = request.build();
        List<Outcome> outcomes = new ArrayList<>();
        try (TrackerRuntime runtime = TrackerRuntime.create(
                TrackerClientOptions.defaults()
                        .withConnection(ConnectionOptions.defaults().withRequestTimeout(timeout)))) {
            List<CompletableFuture<AnnounceResponse>> futures = new ArrayList<>();
            for (String url : urls) {
                futures.add(runtime.announce(url, built, timeout));
            }
            for (int i = 0; i < urls.size(); i++) {
                outcomes.add(Outcome.of(urls.get(i), futures.get(i), timeout));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            printJson(out, outcomes);
        } else {
            printTable(out, outcomes);
        }
        return outcomes.stream().anyMatch(o -> o.response != null && o.response.isSuccess()) ? 0
                : BtTrackerCommand.FAILED;
    }

    private void validate() {
        check(port >= 0 && port <= 65535, "--port must be between 0 and 65535, not " + port);
        check(numWant >= 0, "--numwant must not be negative");
        check(uploaded >= 0 && downloaded >= 0, "--uploaded and --downloaded must not be negative");
        check(left == null || left >= 0, "--left must not be negative");
        check(timeoutSeconds > 0, "--timeout must be at least 1 second");
    }

    private void check(boolean condition, String message) {
        if (!condition) {
            throw new CommandLine.ParameterException(spec.commandLine(), message);
        }
    }

    /** One tracker's answer, or why there was none. */
    private record Outcome(String url, AnnounceResponse response, String error) {
        static Outcome of(String url, CompletableFuture<AnnounceResponse> future, Duration timeout) {
            try {
                // the transport enforces the timeout; the extra second only guards against a bug there
                return new Outcome(url, future.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS), null);
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                String message = String.valueOf(cause.getMessage());
                // the tracker's URL is already on the line; TrackerException messages start with it, masked
                String prefix = Secrets.maskUrl(url) + ": ";
                return new Outcome(url, null,
                        message.startsWith(prefix) ? message.substring(prefix.length()) : message);
            } catch (java.util.concurrent.TimeoutException e) {
                return new Outcome(url, null, "no answer within " + timeout.toSeconds() + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(url, null, "interrupted");
            }
        }

        boolean ok() {
            return response != null && response.isSuccess();
        }

        String failure() {
            if (error != null) {
                return error;
            }
            return response.failureReason().orElse(null);
        }
    }

    private void printJson(PrintWriter out, List<Outcome> outcomes) throws Exception {
        List<Map<String, Object>> array = new ArrayList<>();
        for (Outcome o : outcomes) {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("announce", Secrets.maskUrl(o.url));
            object.put("infoHash", infoHash.toHex());
            object.put("ok", o.ok());
            AnnounceResponse r = o.ok() ? o.response : null;
            object.put("complete", r != null && r.complete().isPresent() ? r.complete().getAsLong() : null);
            object.put("incomplete", r != null && r.incomplete().isPresent() ? r.incomplete().getAsLong() : null);
            object.put("interval", r == null ? null : r.interval().map(Duration::toSeconds).orElse(null));
            object.put("minInterval", r == null ? null : r.minInterval().map(Duration::toSeconds).orElse(null));
            object.put("peers", r == null ? List.of() : r.peers().stream().map(AnnounceCommand::peer).toList());
            object.put("warning", o.response == null ? null
                    : Secrets.maskUrls(o.response.warningMessage().orElse(null)));
            object.put("failure", Secrets.maskUrls(o.failure()));
            array.add(object);
        }
        out.println(Json.write(array));
        out.flush();
    }

    private void printTable(PrintWriter out, List<Outcome> outcomes) {
        out.println("Announced '" + eventName() + "' for " + infoHash.toHex() + ":");
        Table table = new Table("TRACKER", "RESULT", ">SEEDERS", ">LEECHERS", ">INTERVAL", ">PEERS", "NOTE");
        for (Outcome o : outcomes) {
            AnnounceResponse r = o.ok() ? o.response : null;
            String note = o.failure() != null ? o.failure()
                    : o.response.warningMessage().map(w -> "warning: " + w).orElse("");
            table.row(o.url, o.ok() ? "ok" : "failed",
                    r != null && r.complete().isPresent() ? r.complete().getAsLong() : null,
                    r != null && r.incomplete().isPresent() ? r.incomplete().getAsLong() : null,
                    r == null ? null : r.interval().map(Units::duration).orElse(null),
                    r == null ? null : r.peers().size(), note);
        }
        table.print(out);
        for (Outcome o : outcomes) {
            if (o.ok() && !o.response.peers().isEmpty()) {
                List<String> peers = o.response.peers().stream().map(AnnounceCommand::peer).toList();
                int shown = Math.min(peers.size(), 20);
                out.println();
                out.println("Peers from " + Printable.url(o.url) + ":");
                peers.subList(0, shown).forEach(p -> out.println("  " + p));
                if (peers.size() > shown) {
                    out.println("  ... and " + (peers.size() - shown) + " more");
                }
            }
        }
        out.flush();
    }

    private String eventName() {
        return event == AnnounceEvent.NONE ? "update" : event.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** 1.2.3.4:6881 or [::1]:6881 (RFC 5952 text for IPv6). */
    static String peer(PeerAddress peer) {
        String host = NetUtil.toAddressString(peer.address());
        return (peer.isIpv6() ? "[" + host + "]" : host) + ":" + peer.port();
    }
}
