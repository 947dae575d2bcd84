package io.github.bttracker.testing;

/** A request the tracker rejects; the message becomes the {@code failure reason}. */
final class InvalidRequestException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidRequestException(String failureReason) {
        super(failureReason, null, false, false);
    }
}
