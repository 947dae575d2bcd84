package io.github.bttracker.internal.transport.ws;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Time and timers of one WebSocket connection: those of its event loop, or in tests a clock the test advances by hand,
 * so that back-offs, deadlines and idle closes run without waiting for them.
 */
interface WsScheduler {

    /** A scheduled task that can still be called off. */
    interface Timer {
        void cancel();
    }

    /** The current time in nanoseconds, as {@link System#nanoTime()}: only differences mean something. */
    long nanoTime();

    /** Runs the task after the delay, on the connection's thread. */
    Timer schedule(Runnable task, Duration delay);

    /** Runs the task soon on the connection's thread; the way back from futures completed elsewhere. */
    void execute(Runnable task);

    /** The event loop's timers and {@link System#nanoTime()}. */
    static WsScheduler on(EventLoop loop) {
        return new WsScheduler() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public Timer schedule(Runnable task, Duration delay) {
                io.netty.util.concurrent.ScheduledFuture<?> f = loop.schedule(task, delay.toNanos(),
                        TimeUnit.NANOSECONDS);
                return () -> f.cancel(false);
            }

            @Override
            public void execute(Runnable task) {
                loop.execute(task);
            }
        };
    }
}
