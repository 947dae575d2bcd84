package io.github.bttracker.examples.cli;

import io.github.bttracker.TrackerClient;
import io.github.bttracker.TrackerRuntime;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.ScrapeResult;
import io.github.bttracker.core.Secrets;
import io.github.bttracker.options.ConnectionOptions;
import io.github.bttracker.options.TrackerClientOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code scrape}: counts for many torrents from one tracker, in as few requests as its protocol allows. */
@Command(name = "scrape", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Scrape many torrents from one tracker (BEP 48 over HTTP, BEP 15 over UDP, WebSocket): seeders, "
                + "leechers and completed downloads.",
            "Exit code 0 when the tracker answered, 1 when it did not, 2 for bad arguments."})
final class ScrapeCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long the whole scrape may take (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--json", description = "Print one JSON object keyed by info hash (lower-case hex).")
    boolean json;

    @Parameters(index = "0", paramLabel = "URL", description = "The tracker's announce (or scrape) URL.")
    String url;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "HEX", converter = Converters.InfoHashConverter.class,
            description = "Info hashes, 40 hexadecimal digits each.")
    List<InfoHash> infoHashes;

    @Override
    public Integer call() throws Exception {
        if (timeoutSeconds <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout must be at least 1 second");
        }
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        List<InfoHash> unique = List.copyOf(new java.util.LinkedHashSet<>(infoHashes));
        Map<InfoHash, ScrapeResult> results;
        PrintWriter out = spec.commandLine().getOut();
        try (TrackerRuntime runtime = TrackerRuntime.create(
                TrackerClientOptions.defaults()
                        .withConnection(ConnectionOptions.defaults().withRequestTimeout(timeout)))) {
            results = TrackerClient.scrape(runtime, url, unique, timeout)
                    .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return failed(out, String.valueOf(cause.getMessage()));
        } catch (java.util.concurrent.TimeoutException e) {
            return failed(out, "no answer from " + Secrets.maskUrl(url) + " within " + timeoutSeconds + " s");
        }
        if (json) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (InfoHash hash : unique) {
                ScrapeResult r = results.get(hash);
                if (r != null) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("announce", Secrets.maskUrl(url));
                    entry.put("infoHash", hash.toHex());
                    entry.put("complete", r.complete());
                    entry.put("incomplete", r.incomplete());
                    entry.put("downloaded", r.downloaded());
                    object.put(hash.toHex(), entry);
                }
            }
            out.println(Json.write(object));
        } else {
            out.println("Scraped " + unique.size() + " torrent(s) from " + Printable.url(url) + ":");
            Table table = new Table("INFO HASH", ">SEEDERS", ">LEECHERS", ">DOWNLOADED", "NOTE");
            for (InfoHash hash : unique) {
                ScrapeResult r = results.get(hash);
                table.row(hash.toHex(), r == null ? null : r.complete(), r == null ? null : r.incomplete(),
                        r == null ? null : r.downloaded(), r == null ? "not reported by the tracker" : "");
            }
            table.print(out);
        }
        out.flush();
        return 0;
    }

    private int failed(PrintWriter out, String why) {
        if (json) {
            spec.commandLine().getErr().println("bt-tracker: scrape failed: " + Printable.text(why));
            spec.commandLine().getErr().flush();
            out.println("{}");
        } else {
            out.println("Scrape of " + Printable.url(url) + " failed: " + Printable.text(why));
        }
        out.flush();
        return BtTrackerCommand.FAILED;
    }
}
