package io.github.bttracker.examples.cli;

import io.github.bttracker.core.InfoHash;
import io.github.bttracker.internal.bencode.BencodeDecoder;
import io.github.bttracker.internal.bencode.BencodeDictionary;
import io.github.bttracker.internal.bencode.BencodeException;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The test as a BitTorrent peer (BEP 3 handshake, BEP 10 extension protocol), to see what a Bt runtime tells its
 * peers about itself.
 */
final class PeerWire {

    private PeerWire() {
    }

    /**
     * Connects to 127.0.0.1:{@code port}, shakes hands for {@code infoHash} with the extension protocol bit set, and
     * reads messages until the peer's extended handshake.
     *
     * @return its dictionary: {@code m} lists the extensions it speaks ({@code ut_metadata}, {@code ut_pex}...)
     */
    static BencodeDictionary extendedHandshake(int port, InfoHash infoHash) throws IOException, BencodeException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(19);
            out.write("BitTorrent protocol".getBytes(StandardCharsets.US_ASCII));
            byte[] reserved = new byte[8];
            reserved[5] = 0x10; // BEP 10
            out.write(reserved);
            out.write(infoHash.bytes());
            byte[] peerId = "-TE0001-".getBytes(StandardCharsets.US_ASCII);
            out.write(Arrays.copyOf(peerId, 20));
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] handshake = in.readNBytes(68);
            if (handshake.length < 68 || !Arrays.equals(Arrays.copyOfRange(handshake, 28, 48), infoHash.bytes())) {
                throw new IOException("no handshake for " + infoHash.toHex() + " from port " + port);
            }
            for (int i = 0; i < 16; i++) {
                int length = in.readInt();
                byte[] message = in.readNBytes(length);
                if (length >= 2 && message[0] == 20 && message[1] == 0) { // extended, handshake
                    return (BencodeDictionary) BencodeDecoder.decode(message, 2, length - 2);
                }
            }
            throw new IOException("no extended handshake among the first 16 messages from port " + port);
        }
    }
}
