package io.github.bttracker.it.webtorrent;

import io.github.bttracker.it.process.ChildProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One {@code node peer.mjs} process, always stopped through its own handle. */
final class WebTorrentProcess extends ChildProcess {
    private static final String NODE = "node";

    private final Process process;

    private WebTorrentProcess(Process process) {
        super(process);
        this.process = process;
    }

    /** @return what peer.mjs prints on stdout: its JSON events, one a line */
    InputStream stdout() {
        return process.getInputStream();
    }

    /**
     * Starts peer.mjs in {@code home} (so Node resolves its packages from home's node_modules) with the given
     * arguments; stdout stays a pipe for the caller, stderr goes to the directory's log.
     */
    static WebTorrentProcess start(Path home, PeerDirectory directory, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(NODE, WebTorrentHome.PEER_SCRIPT));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectError(directory.log().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        try {
            return new WebTorrentProcess(builder.start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot run `" + String.join(" ", command) + "` in " + home
                    + ": is Node.js (20 or later) installed and on PATH?", e);
        }
    }
}
