package io.github.bttracker.internal.transport.udp;

import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches response datagrams of one channel to the exchanges awaiting them, by transaction id. Ids are random and
 * never two alike in flight. A datagram from another address than the exchange's tracker, with an unknown id or with
 * an action the exchange does not expect is dropped with a debug log line, never taken as an error: anyone can send
 * datagrams to our port. Confined to the transport's event loop.
 */
final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final IntObjectMap<Exchange> pending = new IntObjectHashMap<>();

    int register(Exchange exchange) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int transactionId = random.nextInt();
        while (pending.containsKey(transactionId)) {
            transactionId = random.nextInt();
        }
        pending.put(transactionId, exchange);
        return transactionId;
    }

    void unregister(int transactionId, Exchange exchange) {
        if (pending.get(transactionId) == exchange) {
            pending.remove(transactionId);
        }
    }

    void dispatch(InetSocketAddress sender, UdpResponse response) {
        Exchange exchange = pending.get(response.transactionId());
        if (exchange == null) {
            LOG.debug("Dropping a datagram from {}: unknown transaction id {}", sender, response.transactionId());
            return;
        }
        if (!exchange.trackerAddress().equals(sender)) {
            LOG.debug("Dropping a datagram from {}: transaction {} belongs to {}", sender, response.transactionId(),
                    exchange.trackerAddress());
            return;
        }
        if (response.action() != exchange.expectedAction() && response.action() != UdpProtocol.ACTION_ERROR) {
            LOG.debug("Dropping a datagram from {}: action {} where {} was expected", sender, response.action(),
                    exchange.expectedAction());
            return;
        }
        exchange.answered(response);
    }
}
