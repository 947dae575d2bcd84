package io.github.bttracker.it.libtorrent;

import io.github.bttracker.it.process.ChildProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One {@code python3 peer.py} process, stopped through its own handle (SIGTERM makes it announce 'stopped'). */
final class DriverProcess extends ChildProcess {
    private final DriverOutput output;

    private DriverProcess(Process process) {
        super(process);
        this.output = DriverOutput.readFrom(process.getInputStream(), "libtorrent-peer-" + process.pid());
    }

    /**
     * @param what the driver's arguments naming the torrent: {@code --torrent FILE} or {@code --magnet URI}
     * @throws IllegalStateException if the interpreter cannot be run; the message says what to install
     */
    static DriverProcess start(Path python, DriverDirectory directory, int port, Path saveDir, List<String> what) {
        List<String> command = new ArrayList<>(List.of(
                python.toString(), directory.script().toString(),
                "--port", Integer.toString(port),
                "--save", saveDir.toAbsolutePath().toString()));
        command.addAll(what);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(directory.stderrFile().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        // unbuffered, so that a traceback reaches stderr whatever happens next
        builder.environment().put("PYTHONUNBUFFERED", "1");
        try {
            return new DriverProcess(builder.start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + python + ": " + LibtorrentPeer.INSTALL_HINT, e);
        }
    }

    DriverOutput output() {
        return output;
    }
}
