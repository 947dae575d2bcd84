package io.github.bttracker.internal.bencode;

/**
 * A dictionary entry that exists but has a different type than the caller asked for, for example an
 * {@code interval} sent as a string. Thrown by the typed getters of {@link BencodeDictionary}.
 *
 * <p>It is unchecked so that the getters stay convenient to chain; code that maps untrusted tracker responses
 * catches it and reports the response as malformed.
 */
public class BencodeTypeException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message names the key and the expected and actual types
     */
    public BencodeTypeException(String message) {
        super(message);
    }

    /** Builds the exception for {@code key} holding {@code actual} where {@code expectedType} was wanted. */
    static BencodeTypeException forEntry(String key, BencodeValue actual, String expectedType) {
        return new BencodeTypeException("'" + key + "' is " + describe(actual) + ", expected " + expectedType);
    }

    /** Names the type of a value with its article, so that messages read as English. */
    static String describe(BencodeValue value) {
        if (value instanceof BencodeInteger) {
            return "an integer";
        }
        if (value instanceof BencodeString) {
            return "a string";
        }
        return value instanceof BencodeList ? "a list" : "a dictionary";
    }
}
