package io.github.bttracker.internal.transport.udp;

/**
 * Where the result of an exchange or an operation goes: exactly one of the two methods is called, once, on the
 * transport's event loop. Plain callbacks rather than futures: each announce passes through three of these, and on
 * the event loop's hot path a future's allocation and completion machinery cost more than the work itself.
 */
interface Outcome {

    /** An answer arrived (an error answer included). */
    void answered(UdpResponse response);

    /**
     * No usable answer: a {@link NoAnswerException}, a refused connect
     * ({@link TrackerEndpoint.TrackerRefusedException}), a socket error, or the caller giving up.
     */
    void failed(Throwable cause);
}
