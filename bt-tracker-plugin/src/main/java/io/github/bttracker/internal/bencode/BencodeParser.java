package io.github.bttracker.internal.bencode;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Decodes one document from a {@link ByteCursor}. Single use and not thread-safe; {@link BencodeDecoder} creates
 * one per call.
 *
 * <p>The parser is iterative: open lists and dictionaries live on an explicit stack, and the depth limit is checked
 * before each one is pushed. Every element is counted before it is read, so the total work and memory are bounded
 * by the limits no matter what the input declares.
 */
final class BencodeParser {

    private final ByteCursor cursor;
    private final BencodeLimits limits;
    private final ScalarReader scalars;
    private final Deque<PendingContainer> open = new ArrayDeque<>();
    private int elementCount;

    BencodeParser(ByteCursor cursor, BencodeLimits limits) {
        this.cursor = cursor;
        this.limits = limits;
        this.scalars = new ScalarReader(cursor, limits.maxStringLength());
    }

    /** Reads exactly one value and requires the input to end right after it. */
    BencodeValue parseDocument() throws BencodeException {
        BencodeValue finished = readOrOpen(cursor.peek("expected a value"));
        while (!open.isEmpty()) {
            if (finished != null) {
                open.peek().add(finished);
            }
            finished = advanceInnermost();
        }
        requireEnd();
        return finished;
    }

    /**
     * Takes one step inside the innermost open container.
     *
     * @return the value completed by this step, or {@code null} if the step only opened a container or read a key
     */
    private BencodeValue advanceInnermost() throws BencodeException {
        PendingContainer innermost = open.peek();
        byte next = cursor.peek(innermost.context());
        if (next == 'e') {
            return close(innermost);
        }
        if (innermost instanceof PendingDictionary dictionary && dictionary.expectsKey()) {
            readKey(dictionary, next);
            return null;
        }
        return readOrOpen(next);
    }

    /**
     * Reads a scalar, or opens a container.
     *
     * @param first the byte at the cursor, already known to exist
     * @return the scalar, or {@code null} if a container was opened
     */
    private BencodeValue readOrOpen(byte first) throws BencodeException {
        countElement();
        if (first == 'i') {
            return scalars.readInteger();
        }
        if (ScalarReader.isDigit(first)) {
            return scalars.readString();
        }
        if (first == 'l') {
            push(new PendingList());
            return null;
        }
        if (first == 'd') {
            push(new PendingDictionary());
            return null;
        }
        throw cursor.unexpectedByte("where a value should start");
    }

    private void readKey(PendingDictionary dictionary, byte first) throws BencodeException {
        int keyOffset = cursor.position();
        if (!ScalarReader.isDigit(first)) {
            throw new BencodeException("dictionary key at offset " + keyOffset + " is not a string", keyOffset);
        }
        countElement();
        dictionary.acceptKey(scalars.readString(), keyOffset);
    }

    /** Opens a container after checking depth, so that hostile nesting is refused before it costs anything. */
    private void push(PendingContainer container) throws BencodeException {
        if (open.size() >= limits.maxDepth()) {
            throw new BencodeException("nesting deeper than " + limits.maxDepth() + " at offset "
                    + cursor.position(), cursor.position());
        }
        cursor.advance();
        open.push(container);
    }

    private BencodeValue close(PendingContainer innermost) throws BencodeException {
        BencodeValue built = innermost.build(cursor.position());
        cursor.advance();
        open.pop();
        return built;
    }

    private void countElement() throws BencodeException {
        elementCount++;
        if (elementCount > limits.maxElements()) {
            throw new BencodeException("more than " + limits.maxElements() + " elements at offset "
                    + cursor.position(), cursor.position());
        }
    }

    private void requireEnd() throws BencodeException {
        if (!cursor.atEnd()) {
            throw new BencodeException("trailing data at offset " + cursor.position() + " after the value",
                    cursor.position());
        }
    }
}
