package io.github.bttracker.internal.transport.udp;

/** Hears when a {@link TrackerEndpoint} has a connection id, or why it could not get one. Event loop only. */
interface ConnectionIdWaiter {

    void connected(long connectionId);

    /** A {@link NoAnswerException}, a {@link TrackerEndpoint.TrackerRefusedException}, or a socket error. */
    void failed(Throwable cause);
}
