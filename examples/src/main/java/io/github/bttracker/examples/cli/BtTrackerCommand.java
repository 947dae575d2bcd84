package io.github.bttracker.examples.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar bt-tracker.jar}: announce to and scrape any tracker, download with a Bt client that uses the
 * plugin, or run the offline demo. Exit codes: 0 on success, 1 when no tracker answered (or the work failed), 2 for
 * bad arguments.
 */
@Command(name = "bt-tracker", mixinStandardHelpOptions = true, versionProvider = BtTrackerCommand.Version.class,
        description = "BitTorrent tracker client: HTTP(S), UDP and WebSocket trackers, over IPv4 and IPv6.",
        subcommands = {AnnounceCommand.class, ScrapeCommand.class, DownloadCommand.class, DemoCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 1 no tracker answered or the work failed, 2 bad arguments."})
public final class BtTrackerCommand implements Runnable {

    /** Exit code when no tracker answered, or a download failed. */
    public static final int FAILED = 1;
    /** Exit code for bad arguments (picocli's usage error code). */
    public static final int USAGE = CommandLine.ExitCode.USAGE;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing command: announce, scrape, download or demo");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the tool as {@code main} does, without exiting; for tests and embedding. */
    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new BtTrackerCommand());
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
            // an expected failure is a message, not a stack trace
            PrintWriter err = cl.getErr();
            err.println("bt-tracker: " + Printable.text(e.getMessage() != null ? e.getMessage() : e.toString()));
            err.flush();
            return FAILED;
        });
        return commandLine.execute(args);
    }

    /** The version Maven wrote into bt-tracker-version.properties. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws java.io.IOException {
            java.util.Properties properties = new java.util.Properties();
            try (var in = BtTrackerCommand.class.getResourceAsStream("/bt-tracker-version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"bt-tracker " + properties.getProperty("version", "(development build)"),
                "Bt 1.10, Java " + Runtime.version()};
        }
    }
}
