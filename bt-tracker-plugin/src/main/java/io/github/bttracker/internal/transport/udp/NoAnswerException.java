package io.github.bttracker.internal.transport.udp;

/** An exchange got no answer within its time: every transmission was lost, or the tracker is not there. */
final class NoAnswerException extends Exception {

    private static final long serialVersionUID = 1L;

    NoAnswerException(String message) {
        // thrown on the hot path of lossy networks: no stack trace to fill
        super(message, null, false, false);
    }
}
