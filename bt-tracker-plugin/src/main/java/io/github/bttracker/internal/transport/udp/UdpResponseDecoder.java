package io.github.bttracker.internal.transport.udp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a tracker's datagram into a {@link UdpResponse}. A datagram that is too short for its action, of an
 * unknown action, or whose length does not fit its action's layout is rejected with a
 * {@link MalformedDatagramException} saying why; the caller drops it. One short shape is an answer: an announce
 * reply of just the 8-byte header, which opentracker sends for torrents it does not serve, is read as a refusal.
 */
final class UdpResponseDecoder {

    /** Length of a datagram with nothing but an action and a transaction id. */
    private static final int HEADER_ONLY = 8;

    /** The failure reason reported for a header-only announce answer. */
    static final String REFUSED_WITHOUT_MESSAGE =
            "the tracker refused the announce without a message (an answer with no interval, counts or peers)";

    private UdpResponseDecoder() {
    }

    static UdpResponse decode(ByteBuf in) throws MalformedDatagramException {
        int length = in.readableBytes();
        if (length < 8) {
            throw new MalformedDatagramException("datagram of " + length + " bytes is shorter than any response");
        }
        int start = in.readerIndex();
        int action = in.getInt(start);
        int transactionId = in.getInt(start + 4);
        return switch (action) {
            case UdpProtocol.ACTION_CONNECT -> connected(in, start, length, transactionId);
            case UdpProtocol.ACTION_ANNOUNCE -> announced(in, start, length, transactionId);
            case UdpProtocol.ACTION_SCRAPE -> scraped(in, start, length, transactionId);
            case UdpProtocol.ACTION_ERROR -> failed(in, start, length, transactionId);
            default -> throw new MalformedDatagramException("unknown action " + action);
        };
    }

    private static UdpResponse connected(ByteBuf in, int start, int length, int transactionId)
            throws MalformedDatagramException {
        requireAtLeast(length, UdpProtocol.CONNECT_RESPONSE_LENGTH, "connect");
        return new UdpResponse.Connected(transactionId, in.getLong(start + 8));
    }

    private static UdpResponse announced(ByteBuf in, int start, int length, int transactionId)
            throws MalformedDatagramException {
        if (length == HEADER_ONLY) {
            // opentracker answers an announce for a torrent it does not serve with the bare header: a refusal
            // without a message; waiting for a "real" answer would only run into the timeout
            return new UdpResponse.Failed(transactionId, REFUSED_WITHOUT_MESSAGE);
        }
        requireAtLeast(length, UdpProtocol.ANNOUNCE_RESPONSE_HEADER, "announce");
        byte[] peers = new byte[length - UdpProtocol.ANNOUNCE_RESPONSE_HEADER];
        in.getBytes(start + UdpProtocol.ANNOUNCE_RESPONSE_HEADER, peers);
        return new UdpResponse.Announced(transactionId, in.getUnsignedInt(start + 8), in.getUnsignedInt(start + 12),
                in.getUnsignedInt(start + 16), peers);
    }

    private static UdpResponse scraped(ByteBuf in, int start, int length, int transactionId)
            throws MalformedDatagramException {
        int body = length - UdpProtocol.SCRAPE_RESPONSE_HEADER;
        if (body % UdpProtocol.SCRAPE_RESPONSE_ENTRY != 0) {
            throw new MalformedDatagramException(
                    "scrape response body of " + body + " bytes is not a multiple of 12");
        }
        List<UdpResponse.ScrapeEntry> entries = new ArrayList<>(body / UdpProtocol.SCRAPE_RESPONSE_ENTRY);
        for (int at = start + UdpProtocol.SCRAPE_RESPONSE_HEADER; at < start + length;
                at += UdpProtocol.SCRAPE_RESPONSE_ENTRY) {
            entries.add(new UdpResponse.ScrapeEntry(in.getUnsignedInt(at), in.getUnsignedInt(at + 4),
                    in.getUnsignedInt(at + 8)));
        }
        return new UdpResponse.Scraped(transactionId, entries);
    }

    private static UdpResponse failed(ByteBuf in, int start, int length, int transactionId) {
        // the message is text of unspecified encoding; malformed UTF-8 is replaced, never an error
        String message = in.toString(start + UdpProtocol.ERROR_RESPONSE_HEADER,
                length - UdpProtocol.ERROR_RESPONSE_HEADER, StandardCharsets.UTF_8).trim();
        return new UdpResponse.Failed(transactionId, message.isEmpty() ? "error without a message" : message);
    }

    private static void requireAtLeast(int length, int minimum, String what) throws MalformedDatagramException {
        if (length < minimum) {
            throw new MalformedDatagramException(
                    what + " response of " + length + " bytes is shorter than " + minimum);
        }
    }

    /** Why a datagram was dropped. */
    static final class MalformedDatagramException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedDatagramException(String message) {
            super(message, null, false, false);
        }
    }
}
