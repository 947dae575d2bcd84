package io.github.bttracker.internal.transport.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.channel.pool.ChannelPool;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;

/**
 * One origin lane's connections when its server closes every connection after one response (opentracker does): a new
 * connection per request, at most {@code maxConnections} open and {@code maxQueued} requests waiting for one, as
 * {@link ConnectionPools}' kept-alive lanes. It is a {@link ChannelPool} only so that {@link HttpExchange} takes its
 * connections the same way from both; nothing is pooled. Netty's {@code FixedChannelPool} would do the counting, but
 * for connections that are never reused it adds per request what this does not: a health check, an idle timer, and
 * two more promises and event-loop tasks on acquire and release (measured against opentracker: about a sixth less
 * event-loop CPU per announce in the best rounds, within the machine's noise otherwise; BENCHMARKS.md).
 *
 * <p>All state lives on the lane's event loop; {@link #acquire} and {@link #release} may be called from any thread. A
 * slot is freed when its connection closes, however it closes, so {@link #release} only closes the connection.
 */
final class OneShotConnections implements ChannelPool {

    /** Refuses a request when {@code maxQueued} requests already wait for a connection. */
    static final class QueueFull extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        QueueFull(int maxQueued) {
            super(maxQueued + " requests already wait for a connection");
        }
    }

    private final Bootstrap bootstrap;
    private final EventLoop loop;
    private final int maxConnections;
    private final int maxQueued;
    private final ArrayDeque<Promise<Channel>> waiting = new ArrayDeque<>();
    private int open;
    private boolean closed;

    /**
     * @param bootstrap connects on {@code loop} to the origin, its handler setting up each new connection's pipeline
     */
    OneShotConnections(Bootstrap bootstrap, EventLoop loop, int maxConnections, int maxQueued) {
        this.bootstrap = bootstrap;
        this.loop = loop;
        this.maxConnections = Math.max(1, maxConnections);
        this.maxQueued = Math.max(1, maxQueued);
    }

    /** @return the event loop this lane's connections and counts live on */
    EventLoop loop() {
        return loop;
    }

    @Override
    public Future<Channel> acquire() {
        return acquire(loop.newPromise());
    }

    @Override
    public Future<Channel> acquire(Promise<Channel> promise) {
        if (loop.inEventLoop()) {
            acquireOnLoop(promise);
        } else {
            loop.execute(() -> acquireOnLoop(promise));
        }
        return promise;
    }

    private void acquireOnLoop(Promise<Channel> promise) {
        if (closed) {
            promise.tryFailure(new RejectedExecutionException("the connections are closed"));
        } else if (open < maxConnections) {
            connect(promise);
        } else if (waiting.size() < maxQueued) {
            waiting.add(promise);
        } else {
            promise.tryFailure(new QueueFull(maxQueued));
        }
    }

    private void connect(Promise<Channel> promise) {
        open++;
        ChannelFuture connecting = bootstrap.connect();
        Channel channel = connecting.channel();
        // the slot is the channel's from now until it closes, connected or not
        channel.closeFuture().addListener(f -> slotFreed());
        connecting.addListener(f -> {
            if (!f.isSuccess()) {
                channel.close();
                promise.tryFailure(f.cause());
            } else if (!promise.trySuccess(channel)) {
                channel.close(); // the request gave up (cancelled) while connecting
            }
        });
    }

    /** On the loop: a connection closed, its slot goes to the longest-waiting request still waiting. */
    private void slotFreed() {
        open--;
        while (!closed && open < maxConnections && !waiting.isEmpty()) {
            Promise<Channel> next = waiting.poll();
            if (!next.isDone()) {
                connect(next);
            }
        }
    }

    /** Closes the connection: it served its request. */
    @Override
    public Future<Void> release(Channel channel) {
        return release(channel, loop.newPromise());
    }

    @Override
    public Future<Void> release(Channel channel, Promise<Void> promise) {
        // the exchange closes the connection before releasing it; closing it again would fail a new promise with an
        // exception made for the purpose
        if (channel.isOpen()) {
            channel.close();
        }
        return promise.setSuccess(null);
    }

    /** Fails the requests still waiting; open connections close with the event loops. */
    @Override
    public void close() {
        try {
            loop.execute(() -> {
                closed = true;
                for (Promise<Channel> p; (p = waiting.poll()) != null; ) {
                    p.tryFailure(new RejectedExecutionException("the connections are closed"));
                }
            });
        } catch (RejectedExecutionException e) {
            // the event loop has stopped: nothing waits on it any more
        }
    }
}
