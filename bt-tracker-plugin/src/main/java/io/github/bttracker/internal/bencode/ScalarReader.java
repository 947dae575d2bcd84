package io.github.bttracker.internal.bencode;

/**
 * Reads the two scalar kinds, integers ({@code i42e}) and byte strings ({@code 4:spam}), applying the strict
 * syntax rules of BEP 3 and the string length limit.
 */
final class ScalarReader {

    private static final String IN_INTEGER = "inside an integer";
    private static final String IN_STRING_LENGTH = "inside a string length";
    /** Longer length prefixes are cut in messages; they are far beyond any limit anyway. */
    private static final int MAX_QUOTED_DIGITS = 24;
    /** Any declared length above this already exceeds every possible (int) limit, so counting further is moot. */
    private static final long SATURATED_LENGTH = Integer.MAX_VALUE + 1L;

    private final ByteCursor cursor;
    private final int maxStringLength;

    ScalarReader(ByteCursor cursor, int maxStringLength) {
        this.cursor = cursor;
        this.maxStringLength = maxStringLength;
    }

    static boolean isDigit(byte value) {
        return value >= '0' && value <= '9';
    }

    /** Reads an integer; the cursor must be at its {@code 'i'}. */
    BencodeInteger readInteger() throws BencodeException {
        int start = cursor.position();
        cursor.advance();
        boolean negative = cursor.peek(IN_INTEGER) == '-';
        if (negative) {
            cursor.advance();
        }
        long value = readIntegerDigits(start, negative);
        cursor.advance();
        return new BencodeInteger(value);
    }

    /**
     * Reads the digits up to (not including) the closing {@code 'e'}. The value is accumulated as a negative
     * number, like {@link Long#parseLong(String)} does, because the negative range is one larger and
     * {@code i-9223372036854775808e} must be accepted.
     */
    private long readIntegerDigits(int start, boolean negative) throws BencodeException {
        long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
        long negated = 0;
        int digitCount = 0;
        byte next;
        while ((next = cursor.peek(IN_INTEGER)) != 'e') {
            if (!isDigit(next)) {
                throw cursor.unexpectedByte(IN_INTEGER);
            }
            if (digitCount == 1 && negated == 0) {
                throw new BencodeException("integer at offset " + start + " has a leading zero", start);
            }
            negated = appendDigit(negated, next - '0', limit, start);
            digitCount++;
            cursor.advance();
        }
        return checkedResult(start, negated, negative, digitCount);
    }

    private static long appendDigit(long negated, int digit, long limit, int start) throws BencodeException {
        if (negated < limit / 10 || negated * 10 < limit + digit) {
            throw new BencodeException("integer at offset " + start + " does not fit in a signed 64-bit long",
                    start);
        }
        return negated * 10 - digit;
    }

    private static long checkedResult(int start, long negated, boolean negative, int digitCount)
            throws BencodeException {
        if (digitCount == 0) {
            throw new BencodeException("integer at offset " + start + " has no digits", start);
        }
        if (negative && negated == 0) {
            throw new BencodeException("integer at offset " + start + " is negative zero", start);
        }
        return negative ? negated : -negated;
    }

    /** Reads a byte string; the cursor must be at the first digit of its length prefix. */
    BencodeString readString() throws BencodeException {
        int start = cursor.position();
        long declaredLength = readLength(start);
        String lengthText = quotedLength(start);
        cursor.advance();
        // Both checks come before the allocation: a hostile prefix such as 4611686018427387904: must not reach
        // the array constructor.
        if (declaredLength > maxStringLength) {
            throw new BencodeException("string length " + lengthText + " at offset " + start
                    + " exceeds the limit of " + maxStringLength + " bytes", start);
        }
        if (declaredLength > cursor.remaining()) {
            int end = cursor.position() + cursor.remaining();
            throw new BencodeException("unexpected end of input at offset " + end + " (string at offset " + start
                    + " declares " + lengthText + " bytes, " + cursor.remaining() + " remain)", end);
        }
        return BencodeString.wrap(cursor.take((int) declaredLength));
    }

    /**
     * Reads the length prefix up to (not including) the {@code ':'}. Values beyond any int are saturated rather
     * than parsed exactly, so that a prefix of twenty or a million digits cannot overflow.
     */
    private long readLength(int start) throws BencodeException {
        long length = 0;
        int digitCount = 0;
        byte next;
        while ((next = cursor.peek(IN_STRING_LENGTH)) != ':') {
            if (!isDigit(next)) {
                throw new BencodeException("expected ':' after string length at offset " + cursor.position(),
                        cursor.position());
            }
            if (digitCount == 1 && length == 0) {
                throw new BencodeException("string length at offset " + start + " has a leading zero", start);
            }
            length = Math.min(length * 10 + (next - '0'), SATURATED_LENGTH);
            digitCount++;
            cursor.advance();
        }
        return length;
    }

    /** The length prefix as written, which is exact where a saturated number would not be. */
    private String quotedLength(int start) {
        String digits = cursor.consumedText(start);
        if (digits.length() <= MAX_QUOTED_DIGITS) {
            return digits;
        }
        return digits.substring(0, MAX_QUOTED_DIGITS) + "... (" + digits.length() + " digits)";
    }
}
