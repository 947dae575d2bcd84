package io.github.bttracker.it.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A wide-area network in a box, for benchmarks: a UDP forwarder on loopback that delays every datagram by half the
 * round trip in each direction and drops a share of them at random, each way. Clients send to {@link #address()};
 * each client address gets its own upstream socket towards the tracker, so answers find their way back.
 */
public final class WanUdpProxy implements AutoCloseable {

    private final InetSocketAddress tracker;
    private final long oneWayNanos;
    private final double lossEachWay;
    private final Random random;
    private final DatagramChannel front;
    private final Map<SocketAddress, DatagramChannel> upstreams = new ConcurrentHashMap<>();
    private final ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "wan-proxy-delay");
        t.setDaemon(true);
        return t;
    });
    private final Thread frontReader;
    private volatile boolean closed;

    private WanUdpProxy(InetSocketAddress tracker, Duration roundTrip, double lossEachWay, long seed)
            throws IOException {
        this.tracker = tracker;
        this.oneWayNanos = roundTrip.toNanos() / 2;
        this.lossEachWay = lossEachWay;
        this.random = new Random(seed);
        this.front = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.front.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 4 * 1024 * 1024);
        this.frontReader = new Thread(this::readFront, "wan-proxy-front");
        this.frontReader.setDaemon(true);
        this.frontReader.start();
    }

    /**
     * @param roundTrip added round-trip time (half each way)
     * @param lossEachWay share of datagrams dropped in each direction, 0 to 1
     */
    public static WanUdpProxy start(InetSocketAddress tracker, Duration roundTrip, double lossEachWay, long seed) {
        try {
            return new WanUdpProxy(tracker, roundTrip, lossEachWay, seed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public InetSocketAddress address() {
        try {
            return (InetSocketAddress) front.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readFront() {
        ByteBuffer buffer = ByteBuffer.allocate(65_536);
        while (!closed) {
            try {
                buffer.clear();
                SocketAddress client = front.receive(buffer);
                buffer.flip();
                byte[] datagram = new byte[buffer.remaining()];
                buffer.get(datagram);
                DatagramChannel upstream = upstreams.computeIfAbsent(client, this::openUpstream);
                forwardLater(upstream, tracker, datagram);
            } catch (IOException e) {
                if (!closed) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private DatagramChannel openUpstream(SocketAddress client) {
        try {
            DatagramChannel upstream = DatagramChannel.open()
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            upstream.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 4 * 1024 * 1024);
            Thread reader = new Thread(() -> readUpstream(upstream, client), "wan-proxy-upstream");
            reader.setDaemon(true);
            reader.start();
            return upstream;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readUpstream(DatagramChannel upstream, SocketAddress client) {
        ByteBuffer buffer = ByteBuffer.allocate(65_536);
        while (!closed) {
            try {
                buffer.clear();
                upstream.receive(buffer);
                buffer.flip();
                byte[] datagram = new byte[buffer.remaining()];
                buffer.get(datagram);
                forwardLater(front, client, datagram);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void forwardLater(DatagramChannel via, SocketAddress to, byte[] datagram) {
        boolean lost;
        synchronized (random) {
            lost = random.nextDouble() < lossEachWay;
        }
        if (lost || closed) {
            return;
        }
        delays.schedule(() -> {
            try {
                via.send(ByteBuffer.wrap(datagram), to);
            } catch (IOException e) {
                // closing
            }
        }, oneWayNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        closed = true;
        delays.shutdownNow();
        try {
            front.close();
            for (DatagramChannel upstream : upstreams.values()) {
                upstream.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
