package io.github.bttracker.internal.transport.http;

import io.github.bttracker.internal.metrics.RuntimeMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.pool.ChannelPool;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.Ticker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@link HttpExchange.Connections} over {@link EmbeddedChannel}s with the production pipeline, all on one Netty
 * {@link MockTicker}: a test plays the tracker by reading the request bytes a connection got and writing response
 * bytes, and moves time by hand. Connections given back open are handed out again, most recent first.
 */
final class EmbeddedPools implements HttpExchange.Connections {

    final MockTicker ticker = Ticker.newMockTicker();
    /** The loop whose timers run the exchanges' deadlines. */
    final EmbeddedChannel timers = EmbeddedChannel.builder().ticker(ticker).build();
    /** Every connection opened, in order. */
    final List<EmbeddedChannel> opened = new ArrayList<>();
    /** The open connections back in a pool, the most recent last. */
    final ArrayDeque<EmbeddedChannel> idle = new ArrayDeque<>();
    final Set<Origin> closing = new HashSet<>();
    private final Map<Channel, Origin> origins = new HashMap<>();
    int releases;
    private final HttpSettings options;

    EmbeddedPools(HttpSettings options) {
        this.options = options;
    }

    @Override
    public ChannelPool pool(Origin origin) {
        return new ChannelPool() {
            @Override
            public Future<Channel> acquire() {
                return acquire(timers.eventLoop().newPromise());
            }

            @Override
            public Future<Channel> acquire(Promise<Channel> promise) {
                for (var it = idle.descendingIterator(); it.hasNext(); ) {
                    EmbeddedChannel ch = it.next();
                    if (origins.get(ch).equals(origin)) {
                        it.remove();
                        return promise.setSuccess(ch);
                    }
                }
                EmbeddedChannel ch = EmbeddedChannel.builder().ticker(ticker).build();
                new ConnectionPools.PipelineInitializer(origin, java.util.Optional.empty(), null, options,
                        RuntimeMetrics.JFR_ONLY, false).channelCreated(ch);
                opened.add(ch);
                origins.put(ch, origin);
                return promise.setSuccess(ch);
            }

            @Override
            public Future<Void> release(Channel channel) {
                return release(channel, timers.eventLoop().newPromise());
            }

            @Override
            public Future<Void> release(Channel channel, Promise<Void> promise) {
                releases++;
                if (channel.isActive()) {
                    idle.add((EmbeddedChannel) channel);
                }
                return promise.setSuccess(null);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public Set<Origin> closingOrigins() {
        return closing;
    }

    @Override
    public boolean proxied(Origin origin) {
        return false;
    }

    @Override
    public io.netty.util.concurrent.EventExecutor timers(ChannelPool pool) {
        return timers.eventLoop();
    }

    EmbeddedChannel last() {
        return opened.get(opened.size() - 1);
    }

    /** Moves time forward and runs every timer due on the deadlines' loop and on each connection. */
    void advance(Duration by) {
        ticker.advance(by.toNanos(), TimeUnit.NANOSECONDS);
        timers.runScheduledPendingTasks();
        for (EmbeddedChannel ch : opened) {
            ch.runScheduledPendingTasks();
        }
    }

    /** @return the bytes written on {@code ch} since the last call, as text (the request is sent from a task) */
    static String received(EmbeddedChannel ch) {
        ch.runPendingTasks();
        StringBuilder text = new StringBuilder();
        for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
            text.append(b.toString(StandardCharsets.US_ASCII));
            b.release();
        }
        return text.toString();
    }

    /** The tracker sends {@code text} on {@code ch}. */
    static void send(EmbeddedChannel ch, String text) {
        ch.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
    }
}
