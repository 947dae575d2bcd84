package io.github.bttracker.it.webtorrent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Starts real WebTorrent peers (npm package webtorrent 3.0.21, run by Node.js from {@code bt-tracker-webrtc/webtorrent})
 * for tests: seeders and leechers that find their peers only through the given WebSocket trackers and talk to them
 * only over WebRTC. They have no DHT, no local service discovery, no peer exchange, no web seeds, no uTP, no port
 * mapping and no STUN servers: WebRTC host candidates only, so run them in this module's network namespace (surefire's
 * launcher makes it), where those are 10.77.0.1 and 10.77.0.2.
 *
 * <p>Each method starts one {@code node peer.mjs} process and returns at once; wait for it with
 * {@link WebTorrentPeer#awaitReady()}. Close the peer to stop it.
 *
 * @throws IllegalStateException from every method, if the package's npm packages are not installed (the message
 *     names the npm command) or Node.js cannot be run
 */
public final class WebTorrentNode {

    private WebTorrentNode() {
    }

    /**
     * Creates a torrent of a file or directory and seeds it; the .torrent is then {@link WebTorrentPeer#torrentFile()}.
     *
     * @param data        the file or directory; the torrent's name is its file name
     * @param pieceLength the piece length, a power of two of at least 16 KiB
     * @param announce    the torrent's announce list, and the trackers the peer announces to: ws:// or wss:// URLs
     */
    public static WebTorrentPeer seed(Path data, int pieceLength, List<String> announce) {
        Path home = WebTorrentHome.locate();
        List<String> arguments = arguments("seed", announce);
        PeerDirectory directory = PeerDirectory.create("seed");
        arguments.addAll(List.of(
                "--data", data.toAbsolutePath().toString(),
                "--piece-length", Integer.toString(pieceLength),
                "--torrent-out", directory.path().resolve(data.getFileName() + ".torrent").toString()));
        return WebTorrentPeer.start("seeder", home, directory, arguments);
    }

    /**
     * Seeds a torrent made elsewhere (by Bt, say) whose content is already in {@code contentParent} (the file or
     * directory named as the torrent is), after checking every piece; a piece that does not check out is downloaded.
     *
     * @param torrentFile   the .torrent
     * @param contentParent the directory holding the torrent's content
     * @param announce      the trackers the peer announces to, instead of the torrent's: ws:// or wss:// URLs
     */
    public static WebTorrentPeer seedTorrent(Path torrentFile, Path contentParent, List<String> announce) {
        List<String> arguments = arguments("seed", announce);
        arguments.addAll(List.of(
                "--torrent", torrentFile.toAbsolutePath().toString(),
                "--dir", contentParent.toAbsolutePath().toString()));
        return WebTorrentPeer.start("seeder", WebTorrentHome.locate(), PeerDirectory.create("seed"), arguments);
    }

    /**
     * Downloads a torrent into {@code directory} (its content then is {@code directory/<name>}), then seeds it until
     * closed.
     *
     * @param torrentFile the .torrent
     * @param directory   where the content goes
     * @param announce    the trackers the peer announces to, instead of the torrent's: ws:// or wss:// URLs
     */
    public static WebTorrentPeer leech(Path torrentFile, Path directory, List<String> announce) {
        return WebTorrentPeer.start("leecher", WebTorrentHome.locate(), PeerDirectory.create("leech"),
                leechArguments("--torrent", torrentFile.toAbsolutePath().toString(), directory, announce));
    }

    /**
     * As {@link #leech}, but the process exits with 0 once done ({@link WebTorrentPeer#awaitExit}), announcing
     * {@code stopped}.
     */
    public static WebTorrentPeer leechUntilDone(Path torrentFile, Path directory, List<String> announce) {
        List<String> arguments = leechArguments("--torrent", torrentFile.toAbsolutePath().toString(), directory,
                announce);
        arguments.add("--exit-on-done");
        return WebTorrentPeer.start("leecher", WebTorrentHome.locate(), PeerDirectory.create("leech"), arguments);
    }

    /**
     * As {@link #leech}, from a magnet URI: the metadata comes from the peers (ut_metadata), and
     * {@link WebTorrentPeer#awaitReady()} returns once it has.
     *
     * @param magnetUri the magnet URI; its {@code tr} trackers are not used
     */
    public static WebTorrentPeer leechMagnet(String magnetUri, Path directory, List<String> announce) {
        return WebTorrentPeer.start("leecher", WebTorrentHome.locate(), PeerDirectory.create("leech"),
                leechArguments("--magnet", magnetUri, directory, announce));
    }

    private static List<String> leechArguments(String sourceOption, String source, Path directory,
                                               List<String> announce) {
        List<String> arguments = arguments("leech", announce);
        arguments.addAll(List.of(sourceOption, source, "--dir", directory.toAbsolutePath().toString()));
        return arguments;
    }

    private static List<String> arguments(String mode, List<String> announce) {
        Objects.requireNonNull(announce, "announce");
        if (announce.isEmpty()) {
            throw new IllegalArgumentException("a WebTorrent peer needs at least one WebSocket tracker");
        }
        List<String> arguments = new ArrayList<>(List.of(mode));
        for (String url : announce) {
            if (!url.startsWith("ws://") && !url.startsWith("wss://")) {
                throw new IllegalArgumentException("a WebTorrent peer here announces to WebSocket trackers only: " + url);
            }
            arguments.add("--announce");
            arguments.add(url);
        }
        return arguments;
    }
}
