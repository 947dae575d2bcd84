package io.github.bttracker.it.bench;

import io.github.bttracker.it.bt.SpiAnnounceLoad;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP ceiling: {@code wrk} (Debian's package, {@code /usr/bin/wrk}) with C connections for a fixed time, every
 * request a BEP 3 announce of the next of N distinct torrents (a Lua script varies the info hash), the query as the
 * plugin writes it. One announce of the same form is sent first and must be answered with an interval, so that a
 * tracker refusing the announces cannot pass for a fast one; during the run, wrk's non-2xx responses count as
 * failed.
 */
final class WrkCeiling {
    static final Path WRK = Path.of("/usr/bin/wrk");

    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ([0-9.]+)(ms|s|m)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: ([^\\n]+)");

    private WrkCeiling() {
    }

    /**
     * @param announceUrl the tracker's {@code http://} announce URL
     * @param salt the torrents are {@link SpiAnnounceLoad#torrentId}{@code (salt, 0..torrents-1)}
     * @param connections wrk's connections ({@code -c}); its threads ({@code -t}) are as many, up to half the cores
     */
    static Ceiling measure(String announceUrl, int salt, int torrents, int connections, Duration duration)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(WRK)) {
            throw new IllegalStateException(WRK + " is required for the HTTP ceiling: apt-get install wrk");
        }
        URI url = URI.create(announceUrl);
        // info_hash is salt, i (4 bytes, big-endian), 14 zero bytes, 0x42: SpiAnnounceLoad.torrentId's layout
        String prefix = url.getRawPath() + "?info_hash=" + String.format(Locale.ROOT, "%%%02X", salt);
        String suffix = "%00".repeat(14) + "%42&peer_id=-CEILING-http-000000&port=6881&uploaded=0&downloaded=0"
                + "&left=1&compact=1&numwant=50&key=12345678&event=started";
        checkAnswered(url.resolve(prefix + "%00%00%00%00" + suffix), salt);
        Path script = Files.createTempFile("bt-tracker-ceiling-", ".lua");
        try {
            Files.writeString(script, luaScript(prefix, suffix, torrents));
            int threads = Math.max(1, Math.min(connections, Runtime.getRuntime().availableProcessors() / 2));
            List<String> command = List.of(WRK.toString(), "-t" + threads, "-c" + connections,
                    "-d" + Math.max(1, duration.toSeconds()) + "s", "--timeout", "10s", "-s", script.toString(),
                    url.getScheme() + "://" + url.getRawAuthority() + url.getRawPath());
            Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output;
            try {
                output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!wrk.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
                    throw new IllegalStateException("wrk failed: " + command + "\n" + output);
                }
            } finally {
                wrk.destroy();
            }
            return parse(output, threads, connections);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** wrk's summary: its request count and time; non-2xx responses as failures, socket errors as detail. */
    static Ceiling parse(String output, int threads, int connections) {
        Matcher requests = REQUESTS.matcher(output);
        if (!requests.find()) {
            throw new IllegalStateException("no request count in wrk's output:\n" + output);
        }
        long count = Long.parseLong(requests.group(1));
        double seconds = Double.parseDouble(requests.group(2)) * switch (requests.group(3)) {
            case "ms" -> 0.001;
            case "m" -> 60;
            default -> 1;
        };
        Matcher non2xx = NON_2XX.matcher(output);
        long failed = non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0;
        Matcher socketErrors = SOCKET_ERRORS.matcher(output);
        // wrk counts a connection the tracker closes after its response (opentracker closes every one) as a read
        // error, and reconnects; the response before it is counted as answered
        return new Ceiling(String.format(Locale.ROOT, "wrk, %d thread%s, %d connection%s", threads,
                threads == 1 ? "" : "s", connections, connections == 1 ? "" : "s"), count - failed, failed, seconds,
                socketErrors.find() ? "wrk socket errors (read: connections the tracker closed): "
                        + socketErrors.group(1).trim() : "");
    }

    private static String luaScript(String prefix, String suffix, int torrents) {
        return """
                -- generated by the benchmark (WrkCeiling): each request announces the next of %d torrents
                local prefix = "%s"
                local suffix = "%s"
                local torrents = %d
                local i = 0
                request = function()
                  local n = i %% torrents
                  i = i + 1
                  local hash = string.format("%%%%%%02X%%%%%%02X%%%%%%02X%%%%%%02X", math.floor(n / 16777216) %% 256,
                      math.floor(n / 65536) %% 256, math.floor(n / 256) %% 256, n %% 256)
                  return wrk.format("GET", prefix .. hash .. suffix)
                end
                """.formatted(torrents, prefix, suffix, torrents);
    }

    /**
     * One announce of the run's form must be answered with an interval, not a failure reason. Sent over a plain
     * socket, not with {@code java.net.http.HttpClient}: that client would load {@code MinimalFuture}, a subclass of
     * CompletableFuture, into the benchmark's JVM between two measured rounds, and the JIT compilers would throw
     * away every compiled method of the plugin that had relied on CompletableFuture having no subclass (its whole
     * announce path, in a run on 2026-12-03) and spend the next round recompiling them.
     */
    private static void checkAnswered(URI announce, int salt) throws IOException {
        String response;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(announce.getHost(), announce.getPort()), 10_000);
            socket.setSoTimeout(10_000);
            String request = "GET " + announce.getRawPath() + "?" + announce.getRawQuery() + " HTTP/1.1\r\nHost: "
                    + announce.getRawAuthority() + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        if (!response.startsWith("HTTP/1.1 200 ") && !response.startsWith("HTTP/1.0 200 ")
                || !response.contains("8:interval") || response.contains("failure reason")) {
            throw new IllegalStateException("the tracker does not answer the ceiling's announces (salt " + salt
                    + "): " + announce + " -> " + response);
        }
    }
}
