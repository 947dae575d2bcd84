package io.github.bttracker.it.bt;

import io.github.bttracker.core.InfoHash;
import io.github.bttracker.testing.BencodeEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A single-file torrent made for a test: random content written to a seeder's directory, and the metainfo file
 * that announces to the given trackers.
 */
public final class TestTorrent {

    private static final int PIECE_LENGTH = 32 * 1024;

    private final String fileName;
    private final byte[] content;
    private final Path torrentFile;
    private final InfoHash infoHash;

    private TestTorrent(String fileName, byte[] content, Path torrentFile, InfoHash infoHash) {
        this.fileName = fileName;
        this.content = content;
        this.torrentFile = torrentFile;
        this.infoHash = infoHash;
    }

    /**
     * @param dir where the .torrent file goes
     * @param size content size in bytes
     * @param seed seed of the random content
     * @param tiers the announce list; the first tracker of the first tier is also the {@code announce} key
     */
    public static TestTorrent create(Path dir, int size, long seed, List<List<String>> tiers) {
        byte[] content = new byte[size];
        new Random(seed).nextBytes(content);
        String fileName = "content-" + seed + ".bin";
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("length", (long) size);
        info.put("name", fileName);
        info.put("piece length", PIECE_LENGTH);
        info.put("pieces", pieceHashes(content));
        Map<String, Object> metainfo = new LinkedHashMap<>();
        metainfo.put("announce", tiers.get(0).get(0));
        if (tiers.size() > 1 || tiers.get(0).size() > 1) {
            metainfo.put("announce-list", tiers);
        }
        metainfo.put("info", info);
        try {
            Path torrentFile = dir.resolve(fileName + ".torrent");
            Files.write(torrentFile, BencodeEncoder.encode(metainfo));
            return new TestTorrent(fileName, content, torrentFile,
                    InfoHash.of(sha1(BencodeEncoder.encode(info))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the content into {@code dir}, as a seeder's storage holds it. */
    public void writeContentTo(Path dir) {
        try {
            Files.write(dir.resolve(fileName), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path contentIn(Path dir) {
        return dir.resolve(fileName);
    }

    public byte[] content() {
        return content.clone();
    }

    /**
     * @param trackers the trackers the link names ({@code tr=}), in order
     * @return a magnet link with the info hash, the file name and those trackers, but no metainfo
     */
    public String magnetLink(List<String> trackers) {
        StringBuilder link = new StringBuilder("magnet:?xt=urn:btih:").append(infoHash.toHex())
                .append("&dn=").append(URLEncoder.encode(fileName, StandardCharsets.UTF_8));
        for (String tracker : trackers) {
            link.append("&tr=").append(URLEncoder.encode(tracker, StandardCharsets.UTF_8));
        }
        return link.toString();
    }

    public Path torrentFile() {
        return torrentFile;
    }

    public InfoHash infoHash() {
        return infoHash;
    }

    private static byte[] pieceHashes(byte[] content) {
        int pieces = (content.length + PIECE_LENGTH - 1) / PIECE_LENGTH;
        byte[] hashes = new byte[pieces * 20];
        for (int i = 0; i < pieces; i++) {
            int from = i * PIECE_LENGTH;
            int to = Math.min(content.length, from + PIECE_LENGTH);
            MessageDigest sha1 = sha1Digest();
            sha1.update(content, from, to - from);
            System.arraycopy(sha1.digest(), 0, hashes, i * 20, 20);
        }
        return hashes;
    }

    private static byte[] sha1(byte[] data) {
        return sha1Digest().digest(data);
    }

    private static MessageDigest sha1Digest() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
