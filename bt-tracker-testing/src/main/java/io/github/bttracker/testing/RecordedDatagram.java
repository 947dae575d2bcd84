package io.github.bttracker.testing;

import io.github.bttracker.testing.UdpRequest.Announce;
import io.github.bttracker.testing.UdpRequest.Malformed;
import io.github.bttracker.testing.UdpRequest.Scrape;
import io.github.bttracker.testing.internal.UdpProtocol;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * A UDP datagram as the embedded tracker received it, with the fields of the request it carries. Immutable; byte
 * arrays handed out are copies.
 *
 * <p>Announce fields are those of an announce only: for any other datagram, numbers are 0, {@link #event()} is
 * {@link AnnounceEvent#NONE}, {@link #urlData()} is empty and {@link #infoHash()} and {@link #peerId()} are empty.
 * Numbers are as the client sent them, so {@link #left()} may be -1 and {@link #numWant()} -1.
 */
public final class RecordedDatagram {
    private final InetSocketAddress sender;
    private final byte[] bytes;
    private final UdpRequest request;

    RecordedDatagram(InetSocketAddress sender, byte[] bytes, UdpRequest request) {
        this.sender = sender;
        this.bytes = bytes.clone();
        this.request = request;
    }

    /** {@return the address and port the datagram came from} */
    public InetSocketAddress sender() {
        return sender;
    }

    /** {@return the datagram exactly as received} */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** {@return the datagram's length in bytes} */
    public int length() {
        return bytes.length;
    }

    /**
     * The action field (0 connect, 1 announce, 2 scrape, as BEP 15 numbers them, or
     * whatever else the client sent), or -1 when the datagram is shorter than a request header.
     *
     * @return the action code, or -1
     */
    public int action() {
        return request.action();
    }

    /** {@return the transaction id; 0 when the datagram is shorter than a request header} */
    public int transactionId() {
        return request.transactionId();
    }

    /**
     * The first 8 bytes: the connection id of an announce or scrape, the protocol id {@code 0x41727101980} of a
     * connect; 0 when the datagram is shorter than a request header.
     *
     * @return the first 8 bytes as a number, or 0
     */
    public long connectionId() {
        return request.connectionId();
    }

    /** {@return whether the tracker understood the datagram; it does not answer datagrams it did not} */
    public boolean isWellFormed() {
        return !(request instanceof Malformed);
    }

    /** {@return why the tracker did not understand the datagram; empty when it did} */
    public Optional<String> problem() {
        return request instanceof Malformed malformed ? Optional.of(malformed.problem()) : Optional.empty();
    }

    /** {@return whether this is a well-formed connect request} */
    public boolean isConnect() {
        return request instanceof UdpRequest.Connect;
    }

    /** {@return whether this is a well-formed announce request} */
    public boolean isAnnounce() {
        return request instanceof Announce;
    }

    /** {@return whether this is a well-formed scrape request} */
    public boolean isScrape() {
        return request instanceof Scrape;
    }

    /** {@return the info hash of an announce} */
    public Optional<byte[]> infoHash() {
        return announce().map(announce -> announce.infoHash().clone());
    }

    /** {@return the info hash of an announce, as lower-case hex} */
    public Optional<String> infoHashHex() {
        return announce().map(announce -> Ids.hex(announce.infoHash()));
    }

    /** {@return the peer id of an announce} */
    public Optional<byte[]> peerId() {
        return announce().map(announce -> announce.peerId().clone());
    }

    /** {@return the {@code downloaded} field of an announce} */
    public long downloaded() {
        return announce().map(Announce::downloaded).orElse(0L);
    }

    /** {@return the {@code left} field of an announce, signed: clients send -1 when they do not know} */
    public long left() {
        return announce().map(Announce::left).orElse(0L);
    }

    /** {@return the {@code uploaded} field of an announce} */
    public long uploaded() {
        return announce().map(Announce::uploaded).orElse(0L);
    }

    /** {@return the {@code event} code of an announce as sent: 0 none, 1 completed, 2 started, 3 stopped} */
    public int eventCode() {
        return announce().map(Announce::event).orElse(UdpProtocol.EVENT_NONE);
    }

    /** {@return the event of an announce; unknown codes are {@link AnnounceEvent#NONE}} */
    public AnnounceEvent event() {
        return AnnounceEvent.ofUdpCode(eventCode());
    }

    /** {@return the {@code ip} field of an announce; empty when 0, which means "the address the datagram came from"} */
    public Optional<InetAddress> ip() {
        return announce().flatMap(Announce::ipAddress);
    }

    /** {@return the {@code key} field of an announce} */
    public int key() {
        return announce().map(Announce::key).orElse(0);
    }

    /** {@return the {@code num_want} field of an announce, signed: -1 asks for the tracker's default} */
    public int numWant() {
        return announce().map(Announce::numWant).orElse(0);
    }

    /** {@return the {@code port} field of an announce: the port the peer listens on} */
    public int port() {
        return announce().map(Announce::port).orElse(0);
    }

    /**
     * The BEP 41 URL data of an announce: the path and query of the announce URL, every URLData option
     * concatenated, one char per byte (ISO-8859-1); empty when there is none.
     *
     * @return the URL data, or the empty string
     */
    public String urlData() {
        return announce().map(Announce::urlData).orElse("");
    }

    /** {@return the info hashes of a scrape, in request order; empty for any other datagram} */
    public List<byte[]> scrapeInfoHashes() {
        return request instanceof Scrape scrape
                ? scrape.infoHashes().stream().map(byte[]::clone).toList()
                : List.of();
    }

    @Override
    public String toString() {
        String what = switch (request.action()) {
            case UdpProtocol.CONNECT -> "connect";
            case UdpProtocol.ANNOUNCE -> "announce";
            case UdpProtocol.SCRAPE -> "scrape";
            default -> "action " + request.action();
        };
        return what + (isWellFormed() ? "" : " (malformed: " + problem().orElseThrow() + ")") + ", transaction "
                + transactionId() + ", " + bytes.length + " bytes from " + sender;
    }

    private Optional<Announce> announce() {
        return request instanceof Announce announce ? Optional.of(announce) : Optional.empty();
    }
}
