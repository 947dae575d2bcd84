package io.github.bttracker.it.webtorrent;

import io.github.bttracker.it.process.ScratchDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The directory of one WebTorrent peer process under {@code target/webtorrent-peers}: what it printed on stdout
 * ({@value #EVENTS}, its JSON events), on stderr ({@value #LOG}), and the .torrent a seeder writes. It is kept after the
 * peer stops, so that a failed test can name it.
 */
final class PeerDirectory extends ScratchDirectory {
    static final String EVENTS = "events.jsonl";
    static final String LOG = "stderr.log";

    private static final Path BASE = Path.of("target", "webtorrent-peers");

    private PeerDirectory(Path path) {
        super(path);
    }

    /** @param name what the peer is, "seed" or "leech": the start of the directory's name */
    static PeerDirectory create(String name) {
        try {
            Path base = Files.createDirectories(BASE).toAbsolutePath();
            return new PeerDirectory(Files.createTempDirectory(base, name + "-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for a WebTorrent peer under " + BASE, e);
        }
    }

    Path events() {
        return path().resolve(EVENTS);
    }

    Path log() {
        return path().resolve(LOG);
    }

    /** @return what the peer printed on stderr so far (at most the first 64 KiB), or a note that there is nothing */
    String readLog() {
        return readHead(log(), "(the peer printed nothing on stderr)", "(no stderr log)");
    }

    /** @return the JSON events the peer printed so far (at most the first 64 KiB) */
    String readEvents() {
        return readHead(events(), "(the peer printed no event)", "(no events file)");
    }
}
