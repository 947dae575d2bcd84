package io.github.bttracker.internal.transport.http;

import io.github.bttracker.core.TrackerException;
import io.github.bttracker.internal.bencode.BencodeDecoder;
import io.github.bttracker.internal.bencode.BencodeDictionary;
import io.github.bttracker.internal.bencode.BencodeException;
import io.github.bttracker.internal.bencode.BencodeLimits;
import io.github.bttracker.internal.bencode.BencodeValue;

/** Decoding of an HTTP tracker's body into its top-level dictionary, with the errors callers report. */
final class BencodedResponse {

    private BencodedResponse() {
    }

    static BencodeDictionary decode(String trackerUrl, byte[] body, BencodeLimits limits) throws TrackerException {
        BencodeValue value;
        try {
            value = BencodeDecoder.decode(body, limits);
        } catch (BencodeException e) {
            throw malformed(trackerUrl, "invalid bencode: " + e.getMessage(), e);
        }
        if (!(value instanceof BencodeDictionary dictionary)) {
            throw malformed(trackerUrl, "the response is not a bencoded dictionary", null);
        }
        return dictionary;
    }

    static TrackerException malformed(String trackerUrl, String message, Throwable cause) {
        return new TrackerException(trackerUrl, TrackerException.Kind.MALFORMED_RESPONSE, message, cause);
    }
}
